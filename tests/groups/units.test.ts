import { describe, expect, it } from "vitest";
import { seedDemo } from "../../src/demo";
import { senderApi, telegramSender } from "../../src/channels/telegram/sender";
import { Delivery } from "../../src/scheduler/delivery";
import { newEntry } from "../../src/domain/outbox";
import { startFakeBotApi } from "../telegram/fake-bot-api";
import { buttonData, createTestBot, seedUnit } from "../helpers/chat";
import { account, certificate } from "../helpers/records";

const group = { chatType: "group" as const, chatId: "-1001" };

describe("group linking", () => {
  it("ties a group to the officer's unit and answers with a button opening registration through the deep link", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
      { userId: "sec", position: "secretary", electedOn: "2025-01-01" },
    ]);
    const [answer] = await bot.say("sec", "/lienket", group);
    expect(answer!.text).toContain("đã được liên kết với Đoàn cơ sở Sở Tư pháp");
    const link = buttonData(answer!, "Đăng ký hồ sơ");
    expect(link).toBe("/start u-u01");
    expect((await bot.store.units.get("u01"))!.groups).toMatchObject([{ channel: "telegram", chatId: "-1001", linkedBy: "p-sec" }]);
    expect(await bot.text("newbie", link)).toContain("Đăng ký hồ sơ cán bộ Đoàn của Đoàn cơ sở Sở Tư pháp");
  });

  it("keeps the link when the group is migrated to a supergroup", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "sec", position: "secretary", electedOn: "2025-01-01" }]);
    await bot.say("sec", "/lienket", group);
    await bot.say("sec", "", { chatType: "group", chatId: "-1009999", migratedFromChatId: "-1001" });
    expect((await bot.store.units.get("u01"))!.groups.map((g) => g.chatId)).toEqual(["-1009999"]);
  });

  it("refuses /lienket in a private chat and from a plain cadre", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "c" }, { userId: "sec", position: "secretary", electedOn: "2025-01-01" }]);
    expect(await bot.text("sec", "/lienket")).toBe(
      "Lệnh /lienket chỉ dùng trong nhóm chat của đơn vị (hoặc nhóm Ban Thường vụ): thêm bot vào nhóm Zalo hoặc Telegram đó, rồi gõ /lienket trong nhóm.",
    );
    expect(await bot.text("c", "/lienket", group)).toContain("không có quyền");
  });
});

