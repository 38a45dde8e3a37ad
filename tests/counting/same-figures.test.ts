/**
 * Issue 24: "every figure must be the same in /tiendo, the weekly digest, /xuat, the chart and the
 * city workbooks". One set of data, driven through the real Telegram channel (the fake Bot API):
 * each rendering's figures are written out below, and they are the same figures.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startScheduler } from "../../src/scheduler";
import { planTick } from "../../src/scheduler/tick";
import { seedCertificate, seedEnrollment, seedReport, seedUnit } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";
import { telegramDriver, type TelegramDriver } from "../helpers/channels";
import { startWeb } from "../helpers/web";
import type { ApiCall } from "../telegram/fake-bot-api";

/** Every chart /tiendo draws, as the SVG handed to the PNG renderer (its texts are the chart's data). */
const drawn = vi.hoisted(() => [] as string[]);
vi.mock("../../src/features/reports/chart-png", async (original) => {
  const real = await original<typeof import("../../src/features/reports/chart-png")>();
  return {
    ...real,
    svgToPng: async (svg: string) => {
      drawn.push(svg);
      return real.svgToPng(svg);
    },
  };
});

const ADMIN = "900";

/**
 * Monday 07/12/2026 08:00 (the digest's hour), plan KH-2026 (01/01/2026 – 31/12/2027, T2's lead-in from
 * 01/07/2025), quarterly reports:
 * - u01 "Sở Tư pháp": Secretary Bình (elected 15/10/2025, trung cấp), Deputy An (sơ cấp), committee member
 *   Hoa (no theory). Bình and An completed the May class (certificates 20/05/2026); Hoa enrolled, not certified.
 *   Reported Q1–Q3, Q3 naming a difficulty.
 * - u02 "Sở Y tế": Secretary Cường (elected 10/03/2026, sơ cấp, untrained), committee member Dũng (trung cấp).
 *   Both enrolled in the September class, which was never closed.
 * - u03 "Sở Xây dựng": Secretary Em (elected 01/05/2024: before the lead-in, trung cấp), committee member
 *   Phương (sơ cấp) with a trung cấp diploma from elsewhere (15/06/2026), which raises her level.
 * - u04 "Sở Nội vụ", closed on 01/09/2026: Secretary Giang (elected 01/02/2026, untrained). A closed unit
 *   leaves the figures.
 * - Classes of 2026: youth-work 18–19/05 (closed 20/05: held); supplementary 10/09 (never closed: not held);
 *   lecturers 15/12 (scheduled).
 *
 * Figures: 7 cadres; T1 fostered 3/7 (Bình, An, Phương); T2 1/2 (Bình trained, Cường not); theory 4/7
 * (Bình, Dũng, Em, Phương). Units: u01 T1 2/3, T2 1/1, theory 1/3; u02 0/2, 0/1, 1/2; u03 1/2, —, 2/2.
 * One class held, 2 completers (Secretary and Deputy: audience 1.3).
 */
