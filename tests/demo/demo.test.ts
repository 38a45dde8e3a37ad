import { describe, expect, it } from "vitest";
import { seedDemo } from "../../src/demo";
import { createTestBot } from "../helpers/chat";
import { plan49 } from "../helpers/plan";

/** The demo admin, as in the console. */
async function demoBot(now: string) {
  // As main.ts does: the store holds Plan 49 (history), then the demo adds its sample plan, which runs.
  const bot = await createTestBot({ now, adminIds: ["telegram:admin"], plan: plan49() });
  await seedDemo(bot.store, bot.deps);
  bot.deps.plans!.changed();
  return bot;
}

describe("the demo data", () => {
  it("holds the year's three yearly classes and the Secretaries' title class, starting two weeks after the day it is loaded", async () => {
    const bot = await demoBot("2027-03-10T02:00:00.000Z");
    const open = (await bot.store.courses.all()).filter((c) => c.status === "open");
    expect(open.map((c) => c.kind).sort()).toEqual(["lecturers", "supplementary", "title-secretary", "youth-work"]);
    expect(open.map((c) => c.sessions[0]!.date).sort()[0]).toBe("2027-03-24");
    for (const c of open) {
      expect(Object.values(c.quotas).reduce((a, b) => a + b, 0)).toBe(c.capacity);
      expect(Date.parse(c.deadline)).toBeLessThan(Date.parse(`${c.sessions[0]!.date}T00:00:00+07:00`));
    }
    const schedule = await bot.text("admin", "/lichhoc");
    expect(schedule).toContain("Bồi dưỡng nghiệp vụ công tác Đoàn (mẫu)");
    expect(schedule).toContain("24/03/2027 08:00–11:30");
  });

  it("spreads a class's seats by unit size over the units whose cadres may join it", async () => {
    const bot = await demoBot("2026-11-29T03:00:00.000Z");
    const youthWork = (await bot.store.courses.get("c-demo-nghiepvu"))!;
    expect(youthWork.quotas.u09).toBeGreaterThan(youthWork.quotas.u01!);
    expect(Object.keys((await bot.store.courses.get("c-demo-baocaovien"))!.quotas).sort()).toEqual([
      "u11",
      "u22",
      "u33",
      "u44",
      "u55",
      "u66",
    ]);
  });

  it("runs under a sample plan marked (mẫu) that covers the demo's dates, Plan 49 kept as history", async () => {
    const bot = await demoBot("2026-11-29T03:00:00.000Z");
    expect((await bot.store.plans.all()).map((p) => [p.id, p.period.from, p.period.to, p.sample])).toEqual([
      ["49-KH/ĐTN", "2020-04-07", "2022-12-31", false],
      ["MẪU-2026", "2025-01-01", "2027-12-31", true],
    ]);
    expect((await bot.runningPlan()).id).toBe("MẪU-2026");
    const text = await bot.text("admin", "/tiendo");
    expect(text).toContain("Tiến độ thực hiện MẪU-2026 (mẫu) (tính từ 01/01/2025 đến 31/12/2027)");
    expect(text).toMatch(/Bí thư mới bầu [1-9]\d*\/\d+ /);
  });

  it("still runs inside its sample plan a year later: the demo never ages", async () => {
    const bot = await demoBot("2027-12-20T03:00:00.000Z");
    expect(await bot.text("admin", "/tiendo")).toContain("Tiến độ thực hiện MẪU-2027 (mẫu) (tính từ 01/01/2026 đến 31/12/2028)");
  });

  it("shows the reports of the period being collected and the units still missing in /tinhhinh", async () => {
    const bot = await demoBot("2026-11-29T03:00:00.000Z");
    // 5 reports of the period being collected, and 3 of Plan 49's history (2021).
    expect((await bot.store.reports.all()).filter((r) => r.period === "2026-Q4")).toHaveLength(5);
    expect(await bot.store.reports.count()).toBe(8);
    expect((await bot.store.reports.get("u01:2026-Q4"))!.submittedBy).toBe("p-demo-u01-1");
    expect(await bot.text("admin", "/tinhhinh")).toContain(
      "Tình hình báo cáo Quý 4/2026 (hạn 10/01/2027): 5 đúng hạn, 0 trễ hạn, 61 chưa báo cáo",
    );
  });
});

describe("the demo over the years", () => {
  /** What /tiendo and the scheduler read: cadres, newly elected Secretaries, fostered, titled, reports. */
  async function counts(now: string) {
    const bot = await demoBot(now);
    const progress = await bot.text("admin", "/tiendo");
    return {
      t1: /bồi dưỡng (\d+\/\d+)/.exec(progress)?.[1],
      t2: /Bí thư mới bầu (\d+\/\d+)/.exec(progress)?.[1],
      reports: await bot.store.reports.count(),
      certificates: await bot.store.certificates.count(),
      openClasses: (await bot.store.courses.all()).filter((c) => c.status === "open").length,
    };
  }

  it("shows the same counts when loaded in 2027 and in 2031 as today", async () => {
    const today = await counts("2026-11-29T03:00:00.000Z");
    expect(today.t1).toMatch(/^[1-9]\d*\/\d+$/);
    expect(today.t2).toMatch(/^[1-9]\d*\/\d+$/);
    expect(await counts("2027-11-29T03:00:00.000Z")).toEqual(today);
    expect(await counts("2031-11-29T03:00:00.000Z")).toEqual(today);
  });
});

