/** A notifier that queues nothing, for benches that measure something else than notices. */
import type { Notifier } from "../src/app/deps";

export const quietNotifier: Notifier = {
  toPerson: async () => {},
  toChat: async () => {},
  scope: () => quietNotifier,
  flush: () => {},
};