async function setup(now = "2026-12-07T01:00:10.000Z"): Promise<TelegramDriver> {
  const d = await telegramDriver({ now, adminIds: [`telegram:${ADMIN}`] });
  const { store } = d.bot;
  await seedUnit(store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
    { userId: "101", fullName: "Trần Thị Bình", position: "secretary", electedOn: "2025-10-15", theoryLevel: "intermediate" },
    { userId: "102", fullName: "Lê Văn An", position: "deputy", theoryLevel: "basic" },
    { userId: "103", fullName: "Đỗ Thị Hoa", position: "committee", theoryLevel: "none" },
  ]);
  await seedUnit(store, { id: "u02", name: "Đoàn cơ sở Sở Y tế" }, [
    { userId: "201", fullName: "Phạm Văn Cường", position: "secretary", electedOn: "2026-03-10", theoryLevel: "basic" },
    { userId: "202", fullName: "Ngô Văn Dũng", position: "committee", theoryLevel: "intermediate" },
  ]);
  await seedUnit(store, { id: "u03", name: "Đoàn cơ sở Sở Xây dựng" }, [
    { userId: "301", fullName: "Võ Văn Em", position: "secretary", electedOn: "2024-05-01", theoryLevel: "intermediate" },
    { userId: "302", fullName: "Hồ Thị Phương", position: "committee", theoryLevel: "basic" },
  ]);
  await seedUnit(store, { id: "u04", name: "Đoàn cơ sở Sở Nội vụ", status: "closed", endedAt: "2026-09-01T02:00:00.000Z" }, [
    { userId: "401", fullName: "Mai Văn Giang", position: "secretary", electedOn: "2026-02-01", theoryLevel: "none" },
  ]);
  await seedCourse(store, {
    id: "c-may",
    code: "L26-01",
    title: "Bồi dưỡng nghiệp vụ tháng 5/2026",
    status: "completed",
    completedAt: "2026-05-20T09:00:00.000Z",
    sessions: [
      { id: "s1", date: "2026-05-18", start: "08:00", end: "11:00", place: "Hội trường Đoàn Khối" },
      { id: "s2", date: "2026-05-19", start: "08:00", end: "11:00", place: "Hội trường Đoàn Khối" },
    ],
    deadline: "2026-05-15T16:59:00.000Z",
  });
  for (const person of ["p-101", "p-102", "p-103"]) await seedEnrollment(store, { courseId: "c-may", personId: person, unitId: "u01" });
  for (const person of ["p-101", "p-102"]) await seedCertificate(store, { personId: person, issuedOn: "2026-05-20", courseId: "c-may" });
  await seedCourse(store, {
    id: "c-sep",
    code: "L26-02",
    kind: "supplementary",
    title: "Bồi dưỡng kiến thức bổ trợ tháng 9/2026",
    sessions: [{ id: "s1", date: "2026-09-10", start: "08:00", end: "11:00", place: "Hội trường Đoàn Khối" }],
    deadline: "2026-09-05T16:59:00.000Z",
  });
  for (const person of ["p-201", "p-202"]) await seedEnrollment(store, { courseId: "c-sep", personId: person, unitId: "u02" });
  await seedCourse(store, {
    id: "c-dec",
    code: "L26-03",
    kind: "lecturers",
    title: "Bồi dưỡng báo cáo viên tháng 12/2026",
    sessions: [{ id: "s1", date: "2026-12-15", start: "08:00", end: "11:00", place: "Hội trường Đoàn Khối" }],
    deadline: "2026-12-10T16:59:00.000Z",
  });
  for (const period of ["2026-Q1", "2026-Q2", "2026-Q3"])
    await seedReport(store, { unitId: "u01", period, submittedAt: "2026-10-05T02:00:00.000Z", submittedBy: "p-101" });
  const q3 = (await store.reports.get("u01:2026-Q3"))!;
  await store.reports.put({ ...q3, difficulties: "Thiếu kinh phí cử cán bộ đi học" });
  const recorded = await d.say(ADMIN, "/chungchingoai p-302 trungcap TC-7 15/06/2026 Trường Chính trị TP. Cần Thơ");
  expect(recorded.join("\n")).toContain("Hồ Thị Phương");
  return d;
}

/** The files the bot sent to a chat since call `from`, as bytes by file name. */
function documents(d: TelegramDriver, from: number): Map<string, Buffer> {
  const sent = d.harness.fake.calls.slice(from).filter((c: ApiCall) => c.method === "sendDocument" && String(c.params.chat_id) === ADMIN);
  return new Map(sent.map((c: ApiCall) => [c.params.document.filename as string, c.params.document.content as Buffer]));
}

async function workbook(content: Buffer | undefined): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  return wb;
}

const row = (ws: ExcelJS.Worksheet | undefined, n: number) => (ws!.getRow(n).values as unknown[]).slice(1);

/** The text of a .docx, one line per paragraph (a table's cells are paragraphs too). */
async function documentText(content: Buffer | undefined): Promise<string> {
  const xml = await (await JSZip.loadAsync(content!)).file("word/document.xml")!.async("string");
  return xml
    .split("</w:p>")
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""))
    .filter(Boolean)
    .join("\n");
}

let driver: TelegramDriver | undefined;
afterEach(async () => {
  await driver?.close();
  driver = undefined;
  drawn.length = 0;
});

