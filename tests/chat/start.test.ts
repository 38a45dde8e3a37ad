import { describe, expect, it } from "vitest";
import { allFeatures } from "../../src/features";
import { translator } from "../../src/i18n";
import { createTestBot, seedUnit } from "../helpers/chat";

describe("first contact", () => {
  it("welcomes a newcomer in Vietnamese and points to /trogiup", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" });
    expect(await bot.text("100", "/start")).toMatch(/Xin chào!.*\n.*\n.*\/trogiup/s);
  });

  it("greets a registered cadre by name", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "200", fullName: "Trần Thị Bình" }]);
    expect(await bot.text("200", "/start")).toContain("Chào Trần Thị Bình!");
  });

  it("answers /help and /trogiup with the same list, in the person's language", async () => {
    const bot = await createTestBot();
    const vi = await bot.text("100", "/trogiup");
    expect(await bot.text("100", "/help")).toBe(vi);
    expect(vi).toContain("/ngonngu (/lang)");
    await bot.say("100", "/lang en");
    expect(await bot.text("100", "/help")).toContain("/lang (/ngonngu) — change the language");
  });

  it("saves the chosen language per person, offered as buttons", async () => {
    const bot = await createTestBot();
    const [choice] = await bot.say("100", "/ngonngu");
    expect(choice!.buttons!.flat().map((b) => b.data)).toEqual(["/ngonngu vi", "/ngonngu en"]);
    expect(await bot.text("100", "/ngonngu en", { isButton: true })).toBe("Switched to English.");
    const [account] = await bot.store.accounts.find({ externalId: "100" });
    expect((await bot.store.people.get(account!.personId))!.locale).toBe("en");
    expect(await bot.text("100", "/whatever")).toContain("does not know /whatever");
  });

  it("explains unknown commands in private chat and stays silent about them in groups", async () => {
    const bot = await createTestBot();
    expect(await bot.text("100", "/khongco")).toContain("/khongco");
    expect(await bot.say("100", "/khongco", { chatType: "group", chatId: "-500" })).toEqual([]);
  });

  it("suggests the command a typo meant: a space inside it, a word cut short, a letter off", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "200", fullName: "Trần Thị Bình" }]);
    expect(await bot.text("200", "/ghi danh L26-01")).toBe(
      "Bot chưa hiểu lệnh /ghi. Có phải bạn muốn gõ /ghidanh? Gõ /trogiup để xem danh sách lệnh.",
    );
    expect(await bot.text("200", "/schedul")).toBe(
      "Bot chưa hiểu lệnh /schedul. Có phải bạn muốn gõ /schedule? Gõ /trogiup để xem danh sách lệnh.",
    );
    expect(await bot.text("200", "/lichoc")).toBe(
      "Bot chưa hiểu lệnh /lichoc. Có phải bạn muốn gõ /lichhoc? Gõ /trogiup để xem danh sách lệnh.",
    );
    expect(await bot.text("200", "/xyzzy")).toBe("Bot chưa hiểu lệnh /xyzzy. Gõ /trogiup để xem danh sách lệnh.");
  });

  it("accepts commands addressed to the bot by name in a group (/help@doan_bot)", async () => {
    const bot = await createTestBot();
    expect(await bot.text("100", "/help@doan_bot", { chatType: "group", chatId: "-500" })).toContain("/trogiup");
  });

  it("groups /trogiup under a heading per feature, each heading in both languages", async () => {
    const bot = await createTestBot({ adminIds: ["telegram:admin"] });
    const help = await bot.text("admin", "/trogiup");
    expect(help).toContain("\nChung\n/trogiup (/help)");
    expect(help).toContain("\nLớp bồi dưỡng\n/lichhoc (/schedule)");
    for (const feature of allFeatures(() => []).filter((f) => f.commands?.length)) {
      for (const lng of ["vi", "en"] as const) expect(translator(lng)(`${feature.name}:helpSection`)).not.toContain("helpSection");
    }
  });
  it("answers /trogiup <lệnh> with that command alone, typed any way, and says so when it is not the person's or does not exist", async () => {
    const bot = await createTestBot({ adminIds: ["telegram:admin"] });
    const quota = [
      "/phanbo (/quota) — xem và sửa số lượng phân bổ từng đơn vị của một lớp",
      "Nhóm lệnh: Lớp bồi dưỡng.",
      "Gõ /phanbo để dùng lệnh này; gõ /trogiup để xem tất cả các lệnh của bạn.",
    ].join("\n");
    expect(await bot.text("admin", "/trogiup phanbo")).toBe(quota);
    expect(await bot.text("admin", "/trogiup /quota")).toBe(quota);
    expect(await bot.text("admin", "/trogiup phân bổ")).toBe(quota);
    expect(await bot.text("admin", "/trogiup chitieu")).toBe(quota);
    expect(await bot.text("100", "/trogiup phanbo")).toBe(
      "Lệnh /phanbo không thuộc các lệnh dành cho bạn (khách, chưa đăng ký). Gõ /trogiup để xem các lệnh bạn dùng được.",
    );
    expect(await bot.text("100", "/trogiup lichoc")).toBe(
      "Bot không có lệnh “lichoc”. Có phải bạn muốn hỏi về /lichhoc? Gõ /trogiup lichhoc để xem lệnh đó, hoặc /trogiup để xem tất cả các lệnh.",
    );
    expect(await bot.text("100", "/trogiup xyzzy")).toBe("Bot không có lệnh “xyzzy”. Gõ /trogiup để xem các lệnh bạn dùng được.");
    expect(await bot.text("100", `/trogiup ${"x".repeat(300)}`)).toBe(
      `Bot không có lệnh “${"x".repeat(39)}…”. Gõ /trogiup để xem các lệnh bạn dùng được.`,
    );
    await bot.say("admin", "/lang en");
    expect(await bot.text("admin", "/help lichhoc")).toBe(
      [
        "/schedule (/lichhoc) — upcoming classes, calendar files (.ics)",
        "Section: Classes.",
        "Type /schedule to use it; type /help to see all your commands.",
      ].join("\n"),
    );
  });

  it("ends the full list with how to ask about one command", async () => {
    const bot = await createTestBot();
    expect(await bot.text("100", "/trogiup")).toContain(
      "\nGõ /trogiup <lệnh> (ví dụ /trogiup phanbo) để xem riêng một lệnh. Khi đang làm dở một thao tác, gõ /huy để hủy hoặc /quaylai để quay lại bước trước. For English: /lang en",
    );
  });
});
