/**
 * An update that failed once is not dropped when Telegram sends it again (issue 25, point 1): the
 * real webhook server and chat core, with a store that cannot take the update the first time — its
 * disk full (the embedded store) or its database gone (PostgreSQL). The webhook answers 500, the
 * copy Telegram resends to the same instance is answered, and the bot goes on answering.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createUpdateLog } from "../../src/app/updates";
import { openLowdbStore } from "../../src/store/lowdb-store";
import { openPostgresStore } from "../../src/store/postgres/postgres-store";
import { createTestBot } from "../helpers/chat";
import { relayTo, withFullDisk, type DatabaseLink } from "../helpers/faults";
import { freshDatabase } from "../helpers/postgres";
import { startTelegramHarness, WEBHOOK_SECRET, type TelegramHarness } from "./harness";

let h: TelegramHarness | undefined;
let link: DatabaseLink | undefined;
afterEach(async () => {
  await h?.close();
  await link?.close();
  h = link = undefined;
});

/** A new person's `/trogiup`, as Telegram posts it. */
const trogiup = (updateId: number, userId: number) => ({
  update_id: updateId,
  message: {
    message_id: updateId,
    date: 1_765_000_000,
    from: { id: userId, is_bot: false, first_name: "Lan" },
    chat: { id: userId, type: "private" },
    text: "/trogiup",
  },
});

const HELP = "Các lệnh dành cho bạn";

/** The bot on the embedded store whose disk the test fills and frees, with the update log main.ts gives it. */
async function onEmbeddedStore() {
  const disk = withFullDisk(await openLowdbStore());
  const bot = await createTestBot({ store: disk.store });
  h = await startTelegramHarness({ mode: "webhook", bot, updates: createUpdateLog(disk.store, bot.deps.now) });
  return { disk, h };
}

describe("an update the store could not take, sent again by Telegram", () => {
  it("is answered 500 while the disk is full, and answered once when its copy comes after space was freed", async () => {
    const { disk, h } = await onEmbeddedStore();
    disk.full = true;
    expect((await h.post(trogiup(770000001, 5001), WEBHOOK_SECRET)).status).toBe(500);
    expect(h.texts(5001)).toEqual([]);
    disk.full = false;
    expect((await h.post(trogiup(770000001, 5001), WEBHOOK_SECRET)).status).toBe(200);
    expect(h.texts(5001)).toHaveLength(1);
    expect(h.texts(5001)[0]).toContain(HELP);
    // Handled now: a third copy is acknowledged and not answered again.
    expect((await h.post(trogiup(770000001, 5001), WEBHOOK_SECRET)).status).toBe(200);
    expect(h.texts(5001)).toHaveLength(1);
    // The bot goes on: the next person is answered.
    expect((await h.post(trogiup(770000002, 5002), WEBHOOK_SECRET)).status).toBe(200);
    expect(h.texts(5002)[0]).toContain(HELP);
  });

  it("is answered when only the new person's records failed after the update was claimed", async () => {
    const { disk, h } = await onEmbeddedStore();
    disk.full = (collection) => collection === "people";
    expect((await h.post(trogiup(770000011, 5011), WEBHOOK_SECRET)).status).toBe(500);
    disk.full = false;
    expect((await h.post(trogiup(770000011, 5011), WEBHOOK_SECRET)).status).toBe(200);
    expect(h.texts(5011)).toHaveLength(1);
    expect(h.texts(5011)[0]).toContain(HELP);
    expect(await h.bot.store.accounts.get("telegram:5011")).toMatchObject({ externalId: "5011" });
  });

  it("is answered even when the claim could not be given back to the store after the failure", async () => {
    const { disk, h } = await onEmbeddedStore();
    let claims = 0;
    // The claim is written, the person is not, and the claim's removal meets the full disk too.
    disk.full = (collection) => collection === "people" || (collection === "seenUpdates" && claims++ > 0);
    expect((await h.post(trogiup(770000021, 5021), WEBHOOK_SECRET)).status).toBe(500);
    expect(await h.bot.store.seenUpdates.get("telegram:770000021")).toMatchObject({ id: "telegram:770000021" });
    disk.full = false;
    expect((await h.post(trogiup(770000021, 5021), WEBHOOK_SECRET)).status).toBe(200);
    expect(h.texts(5021)).toHaveLength(1);
    expect(h.texts(5021)[0]).toContain(HELP);
  });

  it("is answered 500 while the database is gone, and answered once when its copy comes after it is back", async () => {
    link = await relayTo(await freshDatabase());
    const store = await openPostgresStore({ url: link.url });
    const bot = await createTestBot({ store });
    h = await startTelegramHarness({ mode: "webhook", bot, updates: createUpdateLog(store, bot.deps.now) });
    await link.cut();
    expect((await h.post(trogiup(770000031, 5031), WEBHOOK_SECRET)).status).toBe(500);
    expect(h.texts(5031)).toEqual([]);
    await link.restore();
    expect((await h.post(trogiup(770000031, 5031), WEBHOOK_SECRET)).status).toBe(200);
    expect(h.texts(5031)).toHaveLength(1);
    expect(h.texts(5031)[0]).toContain(HELP);
    expect((await h.post(trogiup(770000031, 5031), WEBHOOK_SECRET)).status).toBe(200);
    expect(h.texts(5031)).toHaveLength(1);
    expect((await h.post(trogiup(770000032, 5032), WEBHOOK_SECRET)).status).toBe(200);
    expect(h.texts(5032)[0]).toContain(HELP);
  }, 30_000);
});
