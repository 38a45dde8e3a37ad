import { describe, expect, it } from "vitest";
import { renderMessage } from "../../src/scheduler/recipient";
import { planTick } from "../../src/scheduler/tick";
import { createTestBot, seedCertificate, seedUnit } from "../helpers/chat";

describe("the weekly digest", () => {
  it("tells the admins the same T1, T2, theory share and units furthest behind as /tiendo", async () => {
    const bot = await createTestBot({ now: "2026-11-30T01:00:10.000Z" }); // Monday 08:00:10 local
    await seedUnit(bot.store, { id: "u1" }, [
      { userId: "11", position: "secretary", electedOn: "2026-06-01", theoryLevel: "intermediate" },
      { userId: "12", position: "committee" },
    ]);
    await seedUnit(bot.store, { id: "u2" }, [{ userId: "21", position: "secretary", electedOn: "2026-03-01" }]);
    await seedUnit(bot.store, { id: "u3" });
    await seedCertificate(bot.store, { personId: "p-11", issuedOn: "2026-07-01", title: true });
    await seedCertificate(bot.store, { personId: "p-12", issuedOn: "2026-09-01" });
    const progress = await bot.text("admin", "/tiendo");

    await bot.store.scheduler.put({ id: "scheduler", lastTickAt: "2026-11-30T00:59:10.000Z" });
    await planTick(bot.deps);
    const [entry] = (await bot.store.outbox.all()).filter((e) => e.kind === "digest:weekly");
    const digest = renderMessage(entry!.message, "vi").text;

    expect(progress).toContain("3 cán bộ Đoàn · bồi dưỡng 2/3 (66,7%) · Bí thư mới bầu 1/2 (50%) · lý luận chính trị 1/3 (33,3%)");
    expect(digest).toContain("Cán bộ được bồi dưỡng (từ 01/01/2026 đến 31/12/2027): 2/3 (66,7%)");
    expect(digest).toContain("Bí thư mới được bầu đã được đào tạo nghiệp vụ: 1/2 (50%)");
    expect(digest).toContain("Cán bộ đạt trung cấp lý luận chính trị trở lên: 1/3 (33,3%)");
    const unitLines = progress.split("\n").filter((l) => /^\d+\. /.test(l));
    expect(unitLines).toHaveLength(3);
    expect(unitLines[0]).toContain("Đoàn cơ sở u2");
    for (const line of unitLines) expect(digest).toContain(line);
  });
});
