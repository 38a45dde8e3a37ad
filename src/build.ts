/** Builds the chat core with every feature; used by main.ts and by tests with fake deps. */
import { randomUUID } from "node:crypto";
import { createChatCore, type ChatCore } from "./chat/core";
import { allFeatures } from "./features";
import type { Deps } from "./app/deps";

export function buildChat(deps: Deps): ChatCore {
  let core: ChatCore | undefined;
  core = createChatCore(
    deps,
    allFeatures(() => core?.commands ?? []),
  );
  return core;
}

/** Short unique ids: `p-3f9a1c2b7d4e`. */
export function newId(prefix: string): string {
  return `${prefix}-${randomUUID().replace(/-/g, "").slice(0, 12)}`;
}