describe("one set of data, the same figures everywhere (Telegram)", () => {
  it("/tiendo, its chart, the web view, the weekly digest, /xuat and the city workbook and .docx agree on T1, T2, theory, classes held and completers", async () => {
    const d = (driver = await setup());

    // /tiendo: the bloc, the units furthest behind first, the yearly kinds (the September class is not held).
    const progress = (await d.say(ADMIN, "/tiendo")).join("\n");
    expect(progress).toContain(
      "Toàn Khối:\n7 cán bộ Đoàn · bồi dưỡng 3/7 (42,9%) · Bí thư mới bầu 1/2 (50%) · lý luận chính trị 4/7 (57,1%)",
    );
    expect(progress).toContain(
      [
        "1. Đoàn cơ sở Sở Y tế: bồi dưỡng 0% · Bí thư mới bầu 0% · lý luận chính trị 50%",
        "2. Đoàn cơ sở Sở Tư pháp: bồi dưỡng 66,7% · Bí thư mới bầu 100% · lý luận chính trị 33,3%",
        "3. Đoàn cơ sở Sở Xây dựng: bồi dưỡng 50% · Bí thư mới bầu — · lý luận chính trị 100%",
      ].join("\n"),
    );
    expect(progress).toContain(
      [
        "Lớp hằng năm chưa tổ chức và chưa lên lịch trong năm 2026: Bồi dưỡng kiến thức bổ trợ (ngoại ngữ, tin học, an ninh quốc phòng, nghiệp vụ). Gõ /taolop để tạo lớp.",
        "Lớp đã qua buổi học cuối nhưng chưa kết thúc nên chưa tính là đã tổ chức: L26-02 · Bồi dưỡng kiến thức bổ trợ tháng 9/2026. Gõ /ketthuc để kết thúc lớp.",
      ].join("\n"),
    );

    // The chart sent with it: the same bloc figures and the same units' T1, in the same order.
    expect(drawn).toHaveLength(1);
    const chart = drawn[0]!;
    expect(chart).toContain("3 đơn vị, chậm nhất xếp trên · Toàn Khối: bồi dưỡng 42,9% · Bí thư mới bầu 50% · lý luận chính trị 57,1%");
    const labels = [...chart.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    // Each bar: its numbered label, then the T1 written at the bar's end.
    const bars = labels.flatMap((l, i) => (/^\d+\. /.test(l!) ? [`${l} ${labels[i + 1]}`] : []));
    expect(bars).toEqual(["1. Đoàn cơ sở Sở Y tế 0%", "2. Đoàn cơ sở Sở Tư pháp 66,7%", "3. Đoàn cơ sở Sở Xây dựng 50%"]);

    // The web view's bloc page (its link comes with /tiendo): the same three figures, the same yearly classes.
    const web = await startWeb(d.bot);
    try {
      const opened = await fetch(await web.link(`telegram:${ADMIN}`), { redirect: "manual" });
      const cookie = opened.headers.get("set-cookie")!.split(";")[0]!;
      const html = await (await fetch(`${web.base}/app/bloc`, { headers: { Cookie: cookie } })).text();
      const page = html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
      expect(page).toContain("T1 · được bồi dưỡng (mục tiêu 100%) 42,9% 3/7");
      expect(page).toContain("T2 · Bí thư mới bầu có chứng chỉ (mục tiêu 100%) 50% 1/2");
      expect(page).toContain("Đạt chuẩn lý luận (mục tiêu 100%) 57,1% 4/7");
      expect(page).toContain(
        "Lớp đã qua buổi học cuối nhưng chưa kết thúc nên chưa tính là đã tổ chức: L26-02 · Bồi dưỡng kiến thức bổ trợ tháng 9/2026.",
      );
    } finally {
      await web.close();
    }

    // The weekly digest of this Monday, delivered to the admin's Telegram chat.
    await d.bot.store.scheduler.put({ id: "scheduler", lastTickAt: "2026-12-07T00:59:10.000Z" });
    const before = d.seen(ADMIN).length;
    await planTick(d.bot.deps);
    await d.bot.delivery!.kick();
    const digest = d
      .seen(ADMIN)
      .slice(before)
      .find((t) => t.startsWith("📊 Tổng hợp tuần"));
    expect(digest).toBe(
      [
        "📊 Tổng hợp tuần (07/12/2026)",
        "• Đơn vị: 3; cán bộ đã duyệt: 7 (chờ duyệt: 0)",
        "• Cán bộ được bồi dưỡng (từ 01/01/2026 đến 31/12/2027): 3/7 (42,9%)",
        "• Bí thư mới được bầu đã được đào tạo nghiệp vụ: 1/2 (50%)",
        "  Bí thư mới được bầu: mọi người được bầu làm Bí thư từ 01/07/2025 (6 tháng trước khi kế hoạch bắt đầu ngày 01/01/2026) đến nay, tính cho đến khi được đào tạo hoặc đến hết kế hoạch (31/12/2027).",
        "• Cán bộ đạt trung cấp lý luận chính trị trở lên: 4/7 (57,1%)",
        "• Báo cáo Quý 3/2026: 1/3 đơn vị",
        "• Lớp đang mở: 2",
        "",
        "Các đơn vị chậm nhất:",
        "1. Đoàn cơ sở Sở Y tế: bồi dưỡng 0% · Bí thư mới bầu 0% · lý luận chính trị 50%",
        "2. Đoàn cơ sở Sở Tư pháp: bồi dưỡng 66,7% · Bí thư mới bầu 100% · lý luận chính trị 33,3%",
        "3. Đoàn cơ sở Sở Xây dựng: bồi dưỡng 50% · Bí thư mới bầu — · lý luận chính trị 100%",
        "",
        "Gõ /tiendo để xem tiến độ chi tiết.",
      ].join("\n"),
    );

    // /xuat: the unit summary, furthest behind first, and the bloc's total.
    let from = d.harness.fake.calls.length;
    await d.say(ADMIN, "/xuat");
    const summary = (await workbook(documents(d, from).get("bao-cao-doan-khoi-2026-Q4-2026-12-07.xlsx"))).getWorksheet("Tổng hợp đơn vị");
    expect([6, 7, 8, 9].map((n) => row(summary, n).slice(1, 10))).toEqual([
      ["Đoàn cơ sở Sở Y tế", 2, 0, 0, 1, 0, 0, 1, 0.5],
      ["Đoàn cơ sở Sở Tư pháp", 3, 2, 2 / 3, 1, 1, 1, 1, 1 / 3],
      ["Đoàn cơ sở Sở Xây dựng", 2, 1, 0.5, 0, 0, undefined, 2, 1],
      ["Toàn Khối", 7, 3, 3 / 7, 2, 1, 0.5, 4, 4 / 7],
    ]);

    // /baocaonam 2026, made during the year: counted as of today, the same figures; one class held, 2 completers.
    from = d.harness.fake.calls.length;
    const said = (await d.say(ADMIN, "/baocaonam 2026")).join("\n");
    expect(said).toContain("• 1 lớp bồi dưỡng đã tổ chức, 2 học viên hoàn thành (được cấp chứng chỉ)");
    expect(said).toContain("• Cán bộ được bồi dưỡng: 42,9%; Bí thư mới được bầu đã được đào tạo: 50%; đạt chuẩn lý luận chính trị: 57,1%");
    expect(said).toContain(
      "• 1 lớp đã qua buổi học cuối nhưng chưa được kết thúc nên chưa tính là đã tổ chức: gõ /ketthuc để kết thúc lớp.",
    );
    const files = documents(d, from);
    const city = await workbook(files.get("bao-cao-nam-2026-2026-12-07.xlsx"));
    const targets = city.getWorksheet("Chỉ tiêu");
    expect([6, 7, 8].map((n) => row(targets, n).slice(2, 5))).toEqual([
      [3, 7, 3 / 7],
      [1, 2, 0.5],
      [4, 7, 4 / 7],
    ]);
    const classes = city.getWorksheet("Lớp bồi dưỡng");
    expect(row(classes, 6).slice(3, 4).concat(row(classes, 6).slice(6))).toEqual([
      "Bồi dưỡng nghiệp vụ tháng 5/2026",
      "Đã tổ chức",
      3,
      undefined,
      undefined,
      2,
      0,
      undefined,
      undefined,
      2,
    ]);
    expect(row(classes, 7).slice(8)).toEqual([0, 0, 2, 0, 0, 0, 2]);

    const docx = await documentText(files.get("bao-cao-nam-2026-2026-12-07.docx"));
    expect(docx).toContain(
      [
        "1\nCán bộ Đoàn trong Khối được bồi dưỡng kiến thức, nghiệp vụ, kỹ năng\n3\n7\n42,9%\n100%",
        "2\nBí thư cơ sở mới được bầu được đào tạo nghiệp vụ cơ bản về công tác Đoàn, Hội\n1\n2\n50%\n100%",
        "3\nCán bộ Đoàn đạt chuẩn lý luận chính trị\n4\n7\n57,1%\n100%",
      ].join("\n"),
    );
    expect(docx).toContain("- Đối tượng 1.3 (Bồi dưỡng nghiệp vụ: Bí thư, Phó Bí thư Đoàn cơ sở): 2 người.");
    expect(docx).toContain(
      "- Năm 2026: Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên: 1 lớp đã tổ chức; Bồi dưỡng kiến thức bổ trợ (ngoại ngữ, tin học, an ninh quốc phòng, nghiệp vụ): 0 lớp đã tổ chức; Bồi dưỡng đội ngũ báo cáo viên: 0 lớp đã tổ chức.",
    );
    expect(docx).toContain("- 4 cán bộ Đoàn chưa được bồi dưỡng.");
    expect(docx).toContain("- 1 Bí thư mới được bầu chưa được đào tạo nghiệp vụ cơ bản về công tác Đoàn, Hội.");
  });
});

describe("a year's report made after the year, as the year stood (Telegram)", () => {
  it("/baocaonam 2026, chosen from the years offered on 20/01/2027, has the figures /tiendo showed on 31/12/2026; /tiendo has moved on", async () => {
    const d = (driver = await setup());
    d.bot.setNow("2026-12-31T03:00:00.000Z");
    expect((await d.say(ADMIN, "/tiendo")).join("\n")).toContain(
      "Toàn Khối:\n7 cán bộ Đoàn · bồi dưỡng 3/7 (42,9%) · Bí thư mới bầu 1/2 (50%) · lý luận chính trị 4/7 (57,1%)",
    );
    // January 2027: Cường gets the title certificate (05/01); the September class is closed on 10/01 with Cường and
    // Dũng certified; u03 is closed on 15/01.
    const { store } = d.bot;
    await seedCertificate(store, { personId: "p-201", issuedOn: "2027-01-05", title: true });
    await store.courses.put({ ...(await store.courses.get("c-sep"))!, status: "completed", completedAt: "2027-01-10T09:00:00.000Z" });
    for (const person of ["p-201", "p-202"])
      await seedCertificate(store, { personId: person, issuedOn: "2027-01-10", courseId: "c-sep", kind: "supplementary" });
    await store.units.put({ ...(await store.units.get("u03"))!, status: "closed", endedAt: "2027-01-15T02:00:00.000Z" });

    d.bot.setNow("2027-01-20T03:00:00.000Z");
    expect((await d.say(ADMIN, "/tiendo")).join("\n")).toContain(
      "Toàn Khối:\n5 cán bộ Đoàn · bồi dưỡng 4/5 (80%) · Bí thư mới bầu 2/2 (100%) · lý luận chính trị 2/5 (40%)",
    );
    expect((await d.say(ADMIN, "/baocaonam")).join("\n")).toBe(
      "Bạn muốn lập báo cáo năm nào gửi Thành đoàn? Số liệu tính đến ngày 31/12 của năm đó.",
    );
    expect(await d.options(ADMIN)).toEqual(["2027", "2026", "2022", "2021", "2020"]);
    // Needs review on 31/12/2026: An, Hoa, Cường below trung cấp (Phương's diploma raised her). Reports missing: u01's
    // Q4, u02's and u03's four quarters (u04 had closed). The lecturers' class of 15/12 is still open: named, not held.
    const from = d.harness.fake.calls.length;
    expect((await d.press(ADMIN, "2026")).join("\n")).toBe(
      [
        "Báo cáo năm 2026 gửi Thành đoàn (kế hoạch KH-2026), số liệu tính đến ngày 31/12/2026:",
        "• 1 lớp bồi dưỡng đã tổ chức, 2 học viên hoàn thành (được cấp chứng chỉ)",
        "• Cán bộ được bồi dưỡng: 42,9%; Bí thư mới được bầu đã được đào tạo: 50%; đạt chuẩn lý luận chính trị: 57,1%",
        "• Chứng chỉ: 2 từ lớp của Đoàn Khối, 1 học tại nơi khác",
        "• Rà soát nhu cầu: 3 cán bộ chưa đạt chuẩn lý luận chính trị hoặc quy định cán bộ",
        "• Lượt đơn vị chưa báo cáo: 9",
        "  Bí thư mới được bầu: mọi người được bầu làm Bí thư từ 01/07/2025 (6 tháng trước khi kế hoạch bắt đầu ngày 01/01/2026) đến ngày 31/12/2026, tính cho đến khi được đào tạo hoặc đến hết kế hoạch (31/12/2027).",
        "• 1 lớp đã qua buổi học cuối nhưng chưa được kết thúc nên chưa tính là đã tổ chức: gõ /ketthuc để kết thúc lớp.",
        "Chi tiết trong tệp Excel kèm theo.",
        "Dự thảo báo cáo (.docx) theo thể thức văn bản của Đoàn: điền số văn bản, ngày ký, chức vụ và họ tên người ký trước khi trình ký.",
      ].join("\n"),
    );
    const files = documents(d, from);
    const city = await workbook(files.get("bao-cao-nam-2026-2027-01-20.xlsx"));
    expect([6, 7, 8].map((n) => row(city.getWorksheet("Chỉ tiêu"), n).slice(2, 5))).toEqual([
      [3, 7, 3 / 7],
      [1, 2, 0.5],
      [4, 7, 4 / 7],
    ]);
    // The September class was closed in 2027: not held in 2026.
    const classes = city.getWorksheet("Lớp bồi dưỡng");
    expect(row(classes, 6)[3]).toBe("Bồi dưỡng nghiệp vụ tháng 5/2026");
    expect(row(classes, 7).slice(8)).toEqual([0, 0, 2, 0, 0, 0, 2]);
    const docx = await documentText(files.get("bao-cao-nam-2026-2027-01-20.docx"));
    expect(docx).toContain("2\nBí thư cơ sở mới được bầu được đào tạo nghiệp vụ cơ bản về công tác Đoàn, Hội\n1\n2\n50%\n100%");
    expect(docx).toContain("- 1 Bí thư mới được bầu chưa được đào tạo nghiệp vụ cơ bản về công tác Đoàn, Hội.");
    // III.2 counts the classes held by 31/12/2026 (the September class was closed in 2027), IV the units in the bloc then.
    expect(docx).toContain(
      "- Năm 2026: Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên: 1 lớp đã tổ chức; Bồi dưỡng kiến thức bổ trợ (ngoại ngữ, tin học, an ninh quốc phòng, nghiệp vụ): 0 lớp đã tổ chức; Bồi dưỡng đội ngũ báo cáo viên: 0 lớp đã tổ chức.",
    );
    expect(docx).toContain("- 1/3 đơn vị đã gửi báo cáo tình hình; 9 lượt đơn vị chưa báo cáo.");
  });
});

describe("the period summary, as the bloc stood on the period's last day (Telegram)", () => {
  it("tells the admins on 11/10/2026 the Q3 figures /tiendo showed on 30/09/2026, though a unit closed since", async () => {
    const d = (driver = await setup("2026-09-30T03:00:00.000Z"));
    expect((await d.say(ADMIN, "/tiendo")).join("\n")).toContain(
      "Toàn Khối:\n7 cán bộ Đoàn · bồi dưỡng 3/7 (42,9%) · Bí thư mới bầu 1/2 (50%) · lý luận chính trị 4/7 (57,1%)",
    );
    // u03 (Em and Phương) closes on 05/10/2026; on 30/09 it was in the bloc.
    await d.bot.store.units.put({ ...(await d.bot.store.units.get("u03"))!, status: "closed", endedAt: "2026-10-05T02:00:00.000Z" });

    // The morning after Q3's deadline (10/10): the summary reaches the admin's chat.
    d.bot.setNow("2026-10-11T01:00:10.000Z");
    await d.bot.store.scheduler.put({ id: "scheduler", lastTickAt: "2026-10-11T00:59:10.000Z" });
    // The scheduler as main.ts starts it (its composers write the summary at send time), through the Telegram channel.
    const before = d.seen(ADMIN).length;
    const scheduler = startScheduler(d.bot.deps, { telegram: d.harness.channel.sender }, { cron: "0 0 1 1 *", composers: d.bot.composers });
    await scheduler.stop();
    const summary = d
      .seen(ADMIN)
      .slice(before)
      .find((t) => t.startsWith("Tổng kết kỳ báo cáo Quý 3/2026"));
    // After (30/09/2026): what /tiendo showed that day. Before (30/06/2026): u04, closed on 01/09, was still in the
    // bloc with its untrained Secretary Giang: 3/8 fostered, 1/3 trained, 4/8 at trung cấp.
    expect(summary).toContain(
      [
        "Tiến độ toàn Khối trong kỳ (01/07/2026 – 30/09/2026):",
        "• Cán bộ được bồi dưỡng: 37,5% → 42,9% (+5,4 điểm %)",
        "• Bí thư mới được bầu đã được đào tạo nghiệp vụ: 33,3% → 50% (+16,7 điểm %)",
        "• Cán bộ đạt trung cấp LLCT trở lên: 50% → 57,1% (+7,1 điểm %)",
      ].join("\n"),
    );
  });
});
