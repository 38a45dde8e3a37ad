/**
 * The web view in a test: the real route on a server at 127.0.0.1 (port 0) over a test bot, links
 * issued as the chat would, Telegram `initData` signed the way Telegram documents it (written here
 * from the documentation, not taken from the code under test), and a headless Chromium from npm
 * (`@sparticuz/chromium` + `puppeteer-core`), one per test file.
 */
import { createHmac } from "node:crypto";
import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import chromium from "@sparticuz/chromium";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { issueWebLink } from "../../src/app/web-passes";
import { closeServer, startHttpServer } from "../../src/channels/http";
import { webRoute } from "../../src/web/server";
import type { TestBot } from "./chat";

/** The bot token the tests' Mini App is signed with. */
export const TEST_TOKEN = "123456:TEST-token-for-the-web-view-0000000";
/** Another bot's token: its `initData` must be refused. */
export const OTHER_TOKEN = "654321:OTHER-bot-token-000000000000000000";

export interface TestWeb {
  base: string;
  server: Server;
  close(): Promise<void>;
  /** A fresh one-time link for an account (`telegram:<id>`), as `/web` sends it. */
  link(accountId: string): Promise<string>;
}

/** Serves the web view of `bot` on 127.0.0.1 with the Mini App signed by `TEST_TOKEN`; `secure` as if behind HTTPS. */
export async function startWeb(bot: TestBot, perMinute?: number, secure = false): Promise<TestWeb> {
  const routes = [webRoute({ deps: bot.deps, handle: bot.handle, telegramToken: TEST_TOKEN, secure, perMinute })];
  const server = await startHttpServer(0, routes, "127.0.0.1");
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  bot.deps.config.webappUrl = base;
  return {
    base,
    server,
    close: () => closeServer(server),
    async link(accountId) {
      const account = await bot.store.accounts.get(accountId);
      if (!account) throw new Error(`no account ${accountId}`);
      return (await issueWebLink(bot.deps, account))!;
    },
  };
}

/**
 * `initData` as Telegram signs it: fields sorted as `key=value` lines, HMAC-SHA256 under the key
 * HMAC-SHA256("WebAppData", token), hex.
 */
export function signedInitData(userId: number, authDate: number, token = TEST_TOKEN): string {
  const fields: Record<string, string> = {
    auth_date: String(authDate),
    query_id: "AAHdF6IQAAAAAN0XohDhrOrc",
    user: JSON.stringify({ id: userId, first_name: "Lan", language_code: "vi" }),
  };
  const check = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join("\n");
  const key = createHmac("sha256", "WebAppData").update(token).digest();
  const hash = createHmac("sha256", key).update(check).digest("hex");
  return new URLSearchParams({ ...fields, hash }).toString();
}

/** Seconds since the epoch of an ISO moment. */
export const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** Where the test run writes its screenshots (ignored by git). */
export const SCREENSHOTS = "var/screenshots";

/**
 * `@sparticuz/chromium`'s flags are made for AWS Lambda: one process (which cannot open a second
 * browser context) and the web's security turned off (which would hide what the CSP and SameSite do).
 */
const LAMBDA_ONLY = ["--single-process", "--disable-web-security", "--allow-running-insecure-content", "--disable-site-isolation-trials"];

/** Starts a headless Chromium (as root: no sandbox); a loaded machine gets generous timeouts. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const args = [
    ...chromium.args.filter((a) => !LAMBDA_ONLY.includes(a) && !a.startsWith("--disable-features=")),
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ];
  return puppeteer.launch({ executablePath: await chromium.executablePath(), args, headless: "shell", protocolTimeout: 120_000 });
}

/**
 * A page at 390×800 (or `width`) that may reach only the test server: Telegram's script is answered by a stand-in
 * giving `initData` (when set), anything else outside 127.0.0.1 is aborted (no network in tests).
 */
export async function openPage(browser: Browser, options: { initData?: string; dark?: boolean; width?: number } = {}): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(60_000);
  page.setDefaultNavigationTimeout(60_000);
  await page.setViewport({ width: options.width ?? 390, height: 800 });
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: options.dark ? "dark" : "light" }]);
  await page.setRequestInterception(true);
  page.on("request", (req) => {
    const url = req.url();
    if (url === "https://telegram.org/js/telegram-web-app.js") {
      const theme = options.dark
        ? {
            bg_color: "#17212b",
            text_color: "#f5f5f5",
            hint_color: "#708499",
            link_color: "#6ab3f3",
            button_color: "#5288c1",
            button_text_color: "#ffffff",
            secondary_bg_color: "#232e3c",
          }
        : {
            bg_color: "#ffffff",
            text_color: "#000000",
            hint_color: "#999999",
            link_color: "#2481cc",
            button_color: "#2481cc",
            button_text_color: "#ffffff",
            secondary_bg_color: "#efeff3",
          };
      const stand = `(() => {
        const theme = ${JSON.stringify(theme)};
        for (const [k, v] of Object.entries(theme)) document.documentElement.style.setProperty("--tg-theme-" + k.replace(/_/g, "-"), v);
        window.Telegram = { WebApp: { initData: ${JSON.stringify(options.initData ?? "")}, initDataUnsafe: {}, ready() {}, expand() {} } };
      })();`;
      return void req.respond({ status: 200, contentType: "text/javascript", body: stand });
    }
    if (url.startsWith("http://127.0.0.1:")) return void req.continue();
    return void req.abort();
  });
  return page;
}
