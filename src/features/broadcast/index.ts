/** Broadcasts: /thongbao (/announce) for admins, sent through the outbox with progress and a closing report. */
import type { Feature } from "../../chat/feature";
import { broadcastDraftFrom, broadcastWizard } from "./wizard";

export const broadcastFeature: Feature = {
  name: "broadcast",
  commands: [
    { name: "thongbao", alias: "announce", chats: "private", run: (ctx) => ctx.startWizard("broadcast", broadcastDraftFrom(ctx.args)) },
  ],
  wizards: [broadcastWizard],
};