describe("the demo's people", () => {
  it("have names whose middle and given names agree (no Văn Uyên, no Thị Hùng)", async () => {
    const { readFileSync } = await import("node:fs");
    const cadres = JSON.parse(readFileSync("data/demo/cadres.json", "utf8")) as { fullName: string }[];
    const maleMiddle = new Set(["Văn", "Quốc", "Hữu", "Đức", "Công", "Trọng"]);
    const femaleMiddle = new Set(["Thị", "Thu", "Thùy", "Ngọc", "Kim", "Mỹ"]);
    const maleGiven = new Set([
      "An",
      "Phúc",
      "Tâm",
      "Sơn",
      "Dũng",
      "Hùng",
      "Khoa",
      "Long",
      "Nam",
      "Tuấn",
      "Trung",
      "Quân",
      "Hiếu",
      "Bình",
      "Hải",
      "Khang",
    ]);
    const femaleGiven = new Set([
      "Uyên",
      "Mai",
      "Yến",
      "Vy",
      "Lan",
      "Hương",
      "Trang",
      "Nhung",
      "Thảo",
      "Linh",
      "Hà",
      "Chi",
      "Oanh",
      "Ngân",
      "Hạnh",
    ]);
    const odd = cadres
      .map((c) => c.fullName.split(" "))
      .filter(
        ([, middle, given]) => (maleMiddle.has(middle!) && femaleGiven.has(given!)) || (femaleMiddle.has(middle!) && maleGiven.has(given!)),
      )
      .map((p) => p.join(" "));
    expect(odd).toEqual([]);
    expect(cadres).toHaveLength(418);
  });

  it("hold posts by their unit's size: a unit of 118 members has two Deputies and four committee members, one of 18 a Deputy and one", async () => {
    const { readFileSync } = await import("node:fs");
    const cadres = JSON.parse(readFileSync("data/demo/cadres.json", "utf8")) as { unitId: string; position: string }[];
    const posts = (unitId: string) => {
      const of = cadres.filter((c) => c.unitId === unitId).map((c) => c.position);
      return {
        secretary: of.filter((p) => p === "secretary").length,
        deputy: of.filter((p) => p === "deputy").length,
        committee: of.filter((p) => p === "committee").length,
      };
    };
    expect(posts("u09")).toEqual({ secretary: 1, deputy: 2, committee: 4 });
    expect(posts("u02")).toEqual({ secretary: 1, deputy: 1, committee: 2 });
    expect(posts("u29")).toEqual({ secretary: 1, deputy: 1, committee: 1 });
  });

  it("carries Plan 49-KH/ĐTN (2020–2022) as an ended plan with its own history: /baocaonam 2021 and /baocaoketthuc 49-KH/ĐTN", async () => {
    const bot = await demoBot("2026-11-29T03:00:00.000Z");
    // As of 31/12/2021: 10 cadres held posts (the history's earlier posts and posts held since 2019–2020), 8 fostered,
    // 6 at trung cấp or above (the levels of that day: Mai was sơ cấp until 30/06/2022); 3 classes held (youth-work,
    // supplementary, lecturers), 6 completers; 4 in the needs review (Mai with them).
    const [year] = await bot.say("admin", "/baocaonam 2021");
    expect(year!.text).toBe(
      [
        "Báo cáo năm 2021 gửi Thành đoàn (kế hoạch 49-KH/ĐTN), số liệu tính đến ngày 31/12/2021:",
        "• 3 lớp bồi dưỡng đã tổ chức, 6 học viên hoàn thành (được cấp chứng chỉ)",
        "• Cán bộ được bồi dưỡng: 80%; Bí thư mới được bầu đã được đào tạo: —; đạt chuẩn lý luận chính trị: 60%",
        "• Chứng chỉ: 6 từ lớp của Đoàn Khối, 0 học tại nơi khác",
        "• Rà soát nhu cầu: 4 cán bộ chưa đạt chuẩn lý luận chính trị hoặc quy định cán bộ",
        "• Lượt đơn vị chưa báo cáo: 261",
        "  Bí thư mới được bầu: mọi người được bầu làm Bí thư từ 07/10/2019 (6 tháng trước khi kế hoạch bắt đầu ngày 07/04/2020) đến ngày 31/12/2021, tính cho đến khi được đào tạo hoặc đến hết kế hoạch (31/12/2022).",
        "Chi tiết trong tệp Excel kèm theo.",
      ].join("\n"),
    );
    const [plan] = await bot.say("admin", "/baocaoketthuc 49-KH/ĐTN");
    expect(plan!.text).toContain("Báo cáo giai đoạn 2020 – 2022 gửi Thành đoàn (kế hoạch 49-KH/ĐTN), số liệu tính đến ngày 31/12/2022:");
    expect(plan!.text).toContain("• 5 lớp bồi dưỡng đã tổ chức, 10 học viên hoàn thành (được cấp chứng chỉ)");
  });
});
