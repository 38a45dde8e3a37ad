/**
 * `/web`: the web view of what the person may see — a Mini App button on Telegram, a one-time link
 * (10 minutes, once, for this account) on Zalo and the console; the chat core adds either under the
 * answer (`chat/web-view.ts`).
 */
import type { Feature } from "../../chat/feature";

export const webFeature: Feature = {
  name: "web",
  commands: [
    {
      name: "web",
      alias: "web",
      chats: "private",
      run: (ctx) => ({ text: ctx.t(ctx.deps.config.webappUrl ? "web:chat.intro" : "web:chat.off") }),
    },
  ],
};
