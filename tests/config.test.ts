import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config";
import { cleanEnv, runBot } from "./helpers/process";

const token = "123456:ABCdefGhIJKlmNoPQRstuVWxyz0123";

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("configuration", () => {
  it("opens the local console on the demo data, as the demo admin, when no token is set", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ console: true, dataDir: "var/demo", defaultLocale: "vi", timeZone: "Asia/Ho_Chi_Minh" });
    expect(config.telegram).toBeUndefined();
    expect(config.adminIds).toContain("console:demo-admin");
  });

  it("keeps a month of sent messages, a week of unfinished conversations and five years of audit log unless told otherwise", () => {
    expect(loadConfig({}).retention).toEqual({ outboxDays: 30, conversationDays: 7, auditDays: 1825 });
    expect(loadConfig({ RETENTION_OUTBOX_DAYS: "90", RETENTION_CONVERSATION_DAYS: "2", RETENTION_AUDIT_DAYS: "0" }).retention).toEqual({
      outboxDays: 90,
      conversationDays: 2,
      auditDays: 0,
    });
    expect(problems({ RETENTION_OUTBOX_DAYS: "1", RETENTION_AUDIT_DAYS: "30" })).toEqual([
      "RETENTION_OUTBOX_DAYS: at least 3 days (the scheduler's catch-up window)",
      "RETENTION_AUDIT_DAYS: 0 (keep for ever) or at least 365 days",
    ]);
  });

  it("serves the web view at WEBAPP_URL, else the webhook's origin, else on the console at 127.0.0.1; polling alone serves none", () => {
    const webhook = {
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_WEBHOOK_URL: "https://bot.example.org/telegram",
      TELEGRAM_WEBHOOK_SECRET: "s3cret-for-tests_1",
    };
    expect(loadConfig(webhook).webappUrl).toBe("https://bot.example.org");
    expect(loadConfig({ ...webhook, WEBAPP_URL: "https://bang.example.org/" }).webappUrl).toBe("https://bang.example.org");
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token, WEBAPP_URL: "https://tunnel.example.org" }).webappUrl).toBe(
      "https://tunnel.example.org",
    );
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token }).webappUrl).toBeUndefined();
    expect(loadConfig({ PORT: "9090" }).webappUrl).toBe("http://127.0.0.1:9090");
    expect(problems({ WEBAPP_URL: "http://bang.example.org" })).toEqual([
      "WEBAPP_URL: must be https (Telegram opens Mini Apps only over HTTPS)",
    ]);
  });

  it("treats blank variables as unset", () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: "", DATA_DIR: "" }).console).toBe(true);
  });

  it("runs Telegram with long polling when only TELEGRAM_BOT_TOKEN is set, and no console", () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: token, DATA_DIR: "/srv/doan" });
    expect(config.console).toBe(false);
    expect(config.telegram).toEqual({ mode: "polling", token, apiRoot: "https://api.telegram.org" });
    expect(config.dataDir).toBe("/srv/doan");
    expect(config.adminIds).not.toContain("console:demo-admin");
  });

  it("points grammY at a self-hosted Bot API server with TELEGRAM_API_ROOT", () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: "http://127.0.0.1:8081" }).telegram!.apiRoot).toBe(
      "http://127.0.0.1:8081",
    );
  });

  it("runs the webhook with an https URL and a secret of at least 12 characters", () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_WEBHOOK_URL: "https://bot.example.vn/tg",
      TELEGRAM_WEBHOOK_SECRET: "s3cret-s3cret",
    });
    expect(config.telegram).toMatchObject({ mode: "webhook", url: "https://bot.example.vn/tg", secret: "s3cret-s3cret" });
  });

  it("refuses a webhook over plain http, one with a short secret, and one without a secret", () => {
    expect(
      problems({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_URL: "http://bot.example.vn/tg", TELEGRAM_WEBHOOK_SECRET: "s3cret-s3cret" }),
    ).toEqual(["TELEGRAM_WEBHOOK_URL: must be https"]);
    expect(
      problems({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_URL: "https://bot.example.vn/tg", TELEGRAM_WEBHOOK_SECRET: "short-12345" }),
    ).toEqual(["TELEGRAM_WEBHOOK_SECRET: at least 12 characters"]);
    expect(problems({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_URL: "https://bot.example.vn/tg" })).toEqual([
      "TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_WEBHOOK_URL is set",
    ]);
  });

  it("runs Zalo with long polling, or its webhook when a URL and secret are set, with the bot's name for group mentions", () => {
    const zaloToken = "12345689:abc-xyz";
    expect(loadConfig({ ZALO_BOT_TOKEN: zaloToken }).zalo).toEqual({
      mode: "polling",
      token: zaloToken,
      apiBase: "https://bot-api.zaloplatforms.com",
    });
    expect(
      loadConfig({
        ZALO_BOT_TOKEN: zaloToken,
        ZALO_WEBHOOK_URL: "https://bot.example.vn/zalo",
        ZALO_WEBHOOK_SECRET: "bi-mat-cua-doan-khoi",
        ZALO_BOT_NAME: "  Bot Đoàn Khối Cần Thơ ",
      }).zalo,
    ).toEqual({
      mode: "webhook",
      token: zaloToken,
      apiBase: "https://bot-api.zaloplatforms.com",
      url: "https://bot.example.vn/zalo",
      secret: "bi-mat-cua-doan-khoi",
      botName: "Bot Đoàn Khối Cần Thơ",
    });
  });

  it("reads bootstrap admins as channel:id and refuses anything else", () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token, ADMIN_IDS: "telegram:123456, zalo:abc-9" }).adminIds).toEqual([
      "telegram:123456",
      "zalo:abc-9",
    ]);
    expect(problems({ ADMIN_IDS: "telegram:1,123456" })).toEqual(["ADMIN_IDS.1: expected channel:id, e.g. telegram:123456"]);
  });

  it("explains a bad PORT in plain words, and takes a good one", () => {
    for (const port of ["abc", "99999", "0", "80.5"])
      expect(problems({ PORT: port })).toEqual(["PORT: must be a port number: a whole number from 1 to 65535, e.g. 8080"]);
    expect(loadConfig({ PORT: "8443" }).port).toBe(8443);
    expect(loadConfig({}).port).toBe(8080);
  });

  it("lists every problem in one error", () => {
    const listed = problems({
      TELEGRAM_BOT_TOKEN: "not-a-token",
      TELEGRAM_WEBHOOK_URL: "http://bot.example.vn",
      TELEGRAM_WEBHOOK_SECRET: "short",
      ADMIN_IDS: "facebook:1",
      DEFAULT_LOCALE: "fr",
      TZ_NAME: "Mars/Olympus",
      PORT: "99999",
    });
    for (const name of [
      "TELEGRAM_BOT_TOKEN",
      "TELEGRAM_WEBHOOK_URL",
      "TELEGRAM_WEBHOOK_SECRET",
      "ADMIN_IDS",
      "DEFAULT_LOCALE",
      "TZ_NAME",
      "PORT",
    ])
      expect(listed.some((p) => p.startsWith(name))).toBe(true);
  });

  it("lists a missing webhook secret and an unknown time zone even when another variable is wrong too", () => {
    expect(
      problems({
        TELEGRAM_BOT_TOKEN: token,
        TELEGRAM_WEBHOOK_URL: "https://bot.example.vn",
        DEFAULT_LOCALE: "fr",
        TZ_NAME: "Mars/Olympus",
      }),
    ).toEqual([
      'DEFAULT_LOCALE: Invalid option: expected one of "vi"|"en"',
      "TZ_NAME: unknown time zone",
      "TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_WEBHOOK_URL is set",
    ]);
  });

  it("makes the real process exit non-zero, listing every problem on stderr", { timeout: 90_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "doan-config-"));
    try {
      const bot = runBot(
        cleanEnv({
          DATA_DIR: dir,
          TELEGRAM_BOT_TOKEN: token,
          TELEGRAM_WEBHOOK_URL: "http://x.vn",
          TELEGRAM_WEBHOOK_SECRET: "short",
          ADMIN_IDS: "me",
        }),
      );
      bot.proc.stdin!.end();
      expect(await bot.exited).not.toBe(0);
      expect(bot.stderr()).toContain("Invalid configuration:");
      expect(bot.stderr()).toContain("  - TELEGRAM_WEBHOOK_URL: must be https");
      expect(bot.stderr()).toContain("  - TELEGRAM_WEBHOOK_SECRET: at least 12 characters");
      expect(bot.stderr()).toContain("  - ADMIN_IDS.0: expected channel:id");
      expect(bot.stdout()).toBe("");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
