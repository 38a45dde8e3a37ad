/**
 * `/quyhoach` and `/baocaovien` without a cadre's code (plan IV, audiences 1.5): the officer chooses
 * among the unit's cadres, an admin first chooses the unit; a cadre chosen for /quyhoach is offered
 * the posts. Every button sends the full command, checked as if typed.
 */
import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/app/messages";
import { buttonData, createTestBot, seedUnit, type TestBot } from "../helpers/chat";

/** The buttons of one reply as `[label, data]`, a row each. */
const buttonsOf = (replies: Reply[]) => replies.flatMap((r) => r.buttons ?? []).map((row) => row.map((b) => [b.label, b.data]));

async function world(): Promise<TestBot> {
  const bot = await createTestBot();
  await seedUnit(bot.store, { id: "u01" }, [
    { userId: "sec", position: "secretary", fullName: "Lê Văn Bí", electedOn: "2024-01-01" },
    { userId: "pl", position: "committee", fullName: "Trần Thị Quy" },
    { userId: "an", position: "member", fullName: "Nguyễn Văn An", plannedFor: "deputy" },
    { userId: "cho", position: "member", fullName: "Võ Thị Chờ", status: "pending" },
  ]);
  await seedUnit(bot.store, { id: "u02", name: "Sở Tư pháp", code: "STP" }, [
    { userId: "xa", position: "deputy", fullName: "Phạm Văn Xa", electedOn: "2024-01-01" },
    { userId: "ba", position: "member", fullName: "Đỗ Thị Ba", lecturer: true },
  ]);
  return bot;
}

