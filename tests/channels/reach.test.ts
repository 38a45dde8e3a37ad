import pino from "pino";
import { describe, expect, it } from "vitest";
import type { ChatAddress } from "../../src/app/messages";
import { Unreachable, type ChannelSender } from "../../src/app/sender";
import { newEntry } from "../../src/domain/outbox";
import { Delivery } from "../../src/scheduler/delivery";
import { openLowdbStore } from "../../src/store/lowdb-store";
import type { Store } from "../../src/store/store";
import { createTestBot, seedUnit } from "../helpers/chat";
import { account } from "../helpers/records";
import { deliverNotice } from "../helpers/notices";

const NOW = new Date("2026-11-29T03:00:00.000Z");
const log = pino({ level: "silent" });

/**
 * Person p-501: Telegram 501 (their chosen channel, which says they blocked the bot), and Zalo z501
 * used more recently. Returns the chats each channel was asked to send to, and the writes of
 * `unreachable: true` to the store.
 */
async function blockedOnTelegram(store: Store) {
  const [personId] = await seedUnit(store, { id: "u1" }, [{ userId: "501" }]);
  await store.people.put({ ...(await store.people.get(personId!))!, preferredChannel: "telegram" });
  await store.accounts.put(account("zalo", "z501", personId!, { lastSeenAt: "2026-01-06T02:00:00.000Z" }));
  const tried: string[] = [];
  const marks: string[] = [];
  const put = store.accounts.put.bind(store.accounts);
  store.accounts.put = async (account) => {
    if (account.unreachable) marks.push(account.id);
    return put(account);
  };
  const sender = (channel: string, blocked?: string): ChannelSender => ({
    async send(chat: ChatAddress) {
      tried.push(`${channel}:${chat.chatId}`);
      if (chat.chatId === blocked) throw new Unreachable(chat);
    },
  });
  return { personId: personId!, tried, marks, senders: { telegram: sender("telegram", "501"), zalo: sender("zalo") } };
}

describe("a person who blocked the bot on one channel", () => {
  it("is marked unreachable there once and reached on their other channel, when a notice met the block", async () => {
    const bot = await createTestBot();
    const { personId, tried, marks, senders } = await blockedOnTelegram(bot.store);
    expect((await deliverNotice(bot, senders, { personId }, { text: "Lịch học mới" })).status).toBe("sent");
    expect((await deliverNotice(bot, senders, { personId }, { text: "Nhắc báo cáo" })).status).toBe("sent");
    expect(tried).toEqual(["telegram:501", "zalo:z501", "zalo:z501"]);
    expect(marks).toEqual(["telegram:501"]);
  });

  it("is marked unreachable there once and reached on their other channel, when the delivery met the block", async () => {
    const store = await openLowdbStore();
    const { personId, tried, marks, senders } = await blockedOnTelegram(store);
    const note = (id: string) =>
      newEntry(
        {
          id,
          kind: "test",
          to: { type: "person", personId },
          message: { key: "broadcast:message", vars: { text: id } },
          essential: true,
          notBefore: NOW.toISOString(),
        },
        NOW,
      );
    const clock = { t: 0, now: () => clock.t, sleep: async (ms: number) => void (clock.t += ms) };
    const delivery = new Delivery({ store, log, now: () => NOW, defaultLocale: "vi" }, senders, { clock });
    await store.outbox.put(note("note1"));
    await delivery.kick();
    await store.outbox.put(note("note2"));
    await delivery.kick();
    expect(tried).toEqual(["telegram:501", "zalo:z501", "zalo:z501"]);
    expect(marks).toEqual(["telegram:501"]);
    expect(delivery.totals()).toMatchObject({ sent: 2 });
  });
});
