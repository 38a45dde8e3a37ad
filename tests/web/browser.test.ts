/**
 * The web view in a real browser (headless Chromium from npm): each role's pages and what they must
 * not show, the Mini App opened with Telegram's signed initData, approving, rejecting and sending
 * cadres from the page, and screenshots at 390×800 in light and dark (var/screenshots/, not committed).
 */
import { join } from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestBot } from "../helpers/chat";
import { launchBrowser, openPage, SCREENSHOTS, seconds, signedInitData, startWeb, type TestWeb } from "../helpers/web";
import { ADMIN, MEMBER, OFFICER, webBloc } from "./seed";

let bot: TestBot;
let web: TestWeb;
let browser: Browser;

beforeAll(async () => {
  bot = await webBloc();
  web = await startWeb(bot);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

/** The texts of the cells of a table's rows (row header first). */
function rowsOf(page: Page, caption: string): Promise<string[][]> {
  return page.$$eval(
    "table",
    (tables, cap) => {
      const table = tables.find((t) => t.querySelector("caption")?.textContent?.startsWith(cap));
      return table ? [...table.querySelectorAll("tbody tr")].map((tr) => [...tr.children].map((c) => (c.textContent ?? "").trim())) : [];
    },
    caption,
  );
}

const text = (page: Page) => page.$eval("main", (m) => m.textContent ?? "");

/** Waits until the page has moved on from the pages that only pass a person along (the link, the Mini App's shell, the home redirect). */
async function landed(page: Page): Promise<Page> {
  await page.waitForFunction(
    () =>
      !["/app/open", "/app/tg", "/app/"].includes(location.pathname) &&
      document.readyState === "complete" &&
      document.querySelector("footer") !== null,
    { polling: 100 },
  );
  return page;
}

/** Opens a link in a fresh incognito context (its own cookies) and waits for the view it lands on. */
async function signIn(link: string, options: { dark?: boolean; width?: number } = {}): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await openPage(context as unknown as Browser, options);
  await page.goto(link);
  return landed(page);
}

describe("the Standing Committee (an admin) opening a link from the chat", () => {
  it("sees every unit of the bloc in one table, with a bar per target and the report state", async () => {
    const page = await signIn(await web.link(`telegram:${ADMIN}`));
    expect(new URL(page.url()).pathname).toBe("/app/bloc");
    expect(await page.$eval("h1", (h) => h.textContent)).toBe("Tiến độ toàn Khối");
    const rows = await rowsOf(page, "2/2 đơn vị");
    // Furthest behind first: the Sở Tư pháp's new Secretary has no title certificate yet (T2 0%).
    // The unit's cell holds its name and, under it, its kind.
    expect(rows.map((r) => r[0])).toEqual(["Đoàn cơ sở Sở Tư phápCơ quan", "Đoàn cơ sở Báo Cần ThơDoanh nghiệp"]);
    expect(rows[0]).toEqual(["Đoàn cơ sở Sở Tư phápCơ quan", "2", "0%0%", "0%0%", "50%50%", "Chưa nộp"]);
    await page.screenshot({ path: join(SCREENSHOTS, "bloc-light.png") });
    await page.close();
  });

  it("shows every column of the units table on a 360 px phone, without scrolling sideways", async () => {
    const page = await signIn(await web.link(`telegram:${ADMIN}`), { width: 360 });
    const widths = await page.$$eval(".scroll", (boxes) => boxes.map((b) => [b.scrollWidth, b.clientWidth]));
    for (const [scroll, client] of widths) expect(scroll).toBeLessThanOrEqual(client!);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
    await page.screenshot({ path: join(SCREENSHOTS, "bloc-360.png"), fullPage: true });
    await page.close();
  });

  it("filters the table by kind of unit and sorts it by name", async () => {
    const page = await signIn(await web.link(`telegram:${ADMIN}`));
    await page.select("select[name=kind]", "enterprise");
    await Promise.all([page.waitForNavigation(), page.click("form.filters button")]);
    expect((await rowsOf(page, "1/2 đơn vị")).map((r) => r[0])).toEqual(["Đoàn cơ sở Báo Cần ThơDoanh nghiệp"]);
    await page.goto(`${web.base}/app/bloc?sort=name&dir=asc`);
    expect((await rowsOf(page, "2/2 đơn vị")).map((r) => r[0])).toEqual([
      "Đoàn cơ sở Báo Cần ThơDoanh nghiệp",
      "Đoàn cơ sở Sở Tư phápCơ quan",
    ]);
    expect(await page.$eval("th[aria-sort]", (th) => th.getAttribute("aria-sort"))).toBe("ascending");
    await page.close();
  });

  it("looks right in the dark theme too (screenshot for a person to check)", async () => {
    const page = await signIn(await web.link(`telegram:${ADMIN}`), { dark: true });
    const background = await page.$eval("body", (b) => getComputedStyle(b).backgroundColor);
    expect(background).toBe("rgb(23, 33, 43)");
    await page.screenshot({ path: join(SCREENSHOTS, "bloc-dark.png") });
    await page.close();
  });

  it("reads the reports board of the period and every class with its seats by unit", async () => {
    const page = await signIn(await web.link(`telegram:${ADMIN}`));
    await page.goto(`${web.base}/app/reports`);
    expect((await rowsOf(page, "Báo cáo Quý 4/2026")).map((r) => r.slice(0, 4))).toEqual([
      ["Đoàn cơ sở Sở Tư pháp", "Chưa nộp", "", "Trần Thị Lan"],
      ["Đoàn cơ sở Báo Cần Thơ", "Đúng hạn", "09:00 20/11/2026", "Võ Thị Dung"],
    ]);
    await page.goto(`${web.base}/app/classes`);
    const [row] = await rowsOf(page, "1 lớp");
    expect(row!.slice(0, 3)).toEqual([
      "L26-01 · Nghiệp vụ công tác Đoàn 2026",
      "Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên",
      "1 · 12/12/2026",
    ]);
    expect(row![3]).toMatch(/^0\/10Theo đơn vị/);
    await page.close();
  });

  it("refuses the same link a second time", async () => {
    const link = await web.link(`telegram:${ADMIN}`);
    const first = await signIn(link);
    await first.close();
    const page = await openPage((await browser.createBrowserContext()) as unknown as Browser);
    const response = await page.goto(link);
    expect(response?.status()).toBe(401);
    expect(await page.$eval("h1", (h) => h.textContent)).toBe("Đường dẫn đã hết hạn");
    await page.close();
  });
});

describe("the Telegram Mini App (an officer, unless said)", () => {
  async function miniApp(userId: string, dark = false, view = ""): Promise<Page> {
    const context = await browser.createBrowserContext();
    const page = await openPage(context as unknown as Browser, {
      initData: signedInitData(Number(userId), seconds("2026-11-29T02:30:00Z")),
      dark,
    });
    await page.goto(`${web.base}/app/tg${view ? `?view=${view}` : ""}`);
    return landed(page);
  }

  it("opens the view a chat answer's button names (an admin's /lichhoc: the classes)", async () => {
    const page = await miniApp(ADMIN, false, "classes");
    expect(new URL(page.url()).pathname).toBe("/app/classes");
    expect(await page.$eval("h1", (h) => h.textContent)).toBe("Các lớp học");
    await page.close();
  });

  it("lands on their unit: the roster with posts and what each lacks, and nothing of another unit", async () => {
    const page = await miniApp(OFFICER);
    expect(new URL(page.url()).pathname).toBe("/app/unit");
    expect(await page.$eval("h1", (h) => h.textContent)).toBe("Đoàn cơ sở Sở Tư pháp");
    expect(await rowsOf(page, "Danh sách cán bộ")).toEqual([
      [
        "Trần Thị Lan",
        "Bí thư",
        "Sơ cấp",
        "Chưa",
        "chưa được bồi dưỡng trong kỳ kế hoạch; Bí thư mới bầu chưa có chứng chỉ chức danh; chưa đạt chuẩn lý luận",
      ],
      ["Lê Văn Bình", "Ủy viên BCH", "Trung cấp", "Chưa", "chưa được bồi dưỡng trong kỳ kế hoạch"],
    ]);
    const all = await text(page);
    expect(all).toContain("Phạm Minh Châu");
    expect(all).not.toContain("Võ Thị Dung");
    expect(await page.$$eval("nav a", (as) => as.map((a) => a.textContent))).toEqual(["Đơn vị", "Của tôi"]);
    await page.screenshot({ path: join(SCREENSHOTS, "unit-light.png"), fullPage: true });
    await page.close();
  });

  it("gets the Telegram theme's colours in dark mode", async () => {
    const page = await miniApp(OFFICER, true);
    expect(await page.$eval("body", (b) => getComputedStyle(b).backgroundColor)).toBe("rgb(23, 33, 43)");
    await page.screenshot({ path: join(SCREENSHOTS, "unit-dark.png") });
    await page.close();
  });

  it("approves a registration: the cadre is approved, the audit log says who, the newcomer is told", async () => {
    const page = await miniApp(OFFICER);
    const form = await page.$$("form[action='/app/approve']");
    await Promise.all([page.waitForNavigation(), form[0]!.$eval("button", (b) => (b as HTMLButtonElement).click())]);
    expect(await page.$eval(".notice", (n) => n.textContent)).toContain("Phạm Minh Châu");
    expect((await bot.store.cadres.get("p-1003"))?.status).toBe("approved");
    const entries = (await bot.store.audit.all()).filter((a) => a.subjectId === "p-1003");
    expect(entries.map((a) => [a.action, a.actorId])).toEqual([["cadre.approve", "p-1001"]]);
    expect(bot.inbox("p-1003").join("\n")).toContain("Đoàn cơ sở Sở Tư pháp");
    await page.close();
  });

  it("rejects a registration with a reason, which the person is told", async () => {
    const page = await miniApp(OFFICER);
    await page.type("form[action='/app/reject'] input[name=reason]", "Không thuộc đơn vị");
    await Promise.all([page.waitForNavigation(), page.click("form[action='/app/reject'] button")]);
    expect((await bot.store.cadres.get("p-1004"))?.status).toBe("rejected");
    expect((await bot.store.audit.all()).filter((a) => a.subjectId === "p-1004").map((a) => a.action)).toEqual(["cadre.reject"]);
    expect(bot.inbox("p-1004").join("\n")).toContain("Không thuộc đơn vị");
    await page.close();
  });

  it("sends a cadre of the unit to a class within its seats, from a checklist", async () => {
    const page = await miniApp(OFFICER);
    await page.click("input[name=cadre][value='p-1002']");
    await Promise.all([page.waitForNavigation(), page.click("form[action='/app/send'] button")]);
    const enrolment = await bot.store.enrollments.get("c-1:p-1002");
    expect([enrolment?.status, enrolment?.unitId, enrolment?.nominatedBy]).toEqual(["enrolled", "u-tp", "p-1001"]);
    expect((await bot.store.audit.all()).filter((a) => a.subjectId === "p-1002").map((a) => [a.action, a.actorId])).toEqual([
      ["class.nominate", "p-1001"],
    ]);
    await page.goto(`${web.base}/app/unit`);
    expect(await text(page)).toContain("L26-01 · Nghiệp vụ công tác Đoàn 2026: đã dùng 1/2 suất, còn cử được 8");
    await page.close();
  });

  it("is refused another unit's page and the bloc's (403)", async () => {
    const page = await miniApp(OFFICER);
    expect((await page.goto(`${web.base}/app/unit?id=u-bao`))?.status()).toBe(403);
    expect((await page.goto(`${web.base}/app/bloc`))?.status()).toBe(403);
    expect(await text(page)).not.toContain("Đoàn cơ sở Báo Cần Thơ");
    await page.close();
  });
});

describe("a cadre", () => {
  it("sees their own record and classes, and is refused the admin's page", async () => {
    const page = await signIn(await web.link(`telegram:${MEMBER}`));
    expect(new URL(page.url()).pathname).toBe("/app/me");
    const all = await text(page);
    expect(all).toContain("Lê Văn Bình");
    expect(all).not.toContain("Trần Thị Lan");
    expect(await page.$$eval("nav a", (as) => as.map((a) => a.textContent))).toEqual(["Của tôi"]);
    expect((await page.goto(`${web.base}/app/bloc`))?.status()).toBe(403);
    expect((await page.goto(`${web.base}/app/unit`))?.status()).toBe(403);
    await page.close();
  });
});
