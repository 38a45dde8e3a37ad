/**
 * The first day of a real bloc, as a real process against the fake Bot API, from an empty data
 * directory with no demo: the admin sets up three units by chat, a newcomer follows a unit's deep
 * link and registers, the request reaches the admin (the unit has no officer yet), who approves it.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cleanEnv } from "../helpers/process";
import { startFakeBotApi, type ApiCall, type FakeBotApi } from "./fake-bot-api";

let fake: FakeBotApi | undefined;
let dir: string | undefined;
afterEach(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ADMIN = 500;
const NEWCOMER = 700;

describe("the first day on Telegram", () => {
  it("goes from an empty data directory to an approved cadre using only the chat", async () => {
    fake = await startFakeBotApi();
    const api = fake;
    dir = mkdtempSync(join(tmpdir(), "doan-bot-day1-"));
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: cleanEnv({ TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATA_DIR: dir, LOG_LEVEL: "silent", ADMIN_IDS: `telegram:${ADMIN}` }),
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    /** Sends a message (or presses a button) and waits for a message to `chat` holding `expected`. */
    const exchange = async (userId: number, text: string, expected: string, opts: { button?: boolean; chat?: number } = {}): Promise<ApiCall> => {
      const from = api.calls.length;
      if (opts.button) api.pushCallback({ userId, data: text });
      else api.pushMessage({ userId, text });
      const chat = String(opts.chat ?? userId);
      const match = (c: ApiCall) => api.calls.indexOf(c) >= from && c.method === "sendMessage" && c.response.ok && String(c.params.chat_id) === chat && String(c.params.text).includes(expected);
      return api.waitFor(match, 30_000).catch(() => {
        const seen = api.calls.slice(from).map((c) => `${c.method} ${c.params.chat_id}: ${String(c.params.text ?? "").slice(0, 120)}`);
        throw new Error(`no message to ${chat} holding "${expected}" after "${text}"; sent since:\n${seen.join("\n")}\n${stderr}`);
      });
    };
    try {
      // Before any unit exists, a newcomer is told the bot is being set up.
      await exchange(NEWCOMER, "/start", "đang được Ban Thường vụ thiết lập");
      await exchange(ADMIN, "/start", "1/4. Tên Đoàn Khối là gì?");
      await exchange(ADMIN, "Đoàn Khối Dân Chính Đảng TP. Cần Thơ", "2/4.");
      await exchange(ADMIN, "Đoàn cơ sở Sở Tư pháp | STP | 25\nĐoàn cơ sở Sở Y tế | SYT | 60\nĐoàn cơ sở Sở Nội vụ | SNV | 30", "Đã ghi 3 đơn vị");
      await exchange(ADMIN, "xong", "3/4.", { button: true });
      await exchange(ADMIN, "-", "4/4.", { button: true });
      await exchange(ADMIN, "ok", "Kiểm tra lại", { button: true });
      await exchange(ADMIN, "ok", "Tiếp theo: chuyển tiếp tin nhắn", { button: true });
      const linkMessage = api.calls.find((c) => c.method === "sendMessage" && String(c.params.text).includes("Đăng ký hồ sơ cán bộ Đoàn — Đoàn cơ sở Sở Tư pháp"))!;
      expect(JSON.stringify(linkMessage.params.reply_markup)).toContain("start=u-stp");
      expect(api.ok("sendDocument").map((c) => c.params.chat_id).map(String)).toContain(String(ADMIN));

      // The newcomer follows the unit's deep link and registers.
      await exchange(NEWCOMER, "/start u-stp", "Họ và tên");
      await exchange(NEWCOMER, "Đỗ Thị Mai Anh", "Chức vụ");
      for (const [answer, next] of [["member", "lý luận chính trị"], ["basic", "chuyên môn"], ["university", "sinh năm"], ["1997", "điện thoại"], ["-", "Luật Bảo vệ dữ liệu cá nhân"], ["yes", "kiểm tra lại thông tin đăng ký"]]) {
        await exchange(NEWCOMER, answer!, next!);
      }
      const request = api.waitFor((c) => c.method === "sendMessage" && c.response.ok && String(c.params.chat_id) === String(ADMIN) && String(c.params.text).includes("Đăng ký mới cần duyệt: Đỗ Thị Mai Anh"), 30_000);
      await exchange(NEWCOMER, "ok", "Đã gửi đăng ký tới Ban Thường vụ Đoàn Khối", { button: true });
      const approve = ((await request).params.reply_markup.inline_keyboard as { text: string; callback_data: string }[][]).flat().find((b) => b.text === "Duyệt")!;
      expect(approve.callback_data).toMatch(/^\/duyet p-/);
      const told = api.waitFor((c) => c.method === "sendMessage" && c.response.ok && String(c.params.chat_id) === String(NEWCOMER) && String(c.params.text).includes("đã được duyệt"), 30_000);
      await exchange(ADMIN, approve.callback_data, "Đã duyệt đăng ký của Đỗ Thị Mai Anh", { button: true });
      await told;

      child.kill("SIGTERM");
      const [code] = await once(child, "exit");
      expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
      const db = JSON.parse(readFileSync(join(dir, "db.json"), "utf8"));
      expect(Object.values(db.units).map((u: any) => [u.id, u.name])).toEqual([
        ["stp", "Đoàn cơ sở Sở Tư pháp"],
        ["syt", "Đoàn cơ sở Sở Y tế"],
        ["snv", "Đoàn cơ sở Sở Nội vụ"],
      ]);
      const person = db.accounts[`telegram:${NEWCOMER}`].personId;
      expect(db.cadres[person]).toMatchObject({ fullName: "Đỗ Thị Mai Anh", unitId: "stp", status: "approved" });
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 120_000);
});
