/** The /thongbao wizard: audience (everyone, some units, a role), text, preview and confirm. */
import { Id } from "../../domain/fields";
import { z } from "zod";
import type { Ctx } from "../../chat/feature";
import { reply } from "../../app/messages";
import type { Wizard } from "../../chat/wizard";
import type { BroadcastAudience } from "../../domain/outbox";
import { Position } from "../../domain/records";
import { lengthLimits } from "../../domain/limits";
import { excerpt } from "../../domain/text";
import { announce, audienceRecipients } from "./audience";
import { openUnits, unitNameMatches } from "../../domain/units";

const BroadcastDraftSchema = z
  .object({
    audience: z.enum(["everyone", "units", "role"]).optional(),
    unitIds: z.array(Id).min(1).optional(),
    position: Position.optional(),
    text: z.string().min(1).max(2000).optional(),
    confirmed: z.boolean().optional(),
  })
  .strict();

export interface BroadcastDraft extends Record<string, unknown> {
  audience?: "everyone" | "units" | "role";
  unitIds?: string[];
  position?: Position;
  text?: string;
  confirmed?: boolean;
}

/** Longest text of a broadcast, from the draft's schema. */
const MAX_TEXT = lengthLimits(BroadcastDraftSchema.shape.text).max;

/**
 * The draft `/thongbao` starts with: the text typed after the command, when it fits; else nothing
 * (the text is then asked, and a text too long refused with its length).
 * @example broadcastDraftFrom("Họp trực tuyến lúc 8h") // { text: "Họp trực tuyến lúc 8h" }
 */
export function broadcastDraftFrom(args: string): BroadcastDraft {
  const text = args.normalize("NFC").trim();
  return text && text.length <= MAX_TEXT ? { text } : {};
}

function audienceOf(d: BroadcastDraft): BroadcastAudience {
  if (d.audience === "units") return { kind: "units", unitIds: d.unitIds ?? [] };
  if (d.audience === "role") return { kind: "role", position: d.position ?? "secretary" };
  return { kind: "everyone" };
}

/** Finds the units named in a comma-separated list (ids or names, diacritics ignored). */
async function pickUnits(ctx: Ctx, input: string): Promise<{ ids: string[] } | { retry: string }> {
  const units = openUnits(await ctx.deps.store.units.all());
  const ids: string[] = [];
  for (const part of input
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const byId = units.find((u) => u.id.toLowerCase() === part.toLowerCase());
    const found = byId ? [byId] : units.filter((u) => unitNameMatches(u.name, part));
    if (found.length !== 1)
      return { retry: ctx.t(found.length ? "broadcast:unitAmbiguous" : "broadcast:unitNotFound", { query: excerpt(part) }) };
    ids.push(found[0]!.id);
  }
  return ids.length ? { ids: [...new Set(ids)] } : { retry: ctx.t("broadcast:unitNotFound", { query: excerpt(input) }) };
}

async function preview(ctx: Ctx, d: BroadcastDraft) {
  const audience = audienceOf(d);
  const recipients = await audienceRecipients(ctx.deps.store, audience);
  const groups = recipients.filter((r) => r.type === "chat").length;
  const who =
    audience.kind === "role"
      ? ctx.t("broadcast:audienceRole", { role: ctx.t(`broadcast:positions.${audience.position}`) })
      : audience.kind === "units"
        ? ctx.t("broadcast:audienceUnits", { count: audience.unitIds.length })
        : ctx.t("broadcast:audienceEveryone");
  const text = ctx.t("broadcast:preview", { text: d.text, who, people: recipients.length - groups, groups });
  return reply(text, [
    [
      { label: ctx.t("broadcast:send"), data: "yes" },
      { label: ctx.t("common:cancel"), data: "no" },
    ],
  ]);
}

export const broadcastWizard: Wizard<BroadcastDraft> = {
  draft: BroadcastDraftSchema,
  name: "broadcast",
  steps: [
    {
      id: "audience",
      ask: ({ t }) =>
        reply(t("broadcast:askAudience"), [
          { label: t("broadcast:audience.everyone"), data: "everyone" },
          { label: t("broadcast:audience.units"), data: "units" },
          { label: t("broadcast:audience.role"), data: "role" },
        ]),
      answer: ({ t }, input, d) =>
        input === "everyone" || input === "units" || input === "role"
          ? { data: { ...d, audience: input } }
          : { retry: t("broadcast:pickAudience") },
    },
    {
      id: "units",
      skip: (d) => d.audience !== "units",
      ask: ({ t }) => reply(t("broadcast:askUnits")),
      answer: async (ctx, input, d) => {
        const picked = await pickUnits(ctx, input);
        return "retry" in picked ? picked : { data: { ...d, unitIds: picked.ids } };
      },
    },
    {
      id: "role",
      skip: (d) => d.audience !== "role",
      ask: ({ t }) =>
        reply(
          t("broadcast:askRole"),
          Position.options.map((p) => ({ label: t(`broadcast:positions.${p}`), data: p })),
        ),
      answer: ({ t }, input, d) => {
        const parsed = Position.safeParse(input);
        return parsed.success ? { data: { ...d, position: parsed.data } } : { retry: t("broadcast:pickRole") };
      },
    },
    {
      id: "text",
      // Typed after the command (`/thongbao Họp trực tuyến…`): taken, not asked again.
      skip: (d) => d.text !== undefined,
      ask: ({ t }) => reply(t("broadcast:askText", { max: MAX_TEXT })),
      answer: ({ t }, input, d) => {
        const text = input.normalize("NFC").trim();
        if (!text) return { retry: t("broadcast:textEmpty") };
        if (text.length > MAX_TEXT) return { retry: t("broadcast:textTooLong", { max: MAX_TEXT, length: text.length }) };
        return { data: { ...d, text } };
      },
    },
    {
      id: "confirm",
      ask: preview,
      answer: ({ t }, input, d) =>
        input === "yes" || input === "no" ? { data: { ...d, confirmed: input === "yes" } } : { retry: t("broadcast:pickConfirm") },
    },
  ],
  async finish(ctx, d) {
    if (!d.confirmed) return [reply(ctx.t("broadcast:cancelled"))];
    const b = await announce(ctx.deps, ctx.actor, { audience: audienceOf(d), text: d.text! });
    return [reply(ctx.t("broadcast:started", { total: b.total }))];
  },
};
