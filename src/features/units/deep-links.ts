/** /linkdonvi (/unitlinks): every unit's registration link, or one unit's. */
import type { Command } from "../../chat/feature";
import { unitLinksReplies } from "../../app/unit-links";

export const unitLinksCommand: Command = {
  name: "linkdonvi",
  alias: "unitlinks",
  chats: "private",
  run: async (ctx) => {
    if (!ctx.args) return unitLinksReplies(ctx);
    const unit = await ctx.deps.store.units.get(ctx.args.split(/\s+/)[0]!);
    return unit ? unitLinksReplies(ctx, [unit]) : unitLinksReplies(ctx);
  },
};
