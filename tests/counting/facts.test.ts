/**
 * The facts a unit's status report shows (/baocao) count T2 as /tiendo does: a Secretary elected
 * during the plan stays in it until trained, whatever they hold now — even when they are now an
 * ordinary member, no longer a cadre (the facts left them out: 0 where /tiendo said 1/2).
 */
import { describe, expect, it } from "vitest";
import { createTestBot, seedCertificate, seedUnit } from "../helpers/chat";

describe("a unit's report facts and T2", () => {
  it("count a Secretary replaced before being trained, now an ordinary member, as /tiendo does", async () => {
    const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z" });
    await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
      { userId: "binh", fullName: "Trần Thị Bình", position: "secretary", electedOn: "2026-10-01", theoryLevel: "intermediate" },
      {
        userId: "cuc",
        fullName: "Ngô Thị Cúc",
        position: "member",
        postSince: "2026-10-01",
        formerPosts: [{ unitId: "u01", position: "secretary", from: "2026-02-01", until: "2026-09-30", electedOn: "2026-02-01" }],
      },
    ]);
    await seedCertificate(bot.store, { personId: "p-binh", issuedOn: "2026-11-01", title: true });
    expect(await bot.text("binh", "/tiendo")).toContain(
      "Đoàn cơ sở Sở Tư pháp (xếp thứ 1/1, tính từ đơn vị chậm nhất):\n1 cán bộ Đoàn · bồi dưỡng 1/1 (100%) · Bí thư mới bầu 1/2 (50%) · lý luận chính trị 1/1 (100%)",
    );
    const report = await bot.text("binh", "/baocao");
    expect(report).toContain("• Số cán bộ Đoàn: 1");
    expect(report).toContain("• Bí thư mới được bầu chưa được đào tạo nghiệp vụ: 1");
  });
});