describe("/quyhoach without a cadre's code", () => {
  it("offers an officer the approved cadres of their unit, then the posts, and marks the one chosen", async () => {
    const bot = await world();
    const list = await bot.say("sec", "/quyhoach");
    expect(list.map((r) => r.text)).toEqual(["Cán bộ của Đoàn cơ sở u01: bạn chọn người cần đánh dấu quy hoạch."]);
    expect(buttonsOf(list)).toEqual([
      [["Lê Văn Bí — Bí thư · chưa quy hoạch", "/quyhoach p-sec"]],
      [["Nguyễn Văn An — Đoàn viên · đang quy hoạch Phó Bí thư", "/quyhoach p-an"]],
      [["Trần Thị Quy — Ủy viên BCH · chưa quy hoạch", "/quyhoach p-pl"]],
    ]);

    const posts = await bot.say("sec", buttonData(list, "Trần Thị Quy — Ủy viên BCH · chưa quy hoạch"));
    expect(posts.map((r) => r.text)).toEqual([
      "Trần Thị Quy (Ủy viên BCH, Đoàn cơ sở u01) hiện chưa được quy hoạch chức danh nào. Bạn chọn:",
    ]);
    expect(buttonsOf(posts)).toEqual([
      [["Quy hoạch Bí thư", "/quyhoach p-pl bithu"]],
      [["Quy hoạch Phó Bí thư", "/quyhoach p-pl phobithu"]],
      [["Bỏ quy hoạch", "/quyhoach p-pl bo"]],
    ]);
    expect(await bot.text("sec", buttonData(posts, "Quy hoạch Bí thư"))).toBe(
      "Đã ghi nhận Trần Thị Quy là cán bộ được quy hoạch chức danh Bí thư. Người này có thể ghi danh lớp bồi dưỡng theo chức danh.",
    );
    expect(await bot.store.cadres.get("p-pl")).toMatchObject({ plannedFor: "secretary" });
    expect(await bot.text("sec", "/quyhoach p-pl")).toBe(
      "Trần Thị Quy (Ủy viên BCH, Đoàn cơ sở u01) hiện được quy hoạch chức danh Bí thư. Bạn chọn:",
    );
    expect(buttonData(await bot.say("sec", "/quyhoach"), /^Trần Thị Quy/)).toBe("/quyhoach p-pl");
    expect(buttonsOf(await bot.say("sec", "/quyhoach"))[2]).toEqual([
      ["Trần Thị Quy — Ủy viên BCH · đang quy hoạch Bí thư", "/quyhoach p-pl"],
    ]);
  });

  it("keeps an officer to their own unit, whether they name another unit or another unit's cadre", async () => {
    const bot = await world();
    expect(await bot.text("sec", "/quyhoach u02")).toBe("Bạn chỉ đánh dấu được cán bộ của đơn vị mình.");
    expect(await bot.text("sec", "/quyhoach tu phap")).toBe("Bạn chỉ đánh dấu được cán bộ của đơn vị mình.");
    expect(await bot.text("sec", "/quyhoach p-xa")).toBe("Bạn chỉ đánh dấu được cán bộ của đơn vị mình.");
    expect(await bot.store.cadres.get("p-xa")).not.toHaveProperty("plannedFor");
  });

  it("asks an admin for the unit first, by button or by its code or name, then offers its cadres", async () => {
    const bot = await world();
    const units = await bot.say("admin", "/quyhoach");
    expect(units.map((r) => r.text)).toEqual([
      "Bạn chọn đơn vị có cán bộ cần đánh dấu quy hoạch, hoặc gõ /quyhoach và mã hay tên đơn vị (ví dụ /quyhoach u01).",
    ]);
    expect(buttonsOf(units)).toEqual([[["u01 — Đoàn cơ sở u01", "/quyhoach u01"]], [["STP — Sở Tư pháp", "/quyhoach u02"]]]);
    const cadres = await bot.say("admin", buttonData(units, "STP — Sở Tư pháp"));
    expect(cadres.map((r) => r.text)).toEqual(["Cán bộ của Sở Tư pháp: bạn chọn người cần đánh dấu quy hoạch."]);
    expect(buttonsOf(cadres)).toEqual([
      [["Đỗ Thị Ba — Đoàn viên · chưa quy hoạch", "/quyhoach p-ba"]],
      [["Phạm Văn Xa — Phó Bí thư · chưa quy hoạch", "/quyhoach p-xa"]],
    ]);
    expect(buttonsOf(await bot.say("admin", "/quyhoach tu phap"))).toEqual(buttonsOf(cadres));
    expect(buttonsOf(await bot.say("admin", "/quyhoach stp"))).toEqual(buttonsOf(cadres));
    expect(await bot.text("admin", "/quyhoach p-xa phobithu")).toBe(
      "Đã ghi nhận Phạm Văn Xa là cán bộ được quy hoạch chức danh Phó Bí thư. Người này có thể ghi danh lớp bồi dưỡng theo chức danh.",
    );
    expect(await bot.text("admin", "/quyhoach xyz")).toBe(
      "Không tìm thấy cán bộ hay đơn vị nào có mã hoặc tên “xyz”. Gõ /quyhoach để chọn trong danh sách.",
    );
    expect(await bot.text("admin", "/quyhoach p-nobody bithu")).toBe("Không tìm thấy cán bộ đã duyệt có mã “p-nobody”.");
    expect(await bot.text("admin", "/quyhoach p-cho")).toBe("Không tìm thấy cán bộ đã duyệt có mã “p-cho”.");
    expect(await bot.text("admin", "/quyhoach p-pl xyz")).toBe(
      "Gõ /quyhoach để chọn cán bộ trong danh sách, hoặc gõ /quyhoach, mã cán bộ và chức danh được quy hoạch: bithu hoặc phobithu; gõ bo để bỏ đánh dấu. Ví dụ: /quyhoach p-12 phobithu.",
    );
  });

  it("pages a unit of 17 cadres 15 at a time, with «Xem thêm»", async () => {
    const bot = await createTestBot();
    const given = [
      "An",
      "Bình",
      "Chi",
      "Dũng",
      "Giang",
      "Hà",
      "Khánh",
      "Lan",
      "Minh",
      "Nam",
      "Oanh",
      "Phúc",
      "Quân",
      "Sơn",
      "Tâm",
      "Uyên",
      "Vy",
    ];
    const names = given.map((g) => `Lê Văn ${g}`);
    await seedUnit(
      bot.store,
      { id: "u09" },
      names.map((fullName, i) => ({ userId: `c${i + 1}`, fullName })),
    );
    const first = await bot.say("admin", "/quyhoach u09");
    expect(first.map((r) => r.text)).toEqual(["Cán bộ của Đoàn cơ sở u09: bạn chọn người cần đánh dấu quy hoạch. (trang 1/2)"]);
    const labels = buttonsOf(first).map((row) => row[0]![0]);
    expect(labels).toHaveLength(16);
    expect(labels[0]).toBe("Lê Văn An — Đoàn viên · chưa quy hoạch");
    expect(labels[14]).toBe("Lê Văn Tâm — Đoàn viên · chưa quy hoạch");
    expect(labels[15]).toBe("Xem thêm");
    const second = await bot.say("admin", buttonData(first, "Xem thêm"));
    expect(buttonData(first, "Xem thêm")).toBe("/quyhoach u09 trang 2");
    expect(second.map((r) => r.text)).toEqual(["Cán bộ của Đoàn cơ sở u09: bạn chọn người cần đánh dấu quy hoạch. (trang 2/2)"]);
    expect(buttonsOf(second)).toEqual([
      [["Lê Văn Uyên — Đoàn viên · chưa quy hoạch", "/quyhoach p-c16"]],
      [["Lê Văn Vy — Đoàn viên · chưa quy hoạch", "/quyhoach p-c17"]],
    ]);
  });

  it("refuses a plain cadre, as before", async () => {
    const bot = await world();
    expect(await bot.text("an", "/quyhoach")).toBe("Bạn không có quyền dùng lệnh /quyhoach. Gõ /trogiup để xem các lệnh dành cho bạn.");
    expect(await bot.text("an", "/quyhoach p-an bithu")).toBe(
      "Bạn không có quyền dùng lệnh /quyhoach. Gõ /trogiup để xem các lệnh dành cho bạn.",
    );
  });

  it("speaks English to an officer who chose it", async () => {
    const bot = await world();
    await bot.say("sec", "/lang en");
    const list = await bot.say("sec", "/planned");
    expect(list.map((r) => r.text)).toEqual(["Cadres of Đoàn cơ sở u01: choose the one to mark as planned."]);
    expect(buttonsOf(list)[1]).toEqual([["Nguyễn Văn An — Member · planned: Deputy Secretary", "/quyhoach p-an"]]);
    const posts = await bot.say("sec", "/planned p-an");
    expect(posts.map((r) => r.text)).toEqual([
      "Nguyễn Văn An (Member, Đoàn cơ sở u01) is planned for the post of Deputy Secretary. Choose:",
    ]);
    expect(buttonsOf(posts)).toEqual([
      [["Plan for Secretary", "/quyhoach p-an bithu"]],
      [["Plan for Deputy Secretary", "/quyhoach p-an phobithu"]],
      [["Remove from planning", "/quyhoach p-an bo"]],
    ]);
    expect(await bot.text("sec", buttonData(posts, "Remove from planning"))).toBe(
      "Nguyễn Văn An is no longer marked as planned for a post.",
    );
  });
});

