import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeBotApi, type FakeBotApi } from "./fake-bot-api";

let fake: FakeBotApi | undefined;
let dir: string | undefined;
afterEach(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("npm start with a Telegram token", () => {
  it("answers over Telegram and, on SIGTERM, stops polling and exits 0 with the writes on disk", async () => {
    fake = await startFakeBotApi();
    dir = mkdtempSync(join(tmpdir(), "doan-bot-tg-"));
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: { ...process.env, TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATA_DIR: dir, LOG_LEVEL: "silent" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    try {
      fake.pushMessage({ userId: 4242, text: "/start" });
      const saved = await fake.waitFor((c) => c.method === "sendMessage" && c.response.ok, 20_000);
      expect(saved.params.text).toContain("Xin chào!");
      expect(fake.ok("setMyCommands")).toHaveLength(2);
      child.kill("SIGTERM");
      const [code] = await once(child, "exit");
      expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
      const db = JSON.parse(readFileSync(join(dir, "db.json"), "utf8"));
      expect(db.accounts["telegram:4242"]).toMatchObject({ channel: "telegram", externalId: "4242" });
      expect(db.people[db.accounts["telegram:4242"].personId]).toBeDefined();
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
