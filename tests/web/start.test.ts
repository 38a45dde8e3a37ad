/**
 * A newcomer's `npm start` (no token): the console prints the demo admin's link, and the link opens
 * the bloc view of the demo data — on 127.0.0.1 only, at PORT or, when that port is taken, any free one.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, runBot, type Child } from "../helpers/process";

const SLOW = { timeout: 90_000 };

describe("npm start without a token", () => {
  let dir: string;
  let bot: Child;
  let busy: Server;
  let link: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "doan-web-start-"));
    // PORT is taken by another program: the console's web view takes any free port instead.
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as { port: number }).port;
    bot = runBot(cleanEnv({ DATA_DIR: dir, PORT: String(port) }));
    const out = await bot.waitFor((o) => /\ndemo-admin> $/.test(o));
    link = /Bảng theo dõi trên trình duyệt \(mở được một lần trong 10 phút; gõ \/web để lấy đường dẫn mới\): (\S+)/.exec(out)?.[1] ?? "";
  }, SLOW.timeout);
  afterAll(async () => {
    if (bot.proc.exitCode === null) bot.proc.kill("SIGKILL");
    await bot.exited;
    busy.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("prints a link on 127.0.0.1 that opens the demo admin's bloc view with the 66 sample units", SLOW, async () => {
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/app\/open\?k=[\w-]{43}$/);
    const opened = await fetch(link);
    expect(opened.status).toBe(200);
    const cookie = opened.headers.get("set-cookie")!.split(";")[0]!;
    const bloc = await fetch(new URL("/app/", link), { headers: { Cookie: cookie } });
    expect(bloc.url).toMatch(/\/app\/bloc$/);
    const html = await bloc.text();
    expect(html).toContain("<h1>Tiến độ toàn Khối</h1>");
    // The process runs on the real clock: the period is today's, whichever it is.
    expect(html).toMatch(/66\/66 đơn vị · báo cáo (Quý \d|Tháng \d{1,2})\/\d{4}/);
    expect((await fetch(link)).status).toBe(401);
  });
});