describe("taking over a linked group", () => {
  async function twoUnitsLinked() {
    const bot = await createTestBot({ adminIds: ["telegram:boss"] });
    await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
      { userId: "secA", position: "secretary", electedOn: "2025-01-01", fullName: "Lê Văn A" },
    ]);
    await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Y tế" }, [
      { userId: "secB", position: "secretary", electedOn: "2025-01-01", fullName: "Trần Thị B" },
    ]);
    await bot.say("secB", "/lienket", group);
    await bot.say("boss", "/lienket khoi", { chatType: "group", chatId: "-1000" });
    return bot;
  }
  const chatsOf = async (bot: Awaited<ReturnType<typeof twoUnitsLinked>>, unitId: string) =>
    (await bot.store.units.get(unitId))!.groups.map((g) => g.chatId);

  it("refuses an officer of another unit re-linking a unit's group, and leaves it where it was", async () => {
    const bot = await twoUnitsLinked();
    const audited = await bot.store.audit.count();
    expect(await bot.text("secA", "/lienket", group)).toBe(
      "Nhóm này đang liên kết với Đoàn cơ sở Sở Y tế. Chỉ Ban Thường vụ Đoàn Khối hoặc Bí thư, Phó Bí thư của Đoàn cơ sở Sở Y tế mới chuyển được liên kết của nhóm.",
    );
    expect(await bot.text("secA", "/lienket u01 xacnhan", group)).toContain(
      "Chỉ Ban Thường vụ Đoàn Khối hoặc Bí thư, Phó Bí thư của Đoàn cơ sở Sở Y tế",
    );
    expect(await chatsOf(bot, "u02")).toEqual(["-1001"]);
    expect(await chatsOf(bot, "u01")).toEqual([]);
    expect(await bot.store.audit.count()).toBe(audited);
  });

  it("refuses an officer re-linking the Standing Committee's group", async () => {
    const bot = await twoUnitsLinked();
    expect(await bot.text("secA", "/lienket xacnhan", { chatType: "group", chatId: "-1000" })).toContain(
      "Chỉ Ban Thường vụ (quản trị viên) mới chuyển được",
    );
    expect((await bot.store.bloc.get("bloc"))!.groups.map((g) => g.chatId)).toEqual(["-1000"]);
    expect(await chatsOf(bot, "u01")).toEqual([]);
  });

  it("moves a group for an admin only once confirmed, tells the previous unit's officers and writes it to the audit log", async () => {
    const bot = await twoUnitsLinked();
    const [question] = await bot.say("boss", "/lienket u01", group);
    expect(question!.text).toBe(
      "Nhóm này đang liên kết với Đoàn cơ sở Sở Y tế. Bạn có chắc muốn chuyển nhóm sang Đoàn cơ sở Sở Tư pháp? Người trong nhóm sẽ được mời đăng ký vào Đoàn cơ sở Sở Tư pháp, và Đoàn cơ sở Sở Y tế sẽ được báo.",
    );
    expect(await chatsOf(bot, "u02")).toEqual(["-1001"]);
    expect(bot.inbox("p-secB")).toEqual([]);
    const confirm = buttonData(question!, "Chuyển liên kết");
    expect(confirm).toBe("/lienket u01 xacnhan");
    expect(await bot.text("boss", confirm, { ...group, isButton: true })).toContain("đã được liên kết với Đoàn cơ sở Sở Tư pháp");
    expect(await chatsOf(bot, "u02")).toEqual([]);
    expect(await chatsOf(bot, "u01")).toEqual(["-1001"]);
    expect(bot.inbox("p-secB")).toEqual([
      "Nhóm chat telegram:-1001 vừa được một thành viên Ban Thường vụ Đoàn Khối chuyển liên kết từ Đoàn cơ sở Sở Y tế sang Đoàn cơ sở Sở Tư pháp. Nếu việc này không đúng, bạn liên hệ Ban Thường vụ Đoàn Khối.",
    ]);
    const moved = (await bot.store.audit.find({ action: "unit.link", subjectId: "u01" })).map((a) => a.details);
    expect(moved).toEqual([{ chat: "telegram:-1001", from: "u02" }]);
  });

  it("lets the owning unit's officer re-link the group to the same unit without asking", async () => {
    const bot = await twoUnitsLinked();
    expect(await bot.text("secB", "/lienket", group)).toContain("đã được liên kết với Đoàn cơ sở Sở Y tế");
    expect(await chatsOf(bot, "u02")).toEqual(["-1001"]);
  });

  it("moves a unit's group to the bloc for an admin after confirmation, telling that unit's officers", async () => {
    const bot = await twoUnitsLinked();
    const [question] = await bot.say("boss", "/lienket khoi", group);
    expect(question!.text).toContain(
      "Nhóm này đang liên kết với Đoàn cơ sở Sở Y tế. Bạn có chắc muốn chuyển nhóm sang Ban Thường vụ Đoàn Khối?",
    );
    expect(await bot.text("boss", buttonData(question!, "Chuyển liên kết"), { ...group, isButton: true })).toContain(
      "nhóm của Ban Thường vụ Đoàn Khối",
    );
    expect((await bot.store.bloc.get("bloc"))!.groups.map((g) => g.chatId)).toEqual(["-1000", "-1001"]);
    expect(await chatsOf(bot, "u02")).toEqual([]);
    expect(bot.inbox("p-secB").at(-1)).toContain("từ Đoàn cơ sở Sở Y tế sang Ban Thường vụ Đoàn Khối");
  });
});

