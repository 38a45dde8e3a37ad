import { describe, expect, it } from "vitest";
import { createTestBot, seedCertificate, seedUnit } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";
import { currentPlan } from "../helpers/plan";
import { values, workbook } from "../helpers/documents";

const session = (date: string) => [{ id: "s1", date, start: "08:00", end: "11:00", place: "Hội trường Đoàn Khối" }];

/**
 * u01 "Sở Tư pháp": An, Secretary elected 01/04/2025 (trung cấp); Bình, Deputy from 01/05/2024 then Secretary
 * elected 10/03/2026 (sơ cấp). u02 "Sở Y tế": Dũng, Secretary elected 01/12/2024 — in the 6-month lead-in —
 * (trung cấp), title certificate from elsewhere 01/02/2026; Cường, committee member registered 01/06/2026.
 * Classes of 2025: youth-work of 10/09/2025 closed 12/09/2025 (An and Bình certified that day); supplementary of
 * 20/12/2025 closed only on 05/01/2026.
 * As of 31/12/2025: cadres An, Bình (Deputy), Dũng; T1 2/3; T2 1/2 (An trained, Dũng not yet); theory 2/3; 1 class held.
 */
async function setup() {
  const plan = currentPlan({ id: "KH-2025", issuedOn: "2025-01-01", period: { from: "2025-01-01", to: "2026-12-31" } });
  const bot = await createTestBot({ now: "2027-01-10T03:00:00.000Z", plan });
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
    { userId: "an", fullName: "Lê Văn An", position: "secretary", electedOn: "2025-04-01", theoryLevel: "intermediate" },
    {
      userId: "binh",
      fullName: "Trần Thị Bình",
      position: "secretary",
      electedOn: "2026-03-10",
      postSince: "2026-03-10",
      formerPosts: [{ unitId: "u01", position: "deputy", from: "2024-05-01", until: "2026-03-09", electedOn: "2024-05-01" }],
      theoryLevel: "basic",
    },
  ]);
  await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Y tế" }, [
    { userId: "dung", fullName: "Ngô Văn Dũng", position: "secretary", electedOn: "2024-12-01", theoryLevel: "intermediate" },
    { userId: "cuong", fullName: "Phạm Văn Cường", position: "committee", registeredAt: "2026-06-01T02:00:00.000Z" },
  ]);
  await seedCourse(bot.store, {
    id: "c-a",
    code: "L25-01",
    year: 2025,
    title: "Nghiệp vụ công tác Đoàn 2025",
    sessions: session("2025-09-10"),
    status: "completed",
    completedAt: "2025-09-12T02:00:00.000Z",
  });
  await seedCourse(bot.store, {
    id: "c-b",
    code: "L25-02",
    year: 2025,
    kind: "supplementary",
    title: "Kiến thức bổ trợ 2025",
    sessions: session("2025-12-20"),
    status: "completed",
    completedAt: "2026-01-05T02:00:00.000Z",
  });
  for (const p of ["p-an", "p-binh"])
    await seedCertificate(bot.store, { id: `k-${p}`, personId: p, issuedOn: "2025-09-12", courseId: "c-a", kind: "youth-work" });
  await seedCertificate(bot.store, {
    id: "k-dung",
    personId: "p-dung",
    issuedOn: "2026-02-01",
    kind: "title-secretary",
    title: true,
    origin: "outside",
    issuer: "Thành đoàn Cần Thơ",
  });
  return bot;
}

