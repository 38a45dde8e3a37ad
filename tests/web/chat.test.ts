/**
 * Opening the web view from the chat: on Telegram a Mini App button under the answers it extends and
 * a menu button for officers and admins (the real channel against the fake Bot API); on Zalo and the
 * console `/web` and the same answers bring a one-time link; a group gets neither.
 */
import { afterEach, describe, expect, it } from "vitest";
import { consoleDriver, zaloDriver, type ChannelDriver } from "../helpers/channels";
import { createTestBot, seedUnit } from "../helpers/chat";
import { startTelegramHarness, type TelegramHarness } from "../telegram/harness";
import { webMenuButton } from "../../src/web/menu-button";
import type { ApiCall } from "../telegram/fake-bot-api";

const WEBAPP = "https://bot.example.org";

describe("on Telegram", () => {
  let h: TelegramHarness | undefined;
  afterEach(() => h?.close());

  async function start(): Promise<TelegramHarness> {
    const bot = await createTestBot({ adminIds: ["telegram:9001"] });
    bot.deps.config.webappUrl = WEBAPP;
    await seedUnit(bot.store, { id: "u-tp", name: "Đoàn cơ sở Sở Tư pháp" }, [
      { userId: "1001", fullName: "Trần Thị Lan", position: "secretary" },
      { userId: "1002", fullName: "Lê Văn Bình" },
    ]);
    h = await startTelegramHarness({ bot, menuButton: webMenuButton(bot.deps) });
    return h;
  }

  const webAppButtons = (c: ApiCall) =>
    ((c.params.reply_markup?.inline_keyboard ?? []) as { text: string; web_app?: { url: string } }[][])
      .flat()
      .filter((b) => b.web_app)
      .map((b) => [b.text, b.web_app!.url]);

  it("puts a Mini App button under an officer's /tiendo, opening their unit", async () => {
    const harness = await start();
    harness.fake.pushMessage({ userId: 1001, text: "/tiendo" });
    const message = await harness.nthMessage(1001);
    expect(webAppButtons(message)).toEqual([["📊 Bảng theo dõi", "https://bot.example.org/app/tg?view=unit"]]);
  });

  it("gives officers and admins the menu button «Bảng theo dõi», and plain cadres none", async () => {
    const harness = await start();
    harness.fake.pushMessage({ userId: 1001, text: "/trogiup" });
    harness.fake.pushMessage({ userId: 1002, text: "/trogiup" });
    const menu = await harness.fake.waitFor((c) => c.method === "setChatMenuButton");
    expect([menu.params.chat_id, JSON.stringify(menu.params.menu_button)]).toEqual([
      1001,
      JSON.stringify({ type: "web_app", text: "Bảng theo dõi", web_app: { url: "https://bot.example.org/app/tg" } }),
    ]);
    await harness.nthMessage(1002);
    harness.fake.pushMessage({ userId: 1002, text: "/web" });
    await harness.nthMessage(1002, 2);
    expect(harness.fake.calls.filter((c) => c.method === "setChatMenuButton").map((c) => c.params.chat_id)).toEqual([1001]);
  });
});

describe("in a group", () => {
  it("an officer's /tiendo brings neither a Mini App button nor a link (one person's view is not the group's)", async () => {
    const bot = await createTestBot();
    bot.deps.config.webappUrl = WEBAPP;
    await seedUnit(bot.store, { id: "u-tp", name: "Đoàn cơ sở Sở Tư pháp" }, [
      { userId: "1001", fullName: "Trần Thị Lan", position: "secretary" },
    ]);
    const replies = await bot.say("1001", "/tiendo", { chatType: "group", chatId: "-500" });
    expect(replies.map((r) => r.text).join("\n")).toContain("Đoàn cơ sở Sở Tư pháp"); // it did answer, with the unit's progress
    expect(replies.flatMap((r) => (r.buttons ?? []).flat()).filter((b) => b.webApp)).toEqual([]);
    expect(replies.map((r) => r.text).join("\n")).not.toContain("/app/");
    expect(await bot.store.webPasses.all()).toEqual([]);
  });
});

describe.each([
  ["console", () => consoleDriver()],
  ["zalo", () => zaloDriver()],
])("on %s", (_name, open) => {
  let d: ChannelDriver | undefined;
  afterEach(() => d?.close());

  it("/web sends a one-time link of this account, and /lichhoc the same way to the table", async () => {
    d = await open();
    d.bot.deps.config.webappUrl = WEBAPP;
    await seedUnit(d.bot.store, { id: "u-tp", name: "Đoàn cơ sở Sở Tư pháp" }, [{ userId: "501", fullName: "Lê Văn Bình" }], d.channel);
    const web = (await d.say("501", "/web")).join("\n");
    expect(web).toMatch(
      /Xem dạng bảng \(đường dẫn riêng của bạn, mở được một lần trong 10 phút\): https:\/\/bot\.example\.org\/app\/open\?k=[\w-]{43}$/,
    );
    const schedule = (await d.say("501", "/lichhoc")).join("\n");
    expect(schedule).toMatch(/https:\/\/bot\.example\.org\/app\/open\?k=[\w-]{43}$/);
    const links = (await d.bot.store.webPasses.all()).filter((p) => p.kind === "link");
    expect(links.map((l) => [l.accountId, l.personId])).toEqual([
      [`${d.channel}:501`, "p-501"],
      [`${d.channel}:501`, "p-501"],
    ]);
  });
});
