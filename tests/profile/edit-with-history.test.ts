/**
 * /hoso on a record that carries more than the person's answers: the post's history (kept by every
 * change of post, import and merge), the marks an officer set (planned for a post, lecturer). Found
 * on the demo's console: a committee member whose record holds `postSince` chose "Đổi chức vụ",
 * then "Bí thư", and was told the bot had been updated, so nobody could change post twice.
 */
import { describe, expect, it } from "vitest";
import { drivers } from "../helpers/channels";
import { seedUnit } from "../helpers/chat";

describe.each(drivers)("/hoso on a record with a post history and marks (%s)", (_, open) => {
  it("changes the post (the approver sees R4 and whom a new Secretary replaces) and the job position, keeping the history", async () => {
    const d = await open({ now: "2026-12-07T03:00:00.000Z" });
    await seedUnit(
      d.bot.store,
      { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" },
      [
        { userId: "1001", fullName: "Trần Thị Bình", position: "secretary", electedOn: "2024-03-01" },
        {
          userId: "1002",
          fullName: "Trần Văn Phúc",
          position: "committee",
          postSince: "2025-06-01",
          formerPosts: [{ unitId: "u01", position: "member", from: "2019-06-01", until: "2025-05-31" }],
          plannedFor: "secretary",
          lecturer: true,
        },
      ],
      d.channel,
    );
    await d.say("1002", "/hoso");
    await d.press("1002", "Đổi chức vụ");
    await d.press("1002", "Bí thư");
    expect((await d.say("1002", "01/12/2026")).join("\n")).toContain("Đoàn cơ sở Sở Tư pháp");
    expect((await d.press("1002", "Đồng ý đổi")).join("\n")).toContain("duyệt");
    expect(d.seen("1001").at(-1)).toContain(
      [
        "Đổi chức vụ cần duyệt: Trần Văn Phúc — Ủy viên BCH, Đoàn cơ sở Sở Tư pháp → Bí thư, Đoàn cơ sở Sở Tư pháp.",
        "⚠️ Chưa có chứng chỉ bồi dưỡng theo chức danh: chưa đáp ứng điều kiện R4 (mục IV của kế hoạch: chỉ người có chứng chỉ mới được giới thiệu, bổ nhiệm vào chức danh Bí thư). Nếu duyệt, bạn ấy có tên trong danh sách chờ lớp bồi dưỡng theo chức danh tiếp theo (xem /dudieukien).",
        "Đơn vị đang có Bí thư Trần Thị Bình: duyệt nghĩa là Trần Văn Phúc thay Trần Thị Bình; Trần Thị Bình chuyển thành Ủy viên BCH và vẫn được ghi là Bí thư tiền nhiệm.",
      ].join("\n"),
    );
    await d.press("1001", "Duyệt, thay Bí thư Trần Thị Bình");
    expect(await d.bot.store.cadres.get("p-1002")).toMatchObject({
      status: "approved",
      position: "secretary",
      electedOn: "2026-12-01",
      postSince: "2026-12-01",
      plannedFor: "secretary",
      lecturer: true,
      formerPosts: [
        { unitId: "u01", position: "member", from: "2019-06-01", until: "2025-05-31" },
        { unitId: "u01", position: "committee", from: "2025-06-01", until: "2026-11-30" },
      ],
    });

    // Another field of the same record, now holding two earlier posts.
    await d.say("1002", "/hoso");
    await d.press("1002", "Sửa vị trí việc làm");
    await d.say("1002", "Chuyên viên pháp chế");
    expect(await d.bot.store.cadres.get("p-1002")).toMatchObject({ jobPosition: "Chuyên viên pháp chế", postSince: "2026-12-01" });
    await d.close();
  });
});
