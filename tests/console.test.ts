/** The console channel end to end: the real bot process, driven over stdin/stdout like a person at a terminal. */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLowdbStore } from "../src/store/lowdb-store";
import { cleanEnv, runBot, type Child } from "./helpers/process";
import { unit } from "./helpers/records";

/** A real process on a busy two-core machine: a generous limit, never a timed assertion. */
const SLOW = { timeout: 90_000 };

describe("console chat (npm start without a token)", () => {
  let dir: string;
  let bot: Child;

  /**
   * Types a line and returns what the bot printed for it: from the echo of this very line (piped
   * input is echoed after its prompt) up to the prompt that follows its answer. A notification (📨)
   * that arrives before the line is read is skipped; one that arrives while it is handled prints no
   * prompt, so it cannot be taken for the answer's end.
   */
  async function type(line: string): Promise<string> {
    const from = bot.stdout().length;
    bot.proc.stdin!.write(`${line}\n`);
    const echo = new RegExp(`(?:^|\\n[\\w-]+> )${line.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\n`);
    let answer = "";
    await bot.waitFor((o) => {
      const mine = echo.exec(o.slice(from));
      if (!mine) return false;
      const after = o.slice(from + mine.index + mine[0].length);
      const end = /\n[\w-]+> /.exec(after);
      if (end) answer = after.slice(0, end.index + end[0].length);
      return end !== null;
    });
    return answer;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "doan-console-"));
    bot = runBot(cleanEnv({ DATA_DIR: dir }));
    await bot.waitFor((o) => /\ndemo-admin> /.test(o));
  }, SLOW.timeout);
  afterAll(async () => {
    if (bot.proc.exitCode === null) bot.proc.kill("SIGKILL");
    await bot.exited;
    await rm(dir, { recursive: true, force: true });
  });

  it("opens with a banner saying you are the demo admin, on demo data", () => {
    expect(bot.stdout()).toMatch(/^=== doan-bot — trò chuyện trên máy \(dữ liệu mẫu\) ===\nBạn đang là demo-admin, quản trị viên mẫu/);
  });

  it("answers /start and /trogiup in Vietnamese", SLOW, async () => {
    expect(await type("/start")).toContain("🤖 Chào Ban Thường vụ Đoàn Khối! Gõ /trogiup");
    const help = await type("/trogiup");
    expect(help).toContain("Các lệnh dành cho bạn (Ban Thường vụ Đoàn Khối):");
    expect(help).toContain("/ngonngu (/lang) — đổi ngôn ngữ");
  });

  it("lists the demo's classes in /lichhoc, numbered", SLOW, async () => {
    const schedule = await type("/lichhoc");
    expect(schedule).toContain("Các lớp sắp tới (trang 1/1):");
    expect(schedule).toMatch(
      /📚 L\d{2}-\d{2} · Bồi dưỡng nghiệp vụ công tác Đoàn \(mẫu\)[^\n]*\n\s+Từ \d\d\/\d\d\/\d{4} 08:00–11:30, Hội trường Đoàn Khối \(mẫu\)/,
    );
    expect(schedule).toContain("1. Bồi dưỡng nghiệp vụ công tác Đoàn (mẫu)");
  });

  it("offers the languages as numbered options and switches to English on answer 2", SLOW, async () => {
    expect(await type("/ngonngu")).toContain("Chọn ngôn ngữ / Choose a language:\n\n1. Tiếng Việt\n2. English");
    expect(await type("2")).toContain("🤖 Switched to English.");
    expect(await type("/help")).toContain("Commands for you (bloc Standing Committee):");
  });

  it("acts as another demo person with /la", SLOW, async () => {
    const switched = await type("/la p-demo-u01-1");
    expect(switched).toContain("Bạn đang là p-demo-u01-1.");
    expect(switched).toMatch(/\np-demo-u01-1> $/);
    expect(await type("/start")).toContain("Chào Phan Quốc An Mẫu!");
  });

  it("delivers a /thongbao to the demo's people in the console, as 📨 lines", SLOW, async () => {
    await type("/la demo-admin"); // in English since the test above
    await type("/thongbao");
    await type("2");
    await type("u01");
    await type("Họp giao ban tháng 12");
    await type("1");
    const delivered = await bot.waitFor((o) =>
      /📨 → p-demo-u01-1: 📢 Thông báo của Ban Thường vụ Đoàn Khối:\n\nHọp giao ban tháng 12/.test(o),
    );
    expect(delivered).toContain("📨 → p-demo-u01-1: 📢 Thông báo của Ban Thường vụ Đoàn Khối:");
  });

  it("writes the chart /tiendo draws into the data folder's files/ and prints its path", SLOW, async () => {
    await type("/la demo-admin");
    const progress = await type("/tiendo");
    const path = /📎 (\S+\.png)\n/.exec(progress)?.[1];
    expect(path).toBe(join(dir, "files", "tien-do-" + /tien-do-(\d{4}-\d\d-\d\d)\.png/.exec(progress)?.[1] + ".png"));
    expect((await readFile(path!)).subarray(1, 4).toString()).toBe("PNG");
  });

  it("ends cleanly with exit code 0 when the input closes", SLOW, async () => {
    bot.proc.stdin!.end();
    expect(await bot.exited).toBe(0);
    expect(bot.stderr()).toBe("");
  });

  it("remembers the chosen language after a restart on the same data", SLOW, async () => {
    const again = runBot(cleanEnv({ DATA_DIR: dir }));
    await again.waitFor((o) => /\ndemo-admin> /.test(o));
    again.proc.stdin!.end("/help\n");
    expect(await again.exited).toBe(0);
    expect(again.stdout()).toContain("Commands for you (bloc Standing Committee):");
  });
});

describe("console chat on data that is not the demo's", () => {
  it("does not call the data a sample in its banner", SLOW, async () => {
    const dir = await mkdtemp(join(tmpdir(), "doan-console-real-"));
    try {
      const store = await openLowdbStore({ dir });
      await store.units.put(unit("u01"));
      await store.close();
      const bot = runBot(cleanEnv({ DATA_DIR: dir }));
      bot.proc.stdin!.end();
      expect(await bot.exited).toBe(0);
      expect(bot.stdout()).toMatch(/^=== doan-bot — trò chuyện trên máy ===\nBạn đang là demo-admin\.\n/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
