/**
 * Issue 24: "every figure must be the same in /tiendo, the weekly digest, /xuat, the chart and the
 * city workbooks". One set of data, driven through the real Telegram channel (the fake Bot API):
 * each rendering's figures are written out below, and they are the same figures.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { planTick } from "../../src/scheduler/tick";
import type { TelegramDriver } from "../helpers/channels";
import { startWeb } from "../helpers/web";
import { ADMIN, documentText, documents, row, setup, workbook } from "./fixtures/bloc";

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
      expect(page).toContain("T2 · Bí thư mới bầu đã được đào tạo (mục tiêu 100%) 50% 1/2");
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
        "• Lớp đang mở: 2 (trong đó 1 lớp đã qua buổi học cuối nhưng chưa kết thúc nên chưa tính là đã tổ chức: gõ /ketthuc)",
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
