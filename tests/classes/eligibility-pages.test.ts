/**
 * /dudieukien for an admin lists the bloc's units 15 a page on a phone, like /tinhhinh and /tiendo
 * tatca (on the demo's 66 units it was one message of 66 lines).
 */
import { describe, expect, it } from "vitest";
import { buttonData, createTestBot, seedUnit } from "../helpers/chat";

describe("/dudieukien for an admin, a page at a time", () => {
  it("shows 15 units, then the rest with those waiting for the title class and the hint on the last page", async () => {
    const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z" });
    for (let i = 1; i <= 17; i++) {
      const id = `u${String(i).padStart(2, "0")}`;
      await seedUnit(bot.store, { id, name: `Đoàn cơ sở Đơn vị ${String(i).padStart(2, "0")}` }, [
        { userId: `s${i}`, position: "secretary" },
      ]);
    }
    const [first] = await bot.say("admin", "/dudieukien");
    const lines = first!.text.split("\n");
    expect(lines[0]).toBe("Điều kiện ứng cử chức danh Đoàn trong toàn Khối (đủ điều kiện / cán bộ đã duyệt hồ sơ): (trang 1/2)");
    expect(lines.slice(1)).toHaveLength(15);
    expect(lines[1]).toBe(
      "• Đoàn cơ sở Đơn vị 01 (u01): 0/1 đủ điều kiện; 1 cần rà soát học lý luận chính trị; 1 chờ lớp bồi dưỡng theo chức danh",
    );
    expect(lines[15]).toBe(
      "• Đoàn cơ sở Đơn vị 15 (u15): 0/1 đủ điều kiện; 1 cần rà soát học lý luận chính trị; 1 chờ lớp bồi dưỡng theo chức danh",
    );
    expect(buttonData(first!, "Xem thêm")).toBe("/dudieukien trang 2");
    expect(await bot.text("admin", "/dudieukien trang 2")).toBe(
      [
        "Điều kiện ứng cử chức danh Đoàn trong toàn Khối (đủ điều kiện / cán bộ đã duyệt hồ sơ): (trang 2/2)",
        "• Đoàn cơ sở Đơn vị 16 (u16): 0/1 đủ điều kiện; 1 cần rà soát học lý luận chính trị; 1 chờ lớp bồi dưỡng theo chức danh",
        "• Đoàn cơ sở Đơn vị 17 (u17): 0/1 đủ điều kiện; 1 cần rà soát học lý luận chính trị; 1 chờ lớp bồi dưỡng theo chức danh",
        "",
        "17 người chờ lớp bồi dưỡng theo chức danh tiếp theo (Bí thư, Phó Bí thư và cán bộ được quy hoạch chưa có chứng chỉ). Chưa có lớp nào đang mở: khi tạo lớp (/taolop), bot sẽ đề nghị báo cho họ.",
        "Để xem từng người của một đơn vị, gõ /dudieukien kèm mã đơn vị, ví dụ: /dudieukien u01",
      ].join("\n"),
    );
  });
});