describe("/baocaovien without a cadre's code", () => {
  it("asks an admin for the unit, then offers to set or remove the mark according to each cadre's", async () => {
    const bot = await world();
    const units = await bot.say("admin", "/baocaovien");
    expect(units.map((r) => r.text)).toEqual([
      "Bạn chọn đơn vị có cán bộ cần đánh dấu báo cáo viên cấp Đoàn Khối, hoặc gõ /baocaovien và mã hay tên đơn vị (ví dụ /baocaovien u01).",
    ]);
    expect(buttonsOf(units)).toEqual([[["u01 — Đoàn cơ sở u01", "/baocaovien u01"]], [["STP — Sở Tư pháp", "/baocaovien u02"]]]);
    const cadres = await bot.say("admin", buttonData(units, "STP — Sở Tư pháp"));
    expect(cadres.map((r) => r.text)).toEqual([
      "Cán bộ của Sở Tư pháp: bạn chọn người cần đặt hoặc bỏ đánh dấu báo cáo viên cấp Đoàn Khối.",
    ]);
    expect(buttonsOf(cadres)).toEqual([
      [["Bỏ báo cáo viên: Đỗ Thị Ba — Đoàn viên", "/baocaovien p-ba bo"]],
      [["Đặt báo cáo viên: Phạm Văn Xa — Phó Bí thư", "/baocaovien p-xa"]],
    ]);
    expect(await bot.text("admin", buttonData(cadres, /Phạm Văn Xa/))).toBe(
      "Đã ghi nhận Phạm Văn Xa là báo cáo viên cấp Đoàn Khối (vẫn giữ chức vụ ở đơn vị).",
    );
    expect(await bot.text("admin", buttonData(cadres, /Đỗ Thị Ba/))).toBe("Đỗ Thị Ba không còn là báo cáo viên cấp Đoàn Khối.");
    expect(buttonsOf(await bot.say("admin", "/baocaovien tu phap"))).toEqual([
      [["Đặt báo cáo viên: Đỗ Thị Ba — Đoàn viên", "/baocaovien p-ba"]],
      [["Bỏ báo cáo viên: Phạm Văn Xa — Phó Bí thư", "/baocaovien p-xa bo"]],
    ]);
  });

  it("refuses an officer and a plain cadre, as before", async () => {
    const bot = await world();
    expect(await bot.text("sec", "/baocaovien")).toBe(
      "Bạn không có quyền dùng lệnh /baocaovien. Gõ /trogiup để xem các lệnh dành cho bạn.",
    );
    expect(await bot.text("an", "/baocaovien")).toBe("Bạn không có quyền dùng lệnh /baocaovien. Gõ /trogiup để xem các lệnh dành cho bạn.");
  });
});
