/**
 * A new plan may start in the middle of a year that an older one holds, once an admin ends the older
 * one early (issue 24, point 6): the running plan KH-2026 (planned 01/01/2026 – 31/12/2027) is ended on
 * 30/06/2027, KH-2027 starts on 01/07/2027, and in 2027 — the year they share — a record belongs to the
 * plan whose part of the year holds its date. The reports of 2027: tests/plans/shared-year.test.ts.
 */
import { afterEach, describe, expect, it } from "vitest";
import { openPostgresStore } from "../../src/store/postgres/postgres-store";
import type { Store } from "../../src/store/store";
import { createTestBot } from "../helpers/chat";
import { currentPlan } from "../helpers/plan";
import { setup, switched } from "../helpers/plan-switch";
import { freshDatabase } from "../helpers/postgres";

describe("/kehoach ketthuc: ending a plan early", () => {
  it("previews the new end, what no longer belongs to the plan and its final report, and ends it once confirmed", async () => {
    const bot = await setup();
    const [preview] = await bot.say("admin", "/kehoach ketthuc KH-2026 30/06/2027");
    expect(preview!.text).toBe(
      [
        "Kết thúc sớm kế hoạch KH-2026 (01/01/2026 – 31/12/2027): ngày kết thúc mới là 30/06/2027.",
        "⚠️ Những gì có ngày sau 30/06/2027 sẽ không còn thuộc kế hoạch này (lớp: 1; chứng chỉ và báo cáo: 1); chúng sẽ thuộc kế hoạch bắt đầu sau đó (dữ liệu vẫn giữ nguyên):",
        "• L27-02 · Kiến thức bổ trợ 2027 (15/09/2027)",
        "Báo cáo kết thúc kế hoạch làm được ngay: /baocaoketthuc KH-2026, số liệu tính đến ngày 30/06/2027.",
        "Kế hoạch mới có thể bắt đầu từ ngày 01/07/2027: /kehoach moi MÃ 01/07/2027 ĐẾN_NGÀY [tên].",
        "",
        "Chọn “Kết thúc sớm” để xác nhận, hoặc “Thôi, giữ nguyên”.",
      ].join("\n"),
    );
    expect(preview!.buttons).toEqual([
      [{ label: "Kết thúc sớm ngày 30/06/2027", data: "/kehoach ketthuc KH-2026 30/06/2027 xacnhan" }],
      [{ label: "Thôi, giữ nguyên", data: "/kehoach ketthuc KH-2026 30/06/2027 giulai" }],
    ]);
    expect(await bot.store.plans.get("KH-2026")).toMatchObject({ period: { to: "2027-12-31" } });

    expect(await bot.text("admin", "/kehoach ketthuc KH-2026 30/06/2027 xacnhan")).toBe(
      "Đã kết thúc sớm kế hoạch KH-2026: giai đoạn nay là 01/01/2026 – 30/06/2027. Báo cáo kết thúc: /baocaoketthuc KH-2026. Lập kế hoạch tiếp theo từ ngày 01/07/2027: /kehoach moi MÃ 01/07/2027 ĐẾN_NGÀY [tên].",
    );
    expect(await bot.store.plans.get("KH-2026")).toMatchObject({
      period: { from: "2026-01-01", to: "2027-06-30" },
      endedEarly: { plannedTo: "2027-12-31" },
    });
    const [entry] = (await bot.store.audit.all()).filter((a) => a.action === "plan.end");
    expect(entry).toMatchObject({ details: { plan: "KH-2026", from: "2027-12-31", to: "2027-06-30" } });
    // Still running until its new last day.
    expect((await bot.runningPlan()).id).toBe("KH-2026");
  });

  it("is offered from the list for the running plan, ends today by default, and keeps the plan on «Thôi, giữ nguyên»", async () => {
    const bot = await setup();
    const [list] = await bot.say("admin", "/kehoach");
    expect(list!.buttons!.at(-1)).toEqual([{ label: "Kết thúc sớm kế hoạch KH-2026", data: "/kehoach ketthuc KH-2026" }]);
    const [preview] = await bot.say("admin", "/kehoach ketthuc");
    expect(preview!.text.split("\n")[0]).toBe("Kết thúc sớm kế hoạch KH-2026 (01/01/2026 – 31/12/2027): ngày kết thúc mới là 20/06/2027.");
    expect(await bot.text("admin", "/kehoach ketthuc KH-2026 20/06/2027 giulai")).toBe("Đã giữ nguyên, không có gì thay đổi.");
    expect(await bot.store.plans.get("KH-2026")).toMatchObject({ period: { to: "2027-12-31" } });
    expect((await bot.store.plans.get("KH-2026"))!.endedEarly).toBeUndefined();
    expect(await bot.text("sec", "/kehoach ketthuc KH-2026 30/06/2027 xacnhan")).toContain("không có quyền");
  });

  it("is undone in the editor by moving the end past the planned one: the plan is no longer marked ended early", async () => {
    const bot = await setup();
    await bot.say("admin", "/kehoach ketthuc KH-2026 30/06/2027 xacnhan");
    await bot.say("admin", "/kehoach sua KH-2026");
    await bot.say("admin", "edit:period");
    expect(await bot.text("admin", "01/01/2026 31/12/2028")).toContain("• Giai đoạn: 01/01/2026 – 30/06/2027 → 01/01/2026 – 31/12/2028");
    expect(await bot.text("admin", "ok")).toContain("Đã lưu kế hoạch KH-2026");
    const plan = await bot.store.plans.get("KH-2026");
    expect(plan!.period).toEqual({ from: "2026-01-01", to: "2028-12-31" });
    expect(plan!.endedEarly).toBeUndefined();
  });

  it("speaks English to an admin who chose it", async () => {
    const bot = await setup();
    await bot.say("admin", "/lang en");
    const [preview] = await bot.say("admin", "/plan end KH-2026 30/06/2027");
    expect(preview!.text.split("\n")).toEqual([
      "End plan KH-2026 (01/01/2026 – 31/12/2027) early: its new end date is 30/06/2027.",
      "⚠️ What is dated after 30/06/2027 will no longer belong to this plan (classes: 1; certificates and reports: 1); it will belong to the plan that starts after it (the data is kept):",
      "• L27-02 · Kiến thức bổ trợ 2027 (15/09/2027)",
      "The end-of-plan report can be made at once: /planreport KH-2026, with figures as of 30/06/2027.",
      "A new plan may start on 01/07/2027: /plan new CODE 01/07/2027 TO_DATE [name].",
      "",
      "Choose “End early” to confirm, or “No, keep it”.",
    ]);
    expect(preview!.buttons!.flat().map((b) => b.label)).toEqual(["End early on 30/06/2027", "No, keep it"]);
  });

  it("refuses an end before the plan's start or after its planned end", async () => {
    const bot = await setup();
    expect(await bot.text("admin", "/kehoach ketthuc KH-2026 31/12/2025")).toBe(
      "Chưa kết thúc được kế hoạch KH-2026: ngày 31/12/2025 trước ngày kế hoạch bắt đầu (01/01/2026). Bạn chọn một ngày từ 01/01/2026 đến 31/12/2027.",
    );
    expect(await bot.text("admin", "/kehoach ketthuc KH-2026 01/01/2028 xacnhan")).toBe(
      "Chưa kết thúc được kế hoạch KH-2026: ngày 01/01/2028 sau ngày kết thúc theo kế hoạch (31/12/2027). Kết thúc sớm là chọn một ngày từ 01/01/2026 đến 31/12/2027.",
    );
    expect(await bot.store.plans.get("KH-2026")).toMatchObject({ period: { to: "2027-12-31" } });
  });

  it("names a day not on the calendar as such, and a malformed one as not a date", async () => {
    const bot = await setup();
    expect(await bot.text("admin", "/kehoach ketthuc KH-2026 31/02/2027")).toBe(
      "Ngày 31/02/2027 không có trên lịch. Bạn xem lại ngày hoặc tháng, ví dụ: /kehoach ketthuc 30/06/2027",
    );
    expect(await bot.text("admin", "/kehoach ketthuc KH-2026 30/13/2027")).toBe(
      "Ngày 30/13/2027 không có trên lịch. Bạn xem lại ngày hoặc tháng, ví dụ: /kehoach ketthuc 30/06/2027",
    );
    expect(await bot.text("admin", "/kehoach ketthuc KH-2026 2027/30/06")).toBe(
      "Ngày “2027/30/06” không đúng. Bạn viết ngày dạng dd/mm/yyyy, ví dụ: /kehoach ketthuc 30/06/2027",
    );
    expect(await bot.store.plans.get("KH-2026")).toMatchObject({ period: { to: "2027-12-31" } });
  });
});

