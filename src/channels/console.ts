/**
 * The local console chat: `npm start` with no token. You talk to the bot as a demo person;
 * buttons are numbered options. `/la <id>` (`/as`) switches person; `/thoat` (`/quit`) leaves.
 */
import { createInterface } from "node:readline";
import type { Incoming, Reply } from "../chat/types";
import { withNumberedOptions } from "../chat/numbered";
import type { Store } from "../store/store";
import type { T } from "../i18n";

export interface ConsoleOptions {
  store: Store;
  handle: (msg: Incoming) => Promise<Reply[]>;
  now: () => Date;
  t: T;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  userId: string;
}

/** Prints a message from the bot to someone else (a notification) in the console. */
export function consoleSender(output: NodeJS.WritableStream = process.stdout) {
  return async (chatId: string, reply: Reply) => {
    const buttons = (reply.buttons ?? []).flat().map((b) => `[${b.label}]`).join(" ");
    output.write(`\n📨 → ${chatId}: ${reply.text}${buttons ? `\n   ${buttons}` : ""}\n`);
  };
}

/** Runs the console chat until the input ends or the person types /thoat. */
export function runConsole(options: ConsoleOptions): Promise<void> {
  const output = options.output ?? process.stdout;
  const rl = createInterface({ input: options.input ?? process.stdin, terminal: false });
  const handle = withNumberedOptions(options.store, options.handle, options.now);
  let userId = options.userId;
  const prompt = () => output.write(`\n${userId}> `);
  output.write(`${options.t("console:banner", { user: userId })}\n`);
  prompt();

  let chain = Promise.resolve();
  return new Promise((resolve) => {
    rl.on("line", (line) =>
      (chain = chain.then(async () => {
        const text = line.trim();
        const as = /^\/(?:la|as)\s+(\S+)$/.exec(text);
        if (as) {
          userId = as[1]!;
          output.write(`${options.t("console:switched", { user: userId })}\n`);
        } else if (text === "/thoat" || text === "/quit") {
          rl.close();
          return;
        } else if (text) {
          const replies = await handle({ channel: "console", chatId: `console-${userId}`, userId, chatType: "private", text });
          for (const r of replies) {
            output.write(`\n🤖 ${r.text}\n`);
            if (r.file) output.write(`📎 ${r.file.name} (${r.file.content.length} bytes)\n`);
          }
        }
        prompt();
      })),
    );
    rl.on("close", () => void chain.then(() => resolve()));
  });
}
