/**
 * A notice queued as a feature queues it (`deps.notify`) and delivered by the scheduler's one
 * delivery through the given channel senders, on a clock whose sleeps take no time.
 */
import type { ChatAddress, Reply } from "../../src/app/messages";
import type { ChannelSender } from "../../src/app/sender";
import { noticeKey, type OutboxEntry } from "../../src/domain/outbox";
import type { ChannelName } from "../../src/domain/records";
import { Delivery } from "../../src/scheduler/delivery";
import type { TestBot } from "./chat";

let n = 0;

/** Queues `reply` for a person (or a chat) and delivers the outbox; resolves to the notice's entry as it ended. */
export async function deliverNotice(
  bot: TestBot,
  senders: Partial<Record<ChannelName, ChannelSender>>,
  to: { personId: string } | ChatAddress,
  reply: Reply,
): Promise<OutboxEntry> {
  const key = noticeKey("test", String(++n));
  // A test's notice tells of no change: it is the only write of its transaction.
  await bot.store.transaction(async (tx) => {
    if ("personId" in to) await bot.deps.notify.toPerson(to.personId, key, () => reply, tx);
    else await bot.deps.notify.toChat(to, key, () => reply, tx);
  });
  const clock = { t: 0, now: () => clock.t, sleep: async (ms: number) => void (clock.t += ms) };
  await new Delivery({ ...bot.deps, defaultLocale: "vi" }, senders, { clock }).kick();
  const [entry] = (await bot.store.outbox.all()).filter((e) => e.id.startsWith(`${key}:`));
  return entry!;
}
