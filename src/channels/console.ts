/**
 * The local console chat: `npm start` with no token. You talk to the bot as a demo person;
 * buttons are numbered options. `/la <id>` (`/as`) switches person; `/thoat` (`/quit`) leaves.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { basename, join, resolve as absolute } from "node:path";
import { createInterface } from "node:readline";
import type { Incoming, Reply } from "../app/messages";
import { menuKey, showNotice, withNumberedOptions, type RenderedReply } from "../chat/numbered";
import type { Store } from "../store/store";
import type { T } from "../i18n";
import type { ChannelSender } from "../app/sender";

export interface ConsoleOptions {
  store: Store;
  handle: (msg: Incoming) => Promise<Reply[]>;
  now: () => Date;
  t: T;
  input?: NodeJS.ReadableStream;
  /** Where the chat and the notifications are written (default: the terminal). */
  screen?: ConsoleScreen;
  userId: string;
  /** The folder where files and charts the bot sends are written (their path is printed); default `var/console-files`. */
  filesDir?: string;
  /** True when the store holds the demo's sample data: the banner says so. */
  demo?: boolean;
  /** A one-time link opening the web view as `userId`, printed under the banner. */
  webLink?: string;
}

/**
 * The terminal the chat and the notifications share. A notification that comes while the prompt
 * waits for a line (a broadcast, a reminder) shows the prompt again under it, as a terminal chat would.
 * @example const screen = new ConsoleScreen(); senders.console = consoleSender(store, now, screen.notice);
 */
export class ConsoleScreen {
  /** The person whose prompt waits for a line; undefined while a line is being handled. */
  private waiting: string | undefined;
  constructor(private readonly output: NodeJS.WritableStream = process.stdout) {}

  write(text: string): void {
    this.output.write(text);
  }

  prompt(userId: string): void {
    this.waiting = userId;
    this.output.write(`\n${userId}> `);
  }

  busy(): void {
    this.waiting = undefined;
  }

  readonly notice: ConsoleWrite = (userId, text) => {
    this.output.write(`\n📨 → ${userId}: ${text}\n`);
    if (this.waiting) this.output.write(`\n${this.waiting}> `);
  };
}

/** The chat id of a person's console chat (the account's external id is the person's console user id). */
export const consoleChatId = (userId: string): string => `console-${userId}`;

/** Prints a notification to a person in the console. */
export type ConsoleWrite = (userId: string, text: string) => void;

/**
 * Shows a message from the bot to someone else (a notification): its options numbered and
 * remembered for that person's console chat, so after `/la <id>` they answer with the number. The
 * console's one sender: notifications and the scheduler's announcements, reminders and broadcasts.
 * @example senders.console = consoleSender(store, deps.now);
 */
export function consoleSender(
  store: Pick<Store, "menus">,
  now: () => Date,
  write: ConsoleWrite = new ConsoleScreen().notice,
): ChannelSender {
  return {
    async send({ chatId: userId }, reply) {
      const shown = await showNotice(store, menuKey({ channel: "console", chatId: consoleChatId(userId), userId }), reply, now);
      write(userId, shown.text);
    },
  };
}

/**
 * Writes a file the bot sent into `dir` (made if missing) and returns its full path, for the person
 * to open; a name already there gets a number (`bao-cao (2).xlsx`), so nothing is overwritten.
 */
export async function saveFile(dir: string, name: string, content: Buffer): Promise<string> {
  await mkdir(dir, { recursive: true });
  const safe = basename(name).replace(/[\\/:*?"<>|\x00-\x1f]/g, "_") || "file";
  const dot = safe.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [safe.slice(0, dot), safe.slice(dot)] : [safe, ""];
  for (let n = 1; ; n++) {
    const path = absolute(join(dir, n === 1 ? safe : `${stem} (${n})${ext}`));
    try {
      await writeFile(path, content, { flag: "wx" });
      return path;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
}

/** Runs the console chat until the input ends or the person types /thoat. */
export function runConsole(options: ConsoleOptions): Promise<void> {
  const screen = options.screen ?? new ConsoleScreen();
  const handle = withNumberedOptions(options.store, options.handle, options.now);
  let userId = options.userId;
  const prompt = () => screen.prompt(userId);
  const input = options.input ?? process.stdin;
  // A terminal echoes what is typed; piped input does not, so the transcript shows each line after its prompt.
  const echo = !(input as { isTTY?: boolean }).isTTY;
  const rl = createInterface({ input, terminal: false });
  const saveTo = options.filesDir ?? "var/console-files";
  screen.write(`${options.t(options.demo === false ? "console:bannerRealData" : "console:banner", { user: userId })}\n`);
  if (options.webLink) screen.write(`${options.t("console:webLink", { url: options.webLink })}\n`);
  prompt();

  let chain = Promise.resolve();
  return new Promise((resolve) => {
    rl.on(
      "line",
      (line) =>
        (chain = chain.then(async () => {
          screen.busy();
          if (echo) screen.write(`${line}\n`);
          const text = line.trim();
          const as = /^\/(?:la|as)\s+(\S+)$/.exec(text);
          if (as) {
            userId = as[1]!;
            screen.write(`${options.t("console:switched", { user: userId })}\n`);
          } else if (text === "/thoat" || text === "/quit") {
            rl.close();
            return;
          } else if (text) {
            // Nobody resends a typed line: a store that cannot take it now (disk full) gets the usual apology.
            const replies: RenderedReply[] = await handle({
              channel: "console",
              chatId: consoleChatId(userId),
              userId,
              chatType: "private",
              text,
            }).catch(() => [{ text: options.t("common:errors.unexpected") }]);
            for (const r of replies) {
              screen.write(`\n🤖 ${r.text}\n`);
              for (const f of [r.file, r.image]) {
                if (f) screen.write(`📎 ${await saveFile(saveTo, f.name, f.content)}\n`);
              }
            }
          }
          prompt();
        })),
    );
    rl.on("close", () => void chain.then(() => resolve()));
  });
}
