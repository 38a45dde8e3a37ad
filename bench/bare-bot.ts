/**
 * The baseline of bench/webhook.ts, as a process of its own started cold like the bot: a bare grammY
 * bot that answers every text with "pong" behind a webhook on PORT, registered with setWebhook at
 * TELEGRAM_API_ROOT once it listens.
 */
import { createServer } from "node:http";
import { Bot, webhookCallback } from "grammy";

const bot = new Bot(process.env.TELEGRAM_BOT_TOKEN!, { client: { apiRoot: process.env.TELEGRAM_API_ROOT! } });
bot.on("message:text", (ctx) => ctx.reply("pong"));
await bot.init();
const secret = process.env.TELEGRAM_WEBHOOK_SECRET!;
const handle = webhookCallback(bot, "http", { secretToken: secret });
const server = createServer((req, res) => void handle(req, res));
await new Promise<void>((r) => server.listen(Number(process.env.PORT), "127.0.0.1", r));
await bot.api.setWebhook(process.env.TELEGRAM_WEBHOOK_URL!, { secret_token: secret });
process.once("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