describe("a new plan starting the day after an early end", () => {
  it("refuses a new plan within the running plan's period, and one sharing its year without an early end", async () => {
    const bot = await setup();
    expect(await bot.text("admin", "/kehoach moi KH-2027 01/07/2027 31/12/2030")).toBe(
      "Chưa lưu được kế hoạch:\n• Giai đoạn trùng với kế hoạch KH-2026 (01/01/2026 – 31/12/2027): các kế hoạch không được chồng thời gian.",
    );
    // Planned to end on 30/06/2027 (not ended early): 2027 is still KH-2026's alone.
    const planned = await createTestBot({
      now: "2027-06-20T03:00:00.000Z",
      plan: currentPlan({ period: { from: "2026-01-01", to: "2027-06-30" } }),
    });
    expect(await planned.text("admin", "/kehoach moi KH-2027 01/07/2027 31/12/2030")).toBe(
      "Chưa lưu được kế hoạch:\n• Giai đoạn có năm 2027, năm đã thuộc kế hoạch KH-2026 (01/01/2026 – 30/06/2027). Hai kế hoạch chỉ dùng chung một năm khi kế hoạch trước kết thúc sớm, trước ngày kế hoạch sau bắt đầu: gõ /kehoach ketthuc KH-2026 dd/mm/yyyy để kết thúc sớm kế hoạch KH-2026, rồi lập kế hoạch mới.",
    );
    // Ending it on its planned last day marks it ended: the next plan may then start the day after.
    await planned.say("admin", "/kehoach ketthuc KH-2026 30/06/2027 xacnhan");
    await planned.say("admin", "/kehoach moi KH-2027 01/07/2027 31/12/2030");
    expect(await planned.text("admin", "ok")).toBe("Đã lưu kế hoạch KH-2027.");
  });

  it("is saved after the early end, takes over at midnight Asia/Ho_Chi_Minh on 01/07/2027 with no restart, and refuses an overlap", async () => {
    const bot = await setup();
    await bot.say("admin", "/kehoach ketthuc KH-2026 30/06/2027 xacnhan");
    expect(await bot.text("admin", "/kehoach moi KH-2027 01/06/2027 31/12/2030")).toBe(
      "Chưa lưu được kế hoạch:\n• Giai đoạn trùng với kế hoạch KH-2026 (01/01/2026 – 30/06/2027): các kế hoạch không được chồng thời gian.",
    );
    const preview = await bot.text("admin", "/kehoach moi KH-2027 01/07/2027 31/12/2030 Kế hoạch đào tạo cán bộ Đoàn 2027 - 2030");
    expect(preview).toContain(
      "⚠️ Năm 2027 sẽ thuộc kế hoạch này — 1 lớp cùng chứng chỉ, báo cáo đã có của năm đó sẽ được tính cho kế hoạch này.",
    );
    expect(await bot.text("admin", "ok")).toBe("Đã lưu kế hoạch KH-2027.");

    bot.setNow("2027-06-30T16:59:00.000Z"); // 23:59 on 30/06/2027 where the bloc lives
    expect((await bot.text("admin", "/tiendo")).split("\n")[0]).toBe("Tiến độ thực hiện KH-2026 (tính từ 01/01/2026 đến 30/06/2027)");
    bot.setNow("2027-06-30T17:00:00.000Z"); // 00:00 on 01/07/2027
    expect((await bot.text("admin", "/tiendo")).split("\n")[0]).toBe("Tiến độ thực hiện KH-2027 (tính từ 01/07/2027 đến 31/12/2030)");
  });

  it("takes a plan file the same way: refused while the year is the other plan's alone, loaded after the early end", async () => {
    const planned = await createTestBot({
      now: "2027-06-20T03:00:00.000Z",
      plan: currentPlan({ period: { from: "2026-01-01", to: "2027-06-30" } }),
    });
    const next = currentPlan({ id: "KH-2027", issuedOn: "2027-06-15", period: { from: "2027-08-01", to: "2030-12-31" } });
    const file = { document: { fileName: "kh-2027.json", content: Buffer.from(JSON.stringify(next)) } };
    expect(await planned.text("admin", "", file)).toBe(
      "Chưa lưu được kế hoạch:\n• Giai đoạn (period) có năm 2027, năm đã thuộc kế hoạch KH-2026 (01/01/2026 – 30/06/2027). Hai kế hoạch chỉ dùng chung một năm khi kế hoạch trước kết thúc sớm, trước ngày kế hoạch sau bắt đầu: gõ /kehoach ketthuc KH-2026 dd/mm/yyyy để kết thúc sớm kế hoạch KH-2026, rồi nạp lại tệp.",
    );
    await planned.say("admin", "/kehoach ketthuc KH-2026 xacnhan"); // today, 20/06/2027
    expect(await planned.store.plans.get("KH-2026")).toMatchObject({
      period: { to: "2027-06-20" },
      endedEarly: { plannedTo: "2027-06-30" },
    });
    expect(await planned.text("admin", "", file)).toContain("Xem trước kế hoạch KH-2027");
    expect(await planned.text("admin", "ok")).toBe("Đã lưu kế hoạch KH-2027.");
  });

  it("attributes the class of March 2027 to the old plan and the class of September 2027 to the new one", async () => {
    const bot = await switched();
    const list = await bot.text("admin", "/kehoach");
    // KH-2026: L27-01 and its two certificates; KH-2027: L27-02 and the report of 2027-Q3.
    expect(list).toContain(
      "(01/01/2026 – 30/06/2027): đang thực hiện (kết thúc sớm; theo kế hoạch đến 31/12/2027); 1 lớp, 2 chứng chỉ, 0 báo cáo",
    );
    expect(list).toContain("(01/07/2027 – 31/12/2030): chưa bắt đầu; 1 lớp, 0 chứng chỉ, 1 báo cáo");
  });

  it("keeps 2027's three yearly kinds one duty: the old plan's class of March counts for the new plan's 1+1+1 check", async () => {
    const bot = await switched();
    bot.setNow("2027-09-01T03:00:00.000Z");
    // Youth work: L27-01 held in March (KH-2026); supplementary: L27-02 scheduled (KH-2027); lecturers: none.
    expect(await bot.text("admin", "/tiendo")).toContain(
      "Lớp hằng năm chưa tổ chức và chưa lên lịch trong năm 2027: Bồi dưỡng đội ngũ báo cáo viên. Gõ /taolop để tạo lớp.",
    );
  });
});

describe("two instances on one PostgreSQL database", () => {
  const stores: Store[] = [];
  afterEach(async () => {
    while (stores.length) await stores.pop()!.close();
  });

  it("see a plan ended early on the other within a second of it", async () => {
    const url = await freshDatabase();
    let clockB = 0;
    const open = async (planClock?: () => number) => {
      const store = await openPostgresStore({ url });
      stores.push(store);
      return createTestBot({ store, planClock, now: "2027-06-20T03:00:00.000Z" });
    };
    const a = await open();
    const b = await open(() => clockB);
    expect((await b.runningPlan()).period.to).toBe("2027-12-31");
    await a.say("admin", "/kehoach ketthuc KH-2026 30/06/2027 xacnhan");
    expect((await a.runningPlan()).period.to).toBe("2027-06-30");
    clockB += 999;
    expect((await b.runningPlan()).period.to).toBe("2027-12-31");
    clockB += 1;
    expect((await b.runningPlan()).period.to).toBe("2027-06-30");
  });
});
