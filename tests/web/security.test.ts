/**
 * The web view's security rules over plain HTTP (no browser): Telegram's initData checked as
 * Telegram documents it, one-time links, the session cookie, the headers of every page, forms from
 * another site, per-person rate limits, and nothing personal in what the server logs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestBot } from "../helpers/chat";
import { OTHER_TOKEN, seconds, signedInitData, startWeb, type TestWeb } from "../helpers/web";
import { ADMIN, MEMBER, OFFICER, webBloc } from "./seed";

let bot: TestBot;
let web: TestWeb;
const NOW = "2026-11-29T03:00:00.000Z";

beforeAll(async () => {
  bot = await webBloc();
  web = await startWeb(bot, 30);
});
afterAll(() => web.close());

const tma = (initData: string) => ({ method: "POST", headers: { Authorization: `tma ${initData}` } });
const get = (path: string, cookie?: string) =>
  fetch(`${web.base}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });

/** Opens a one-time link and returns the session cookie (`name=value`) it set. */
async function session(accountId: string): Promise<string> {
  const res = await fetch(await web.link(accountId), { redirect: "manual" });
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

describe("the Mini App's initData", () => {
  it("signed by this bot within the hour opens a session: HttpOnly, SameSite=Strict, 8 hours, only under /app", async () => {
    const res = await fetch(`${web.base}/app/tma`, tma(signedInitData(Number(OFFICER), seconds("2026-11-29T02:10:00Z"))));
    expect(res.status).toBe(204);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^doan_web=[\w-]{43}; Path=\/app; Max-Age=28800; HttpOnly; SameSite=Strict$/);
  });

  it("behind HTTPS: links give Secure SameSite=Strict cookies, the Mini App a partitioned one its Telegram Web frame can keep", async () => {
    const secure = await startWeb(bot, undefined, true);
    try {
      const link = await fetch(await secure.link(`telegram:${MEMBER}`), { redirect: "manual" });
      expect(link.headers.get("set-cookie")).toMatch(/; Path=\/app; Max-Age=28800; HttpOnly; SameSite=Strict; Secure$/);
      const tg = await fetch(`${secure.base}/app/tma`, tma(signedInitData(Number(OFFICER), seconds("2026-11-29T02:10:00Z"))));
      expect(tg.headers.get("set-cookie")).toMatch(/; Path=\/app; Max-Age=28800; HttpOnly; SameSite=None; Secure; Partitioned$/);
    } finally {
      await secure.close();
      bot.deps.config.webappUrl = web.base;
    }
  });

  it("is refused (401) when forged, older than an hour, signed by another bot, or missing", async () => {
    const good = signedInitData(Number(OFFICER), seconds("2026-11-29T02:10:00Z"));
    const forged = good.replace(`%22id%22%3A${OFFICER}`, `%22id%22%3A${ADMIN}`);
    expect(forged).not.toBe(good);
    const cases = [
      forged,
      signedInitData(Number(OFFICER), seconds("2026-11-29T01:59:00Z")),
      signedInitData(Number(OFFICER), seconds("2026-11-29T02:10:00Z"), OTHER_TOKEN),
      "",
    ];
    const statuses = await Promise.all(cases.map(async (c) => (await fetch(`${web.base}/app/tma`, tma(c))).status));
    expect(statuses).toEqual([401, 401, 401, 401]);
  });

  it("works as the Authorization header of a page request too, and a forged one is 401 there", async () => {
    const good = signedInitData(Number(OFFICER), seconds("2026-11-29T02:10:00Z"));
    const ok = await fetch(`${web.base}/app/unit`, { headers: { Authorization: `tma ${good}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Trần Thị Lan");
    const bad = await fetch(`${web.base}/app/unit`, { headers: { Authorization: `tma ${good.replace(/hash=[0-9a-f]{4}/, "hash=0000")}` } });
    expect(bad.status).toBe(401);
  });
});

describe("one-time links", () => {
  it("open once: the second use is refused with 401", async () => {
    const link = await web.link(`telegram:${MEMBER}`);
    expect((await fetch(link, { redirect: "manual" })).status).toBe(200);
    const again = await fetch(link, { redirect: "manual" });
    expect(again.status).toBe(401);
    expect(again.headers.get("set-cookie")).toBeNull();
  });

  it("expire after 10 minutes", async () => {
    const link = await web.link(`telegram:${MEMBER}`);
    bot.setNow("2026-11-29T03:10:01.000Z");
    try {
      expect((await fetch(link, { redirect: "manual" })).status).toBe(401);
    } finally {
      bot.setNow(NOW);
    }
  });

  it("keep only a hash of their secret in the store", async () => {
    const link = await web.link(`telegram:${MEMBER}`);
    const secret = new URL(link).searchParams.get("k")!;
    const stored = JSON.stringify(await bot.store.webPasses.all());
    expect(stored).not.toContain(secret);
  });

  it("lead to a session that lasts 8 hours", async () => {
    const cookie = await session(`telegram:${MEMBER}`);
    expect((await get("/app/me", cookie)).status).toBe(200);
    bot.setNow("2026-11-29T11:00:01.000Z");
    try {
      expect((await get("/app/me", cookie)).status).toBe(401);
    } finally {
      bot.setNow(NOW);
    }
  });
});

describe("every page", () => {
  it("carries a strict CSP, no caching, and no referrer outside the site", async () => {
    const res = await get("/app/me", await session(`telegram:${MEMBER}`));
    expect(res.headers.get("content-security-policy")).toBe(
      "default-src 'none'; script-src 'self' https://telegram.org; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors https://web.telegram.org https://webk.telegram.org https://webz.telegram.org",
    );
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*src=)/);
    expect(html).not.toMatch(/ style=/);
  });

  it("asks who is reading first: without a session, 401", async () => {
    expect((await get("/app/bloc")).status).toBe(401);
  });

  it("refuses a cadre the admin's page and an officer another unit (403)", async () => {
    const cadre = await session(`telegram:${MEMBER}`);
    const officer = await session(`telegram:${OFFICER}`);
    const statuses = [
      (await get("/app/bloc", cadre)).status,
      (await get("/app/download/bloc.xlsx", cadre)).status,
      (await get("/app/unit?id=u-bao", officer)).status,
      (await get("/app/download/unit.xlsx?id=u-bao", officer)).status,
    ];
    expect(statuses).toEqual([403, 403, 403, 403]);
  });

  it("serves the admin the same Excel workbook the chat's /xuat sends", async () => {
    const res = await get("/app/download/bloc.xlsx", await session(`telegram:${ADMIN}`));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="bao-cao-.*\.xlsx"$/);
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
  });
});

describe("forms", () => {
  it("posted from another site are refused (403) and change nothing", async () => {
    const cookie = await session(`telegram:${OFFICER}`);
    const res = await fetch(`${web.base}/app/approve`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "id=p-1003",
    });
    expect(res.status).toBe(403);
    expect((await bot.store.cadres.get("p-1003"))?.status).toBe("pending");
  });
});

describe("rate limits", () => {
  it("stop one person after 30 requests a minute (this server's limit) without stopping another", async () => {
    bot.setNow("2026-11-29T03:05:00.000Z"); // a minute of its own: the clock is fixed, the other tests' requests count in theirs
    const cookie = await session(`telegram:${OFFICER}`);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await get("/app/me", cookie)).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect((await get("/app/me", await session(`telegram:${MEMBER}`))).status).toBe(200);
    bot.setNow(NOW);
  });
});
