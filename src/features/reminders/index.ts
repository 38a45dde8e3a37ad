/** /nhacnho (/reminders): mute or unmute non-essential nudges; essentials (deadlines you own, sessions) still come. */
import type { Ctx, Feature } from "../../chat/feature";
import { reply } from "../../app/messages";
import { fold } from "../../domain/text";

const OFF = new Set(["tat", "off", "mute"]);
const ON = new Set(["bat", "on", "unmute"]);

async function reminders(ctx: Ctx) {
  const { t, actor, deps } = ctx;
  const choice = fold(ctx.args);
  if (OFF.has(choice) || ON.has(choice)) {
    const muted = OFF.has(choice);
    await deps.store.people.put({ ...actor.person, muted });
    return reply(t(muted ? "reminders:muted" : "reminders:unmuted"));
  }
  if (choice) return reply(t("reminders:usage"));
  const muted = actor.person.muted;
  return reply(t(muted ? "reminders:statusMuted" : "reminders:statusOn"), [
    muted ? { label: t("reminders:turnOn"), data: "/nhacnho bat" } : { label: t("reminders:turnOff"), data: "/nhacnho tat" },
  ]);
}

export const remindersFeature: Feature = {
  name: "reminders",
  commands: [{ name: "nhacnho", alias: "reminders", run: reminders }],
};