describe("reports for any year and plan, as they stood then", () => {
  it("makes the 2025 report in January 2027 with the figures of 31/12/2025", async () => {
    const bot = await setup();
    const [reply] = await bot.say("admin", "/baocaonam 2025");
    expect(reply!.text).toBe(
      [
        "Báo cáo năm 2025 gửi Thành đoàn (kế hoạch KH-2025), số liệu tính đến ngày 31/12/2025:",
        "• 1 lớp bồi dưỡng đã tổ chức, 2 học viên hoàn thành (được cấp chứng chỉ)",
        "• Cán bộ được bồi dưỡng: 66,7%; Bí thư mới được bầu đã được đào tạo: 50%; đạt chuẩn lý luận chính trị: 66,7%",
        "• Chứng chỉ: 2 từ lớp của Đoàn Khối, 0 học tại nơi khác",
        "• Rà soát nhu cầu: 1 cán bộ chưa đạt chuẩn lý luận chính trị hoặc quy định cán bộ",
        "• Lượt đơn vị chưa báo cáo: 8",
        "  Bí thư mới được bầu: mọi người được bầu làm Bí thư từ 01/07/2024 (6 tháng trước khi kế hoạch bắt đầu ngày 01/01/2025) đến ngày 31/12/2025, tính cho đến khi được đào tạo hoặc đến hết kế hoạch (31/12/2026).",
        "Chi tiết trong tệp Excel kèm theo.",
      ].join("\n"),
    );
    const wb = await workbook(reply!.file!.content);
    const classes = wb.getWorksheet("Lớp bồi dưỡng")!;
    // The supplementary class closed on 05/01/2026 was not held on 31/12/2025. Bình counts as the Deputy she was (1.3).
    expect(values(classes, 6).slice(0, 4)).toEqual([
      1,
      2025,
      "Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên",
      "Nghiệp vụ công tác Đoàn 2025",
    ]);
    expect(values(classes, 6).slice(6)).toEqual(["Đã tổ chức", 0, undefined, undefined, 2, 0, undefined, undefined, 2]);
    expect(values(classes, 7).slice(8)).toEqual([0, 0, 2, 0, 0, 0, 2]);
    const targets = wb.getWorksheet("Chỉ tiêu")!;
    expect([6, 7, 8].map((n) => values(targets, n).slice(2))).toEqual([
      [2, 3, 2 / 3, 1],
      [1, 2, 0.5, 1],
      [2, 3, 2 / 3, 1],
    ]);
    const certs = wb.getWorksheet("Chứng chỉ")!;
    expect(values(certs, 6)).toEqual([1, 2025, "Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên", 2, 0, 2]);
    expect(certs.getRow(7).values).toEqual([]);
    const needs = wb.getWorksheet("Rà soát nhu cầu")!;
    expect(values(needs, 6).slice(1, 4)).toEqual(["Đoàn cơ sở Sở Tư pháp", "Trần Thị Bình", "Phó Bí thư"]);
  });

  it("makes the end-of-plan report after the plan's last day, as of that day", async () => {
    const bot = await setup();
    const [reply] = await bot.say("admin", "/baocaoketthuc KH-2025");
    // As of 31/12/2026: Bình is Secretary (elected 10/03/2026, trained by her 2025 class), Dũng trained 01/02/2026, Cường a cadre since 01/06/2026.
    expect(reply!.text).toContain("Báo cáo giai đoạn 2025 – 2026 gửi Thành đoàn (kế hoạch KH-2025), số liệu tính đến ngày 31/12/2026:");
    expect(reply!.text).toContain("• 2 lớp bồi dưỡng đã tổ chức, 2 học viên hoàn thành (được cấp chứng chỉ)");
    expect(reply!.text).toContain(
      "• Cán bộ được bồi dưỡng: 75%; Bí thư mới được bầu đã được đào tạo: 100%; đạt chuẩn lý luận chính trị: 50%",
    );
    const targets = (await workbook(reply!.file!.content)).getWorksheet("Chỉ tiêu")!;
    expect(values(targets, 7).slice(2)).toEqual([3, 3, 1, 1]);
  });

  it("walks the report commands in English: no Vietnamese outside names and the workbook", async () => {
    const bot = await setup();
    await bot.say("admin", "/lang en");
    const names = [/49-KH\/ĐTN/g, /Đoàn cơ sở [^\n,]+/g];
    const vietnamese = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
    for (const command of ["/yearreport", "/yearreport 2025", "/yearreport 2019", "/planreport", "/planreport KH-2025", "/planreport x"]) {
      for (const reply of await bot.say("admin", command)) {
        const shown = [reply.text, ...(reply.buttons ?? []).flat().map((b) => b.label)].join("\n");
        const rest = names.reduce((text, name) => text.replace(name, ""), shown);
        expect({ command, vietnamese: vietnamese.exec(rest)?.[0] }).toEqual({ command, vietnamese: undefined });
      }
    }
    const [reply] = await bot.say("admin", "/yearreport 2025");
    expect(reply!.text.split("\n")[0]).toBe("Report for 2025 to the city Youth Union (plan KH-2025), figures as of 31/12/2025:");
    expect((await workbook(reply!.file!.content)).worksheets[0]!.name).toBe("Lớp bồi dưỡng");
  });
});