describe("rosters", () => {
  it("lists the 66 demo units with their counts for an admin, and one unit's roster on request", async () => {
    const bot = await createTestBot({ adminIds: ["telegram:admin"] });
    await seedDemo(bot.store, bot.deps);
    const replies = await bot.say("admin", "/donvi");
    const text = replies.map((r) => r.text).join("\n");
    expect(text).toContain("66 đơn vị");
    expect(text).toContain("(trang 1/5)");
    expect(text).toMatch(/^u01 — .+: \d+ \/ 0$/m);
    expect(await bot.text("admin", "/donvi trang 5")).toMatch(/^u66 — .+: \d+ \/ 0$/m);
    for (const r of replies) expect(r.text.length).toBeLessThanOrEqual(4096);
    const roster = await bot.text("admin", "/donvi tu phap");
    expect(roster).toMatch(/^Đoàn cơ sở Sở Tư pháp \(mẫu\) — \d+ cán bộ đã duyệt/);
    expect(roster).toMatch(/p-demo-u01-1\) — Bí thư; LLCT: Cử nhân chính trị; đang học/);
    expect(roster).toMatch(/p-demo-u01-2\) — Phó Bí thư; LLCT: Sơ cấp; đã bồi dưỡng/);
  });

  it("shows an officer their own unit, with training status from certificates", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở A" }, [
      { userId: "sec", position: "secretary", electedOn: "2025-01-01", fullName: "Bùi Thị Sen" },
      { userId: "m", fullName: "Cao Văn Minh" },
    ]);
    await bot.store.certificates.put(certificate("p-sec", "2026-06-01", { id: "cert-1", number: "01/CC", courseId: "c-1", title: true }));
    const roster = await bot.text("sec", "/donvi");
    expect(roster).toContain("Bùi Thị Sen (p-sec) — Bí thư; LLCT: Sơ cấp; có chứng chỉ chức danh");
    expect(roster).toContain("Cao Văn Minh (p-m) — Đoàn viên; LLCT: Sơ cấp; chưa bồi dưỡng");
    expect(roster.indexOf("Bùi")).toBeLessThan(roster.indexOf("Cao"));
    expect(roster).not.toContain("liên lạc được");
  });

  it("marks the cadres the bot can no longer reach (they blocked it: 403), with a line saying what it means", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở A" }, [
      { userId: "sec", position: "secretary", electedOn: "2025-01-01", fullName: "Bùi Thị Sen" },
      { userId: "41", fullName: "Cao Văn Minh" },
      { userId: "42", fullName: "Đỗ Thị Lan" },
    ]);
    // Lan blocked the bot on Telegram but still has a Zalo account that works: she is reachable
    await bot.store.accounts.put(account("zalo", "z42", "p-42", { lastSeenAt: "2026-01-06T02:00:00.000Z" }));
    const api = await startFakeBotApi();
    try {
      api.block(41);
      api.block(42);
      const now = bot.deps.now();
      for (const p of ["p-41", "p-42"]) {
        const message = { key: "broadcast:message", vars: { text: "Họp" } };
        await bot.store.outbox.put(
          newEntry(
            {
              id: `broadcast:b-1:${p}`,
              kind: "broadcast",
              to: { type: "person", personId: p },
              message,
              essential: true,
              notBefore: now.toISOString(),
            },
            now,
          ),
        );
      }
      const zalo = { send: async () => undefined };
      await new Delivery(
        { ...bot.deps, defaultLocale: "vi" },
        { telegram: telegramSender(senderApi(api.token, api.apiRoot)), zalo },
      ).kick();
    } finally {
      await api.close();
    }
    expect((await bot.store.accounts.get("telegram:41"))!.unreachable).toBe(true);
    const roster = await bot.text("sec", "/donvi");
    expect(roster).toContain("Cao Văn Minh (p-41) — Đoàn viên; LLCT: Sơ cấp; chưa bồi dưỡng — ⚠️ không liên lạc được");
    expect(roster).toMatch(/Đỗ Thị Lan \(p-42\) — Đoàn viên; LLCT: Sơ cấp; chưa bồi dưỡng$/m);
    expect(roster).not.toMatch(/Bùi Thị Sen.*không liên lạc được/);
    expect(roster).toContain("⚠️ Không liên lạc được (1 người): đã chặn bot hoặc rời cuộc trò chuyện");
  });

  it("lets an admin promote another admin, logged", async () => {
    const bot = await createTestBot({ adminIds: ["telegram:admin"] });
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "c" }]);
    expect(await bot.text("c", "/xuatds u01")).toContain("không có quyền");
    expect(await bot.text("admin", "/themquantri p-c")).toBe("Đã cấp quyền quản trị cho p-c.");
    expect(bot.inbox("p-c").at(-1)).toContain("quyền quản trị");
    expect(await bot.text("c", "/themquantri")).toContain("/themquantri <mã người hoặc mã tài khoản>");
    expect((await bot.store.audit.find({ action: "role.grant" }))[0]).toMatchObject({ subjectId: "p-c", details: { role: "admin" } });
  });
});
