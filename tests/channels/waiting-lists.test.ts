/**
 * Lists of requests on the channels without buttons (console, Zalo): each request's options stay
 * answerable until it is handled, and a handled one comes back in no later list.
 */
import { afterEach, describe, expect, it } from "vitest";
import { consoleDriver, seedTwoUnits, zaloDriver, type ChannelDriver, type OpenDriver } from "../helpers/channels";

const numbered: [string, OpenDriver][] = [
  ["console", consoleDriver],
  ["zalo", (options) => zaloDriver(undefined, options)],
];

describe.each(numbered)("waiting requests on the %s channel", (_name, open) => {
  let d: ChannelDriver;
  afterEach(() => d.close());

  async function register(userId: string, name: string): Promise<void> {
    await d.say(userId, "/start u-u01");
    await d.say(userId, name);
    await d.press(userId, "Đoàn viên");
    await d.press(userId, "Trung cấp");
    await d.say(userId, "1998");
    await d.say(userId, "0912345678");
    await d.press(userId, "Đồng ý cả hai, gửi đăng ký");
  }

  it("/choduyet keeps every request answerable after one is approved, and the handled ones come back nowhere", async () => {
    d = await open();
    await seedTwoUnits(d);
    await register("100", "Nguyễn Văn An");
    await register("101", "Trần Thị Bình");
    expect(await d.say("501", "/choduyet")).toEqual([
      "Có 2 đăng ký đang chờ duyệt:",
      "Đăng ký mới cần duyệt: Nguyễn Văn An — Đoàn viên, Đoàn cơ sở Sở Tư pháp.\n\n1. Duyệt\n2. Từ chối",
      "Đăng ký mới cần duyệt: Trần Thị Bình — Đoàn viên, Đoàn cơ sở Sở Tư pháp.\n\n3. Duyệt\n4. Từ chối",
    ]);
    expect(await d.say("501", "1")).toEqual(["Đã duyệt đăng ký của Nguyễn Văn An."]);
    expect(await d.say("501", "3")).toEqual(["Đã duyệt đăng ký của Trần Thị Bình."]);
    // Both handled: an unrelated command shows neither again, and nothing is left to answer.
    expect(await d.say("501", "/ngonngu")).toEqual(["Chọn ngôn ngữ / Choose a language:\n\n1. Tiếng Việt\n2. English"]);
    expect(await d.options("501")).toEqual(["Tiếng Việt", "English"]);
  });

  it("drops a request's notification once it is decided by a typed command, keeping the other one waiting", async () => {
    d = await open();
    await seedTwoUnits(d);
    await register("100", "Nguyễn Văn An");
    await register("101", "Trần Thị Bình");
    const [an] = await d.bot.store.cadres.find({ fullName: "Nguyễn Văn An" });
    expect(await d.say("501", `/duyet ${an!.id}`)).toEqual(["Đã duyệt đăng ký của Nguyễn Văn An."]);
    // An's notification (1, 2) is gone; Bình's keeps its numbers 3 and 4, which the new options do not take.
    expect(await d.say("501", "/ngonngu")).toEqual(["Chọn ngôn ngữ / Choose a language:\n\n1. Tiếng Việt\n2. English"]);
    expect(await d.options("501")).toEqual(["Tiếng Việt", "English", "Duyệt", "Từ chối"]);
    expect(await d.say("501", "3")).toEqual(["Đã duyệt đăng ký của Trần Thị Bình."]);
  });
});
