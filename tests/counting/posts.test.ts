/**
 * R4 and one holder per post (issue 24, point 4), through the chat: a change of post reaches the
 * approver as old → new with whether R4 is met; a new Secretary replaces the current one, who keeps
 * the post in their history, and counts never see two Secretaries.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buttonData, createTestBot, seedCertificate, seedUnit } from "../helpers/chat";

async function setup() {
  const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z" });
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
    { userId: "binh", fullName: "Trần Thị Bình", position: "secretary", electedOn: "2024-03-01" },
    { userId: "an", fullName: "Lê Văn An", position: "deputy", electedOn: "2025-02-01" },
    { userId: "cuc", fullName: "Ngô Thị Cúc", position: "committee" },
  ]);
  return bot;
}

describe("a change of post, R4 and one Secretary per unit", () => {
  it("shows the approver old → new, that R4 is not met, and whom a new Secretary replaces; approving keeps the former Secretary's history", async () => {
    const bot = await setup();
    await bot.say("an", "/hoso position");
    await bot.say("an", "secretary");
    await bot.say("an", "20/11/2026");
    const replies = await bot.say("an", "yes");
    expect(replies.map((r) => r.text).join("\n")).toContain("duyệt");
    const request = bot.inboxReplies("p-binh").at(-1)!;
    expect(request.text).toBe(
      [
        "Đổi chức vụ cần duyệt: Lê Văn An — Phó Bí thư, Đoàn cơ sở Sở Tư pháp → Bí thư, Đoàn cơ sở Sở Tư pháp.",
        "⚠️ Chưa có chứng chỉ bồi dưỡng theo chức danh: chưa đáp ứng điều kiện R4 (mục IV của kế hoạch: chỉ người có chứng chỉ mới được giới thiệu, bổ nhiệm vào chức danh Bí thư). Nếu duyệt, bạn ấy có tên trong danh sách chờ lớp bồi dưỡng theo chức danh tiếp theo (xem /dudieukien).",
        "Đơn vị đang có Bí thư Trần Thị Bình: duyệt nghĩa là Lê Văn An thay Trần Thị Bình; Trần Thị Bình chuyển thành Ủy viên BCH và vẫn được ghi là Bí thư tiền nhiệm.",
      ].join("\n"),
    );
    expect(request.buttons![0]!.map((b) => b.label)).toEqual(["Duyệt, thay Bí thư Trần Thị Bình", "Từ chối"]);
    await bot.say("binh", request.buttons![0]![0]!.data, { isButton: true });
    expect(await bot.store.cadres.get("p-an")).toMatchObject({
      status: "approved",
      position: "secretary",
      electedOn: "2026-11-20",
      postSince: "2026-11-20",
      formerPosts: [{ unitId: "u01", position: "deputy", from: "2025-02-01", until: "2026-11-19", electedOn: "2025-02-01" }],
    });
    expect(await bot.store.cadres.get("p-binh")).toMatchObject({
      position: "committee",
      postSince: "2026-11-29",
      formerPosts: [{ unitId: "u01", position: "secretary", from: "2024-03-01", until: "2026-11-28", electedOn: "2024-03-01" }],
    });
    const secretaries = (await bot.store.cadres.find({ unitId: "u01" })).filter((c) => c.position === "secretary");
    expect(secretaries.map((c) => c.fullName)).toEqual(["Lê Văn An"]);
  });

  it("says R4 is met when the person holds the title certificate, and names no one to replace for a Deputy", async () => {
    const bot = await setup();
    await seedCertificate(bot.store, { personId: "p-cuc", issuedOn: "2026-05-01", kind: "title-secretary", title: true });
    await bot.say("cuc", "/hoso position");
    await bot.say("cuc", "deputy");
    await bot.say("cuc", "15/11/2026");
    await bot.say("cuc", "yes");
    expect(bot.inbox("p-binh").at(-1)).toBe(
      [
        "Đổi chức vụ cần duyệt: Ngô Thị Cúc — Ủy viên BCH, Đoàn cơ sở Sở Tư pháp → Phó Bí thư, Đoàn cơ sở Sở Tư pháp.",
        "✅ Đã có chứng chỉ bồi dưỡng theo chức danh (điều kiện R4, mục IV của kế hoạch).",
      ].join("\n"),
    );
  });
});

describe("a roster import changing a post", () => {
  it("keeps the post left in the history, and re-importing the same sheet keeps it", async () => {
    const bot = await setup();
    const [exported] = await bot.say("admin", "/xuatds u01");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported!.file!.content as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const row = [2, 3, 4].map((n) => sheet.getRow(n)).find((r) => r.getCell(2).value === "Ngô Thị Cúc")!;
    // Column 5 "Chức vụ", 6 "Ngày được bầu": Cúc, committee member, elected Deputy on 10/11/2026.
    row.getCell(5).value = "Phó Bí thư";
    row.getCell(6).value = "10/11/2026";
    const changed = Buffer.from(await wb.xlsx.writeBuffer());
    const send = () => bot.say("admin", "", { document: { fileName: "u01.xlsx", content: changed } });
    const preview = await send();
    expect(preview.map((r) => r.text).join("\n")).toBe(
      "3 hồ sơ cán bộ trong tệp: 0 mới, 1 cập nhật, 2 không đổi.\nChọn «Nhập» để nhập, hoặc Hủy.",
    );
    expect(await bot.text("admin", buttonData(preview, "Nhập"), { isButton: true })).toBe(
      "Đã nhập danh sách: 0 hồ sơ mới, 1 hồ sơ cập nhật, 2 hồ sơ không đổi.",
    );
    const after = {
      position: "deputy",
      postSince: "2026-11-10",
      formerPosts: [{ unitId: "u01", position: "committee", from: "2026-01-05", until: "2026-11-09" }],
    };
    expect(await bot.store.cadres.get("p-cuc")).toMatchObject(after);
    expect((await send()).map((r) => r.text).join("\n")).toBe("Tệp không thay đổi gì: 3 hồ sơ đã có đúng như trong tệp.");
    expect(await bot.store.cadres.get("p-cuc")).toMatchObject(after);
  });
});
