/**
 * First start: on a fresh data directory the first admin (from ADMIN_IDS) who writes `/start` is
 * walked through the set-up — the bloc's name, its units, the other admins, where the Standing
 * Committee's group is — and gets every unit's deep link at the end. `/thietlap` (/setup) runs it
 * again. Until a unit exists, anyone else is told the bot is being set up and whom to contact.
 */
import { hasAdminGrant } from "../../app/admins";
import { z } from "zod";
import { audit } from "../../app/audit";
import type { Actor } from "../../app/actor";
import type { Deps } from "../../app/deps";
import type { Command, Ctx, Feature } from "../../chat/feature";
import type { Reply } from "../../app/messages";
import type { Step, Wizard } from "../../chat/wizard";
import { BLOC_ID } from "../../domain/bloc";
import { ChannelName, UnitCode, UnitKind, UnitMembers } from "../../domain/records";
import { UnitName } from "../../domain/fields";
import { itemLimit, lengthLimits, numberLimits } from "../../domain/limits";
import { tidy } from "../../domain/text";
import { isPlausibleName, openUnits } from "../../domain/units";
import { blocSettings } from "../../app/bloc-settings";
import { readKindLabel } from "../../app/unit-kinds";
import { unitLinksReplies } from "../../app/unit-links";
import { createUnits, planUnit, type NewUnit } from "../../app/unit-changes";
import { DomainError } from "../../app/errors";
import type { Collections } from "../../store/store";

const SetupDraft = z
  .object({
    blocName: UnitName.optional(),
    units: z
      .array(z.object({ name: UnitName, code: UnitCode.optional(), members: UnitMembers, kind: UnitKind }).strict())
      .max(300)
      .optional(),
    admins: z.array(z.string().regex(/^(telegram|zalo|console):[\w.-]{1,64}$/)).optional(),
  })
  .strict();
interface SetupDraft extends Record<string, unknown> {
  blocName?: string;
  units?: NewUnit[];
  admins?: string[];
}

/** Most units the set-up notes (by chat; more come with a roster file). */
const MAX_UNITS = itemLimit(SetupDraft.shape.units);
const DONE_WORDS = new Set(["xong", "done", "ok"]);
/** The data of the button that takes the suggested bloc name. */
const SUGGESTED = "goi-y";

/** Reads `Name | CODE | members | kind` lines; throws a DomainError naming the first bad line. */
function readUnitLines(ctx: Ctx, input: string, known: NewUnit[], existing: Parameters<typeof planUnit>[0]): NewUnit[] {
  const lines = input
    .split("\n")
    .map((l) => tidy(l))
    .filter(Boolean);
  const out: NewUnit[] = [];
  lines.forEach((line, i) => {
    const [name = "", code, members, kind] = line.split("|").map((p) => p.trim());
    const n = members ? Number(members.replace(/[.,\s]/g, "")) : 0;
    if (!UnitMembers.safeParse(n).success) throw new DomainError("setup:units.badMembers", { line: i + 1, ...numberLimits(UnitMembers) });
    const readK: UnitKind | undefined = kind ? readKindLabel(kind) : "agency";
    if (!readK) throw new DomainError("setup:units.badKind", { line: i + 1 });
    const unit: NewUnit = { name, code: code || undefined, members: n, kind: readK };
    try {
      // Checks the name and code against the units already there and those listed before.
      planUnit([...existing, ...[...known, ...out].map((u) => planUnit([], u))], unit);
    } catch (e) {
      if (e instanceof DomainError) throw new DomainError("setup:units.badLine", { line: i + 1, reason: ctx.t(e.key, e.vars) });
      throw e;
    }
    out.push(unit);
  });
  return out;
}

const blocNameStep: Step<SetupDraft> = {
  id: "blocName",
  // A button's data is at most 64 bytes on Telegram: the suggested name is sent as a word.
  ask: ({ t }) => ({ text: t("setup:askBlocName"), buttons: [[{ label: t("setup:defaultBloc"), data: SUGGESTED }]] }),
  answer: (ctx, input, data) => {
    const name = input.trim() === SUGGESTED ? ctx.t("setup:defaultBloc") : tidy(input);
    if (!isPlausibleName(name) || name.startsWith("/")) return { retry: ctx.t("setup:badBlocName", lengthLimits(UnitName)) };
    return { data: { ...data, blocName: name } };
  },
};

const unitsStep: Step<SetupDraft> = {
  id: "units",
  ask: ({ t }, data) => {
    const listed = data.units ?? [];
    const so = listed.length
      ? [t("setup:units.sofar", { count: listed.length }), ...listed.map((u) => `• ${u.name}`)].join("\n").slice(0, 3000)
      : "";
    return {
      text: [so, t(listed.length ? "setup:units.askMore" : "setup:units.ask")].filter(Boolean).join("\n\n"),
      buttons: [[{ label: t(listed.length ? "setup:units.done" : "setup:units.later"), data: "xong" }]],
    };
  },
  answer: async (ctx, input, data) => {
    if (DONE_WORDS.has(input.trim().toLowerCase())) return { data };
    const known = data.units ?? [];
    try {
      const added = readUnitLines(ctx, input, known, await ctx.deps.store.units.all());
      if (known.length + added.length > MAX_UNITS) return { retry: ctx.t("setup:units.tooMany", { max: MAX_UNITS }) };
      return { data: { ...data, units: [...known, ...added] }, next: "units" };
    } catch (e) {
      if (e instanceof DomainError) return { retry: ctx.t(e.key, e.vars) };
      throw e;
    }
  },
};

/** Reads admin accounts: an account id (channel, colon, the id on that channel), or a bare id on the channel the admin is using. */
function readAdmins(input: string, channel: string): string[] | undefined {
  const words = input.split(/[\s,;]+/).filter(Boolean);
  const ids = words.map((w) => (w.includes(":") ? w : `${channel}:${w}`));
  return ids.every((id) => {
    const [ch, ext] = id.split(/:(.*)/s);
    return ChannelName.safeParse(ch).success && !!ext && /^[\w.-]{1,64}$/.test(ext);
  })
    ? [...new Set(ids)]
    : undefined;
}

const adminsStep: Step<SetupDraft> = {
  id: "admins",
  ask: ({ t, msg }) => ({
    text: t("setup:askAdmins", { example: `${msg.channel}:123456789` }),
    buttons: [[{ label: t("setup:noMoreAdmins"), data: "-" }]],
  }),
  answer: (ctx, input, data) => {
    if (input.trim() === "-" || DONE_WORDS.has(input.trim().toLowerCase())) return { data: { ...data, admins: [] } };
    const admins = readAdmins(input, ctx.msg.channel);
    return admins ? { data: { ...data, admins } } : { retry: ctx.t("setup:badAdmins") };
  },
};

const groupStep: Step<SetupDraft> = {
  id: "group",
  ask: ({ t }) => ({ text: t("setup:askGroup"), buttons: [[{ label: t("setup:groupUnderstood"), data: "ok" }]] }),
  answer: (_ctx, _input, data) => ({ data }),
};

const confirmStep: Step<SetupDraft> = {
  id: "confirm",
  ask: ({ t }, data) => ({
    text: t("setup:summary", {
      bloc: data.blocName,
      units: (data.units ?? []).length,
      names:
        (data.units ?? [])
          .slice(0, 30)
          .map((u) => `• ${u.name}`)
          .join("\n") || t("setup:noUnitsYet"),
      admins: (data.admins ?? []).join(", ") || t("setup:noOtherAdmins"),
    }),
    buttons: [
      [{ label: t("setup:finish"), data: "ok" }],
      [
        { label: t("common:back"), data: "/quaylai" },
        { label: t("common:cancel"), data: "/huy" },
      ],
    ],
  }),
  answer: (ctx, input, data) => (/^(ok|xong|dong y|đồng ý|yes)$/i.test(input.trim()) ? { data } : { retry: ctx.t("setup:pressFinish") }),
};

/** Makes people with the admin role behind the given accounts (they may not have talked to the bot yet). */
async function grantAdmins(deps: Deps, tx: Collections, actor: Actor, ids: string[]): Promise<void> {
  const at = deps.now().toISOString();
  for (const id of ids) {
    const [channel, externalId] = id.split(/:(.*)/s) as [ChannelName, string];
    const account = await tx.accounts.get(id);
    const person = account ? await tx.people.get(account.personId) : undefined;
    if (person) {
      if (!hasAdminGrant(person)) await tx.people.put({ ...person, roles: [...person.roles, "admin"] });
      await audit(deps, tx, { actorId: actor.person.id, action: "role.grant", subjectId: person.id, details: { role: "admin" } });
      continue;
    }
    const p = await tx.people.put({ id: deps.newId("p"), roles: ["admin"], createdAt: at, muted: false });
    await tx.accounts.put({ id, channel, externalId, personId: p.id, lastSeenAt: at, unreachable: false });
    await audit(deps, tx, { actorId: actor.person.id, action: "role.grant", subjectId: p.id, details: { role: "admin" } });
  }
}

async function finish(ctx: Ctx, data: SetupDraft): Promise<Reply[]> {
  const { deps, actor, t } = ctx;
  const created = await deps.store.transaction(async (tx) => {
    const bloc = await blocSettings(tx);
    await tx.bloc.put({ ...bloc, id: BLOC_ID, name: data.blocName, setUpAt: deps.now().toISOString() });
    const units = await createUnits(deps, tx, actor.person.id, data.units ?? []);
    await grantAdmins(deps, tx, actor, data.admins ?? []);
    await audit(deps, tx, {
      actorId: actor.person.id,
      action: "bloc.setup",
      subjectId: BLOC_ID,
      details: { units: units.length, admins: (data.admins ?? []).length },
    });
    return units;
  });
  deps.log.info({ by: actor.person.id, units: created.length }, "bloc set up");
  const done: Reply = { text: t("setup:done", { bloc: data.blocName, count: created.length }) };
  if (created.length === 0) return [done, { text: t("setup:nextWithoutUnits") }];
  return [done, ...(await unitLinksReplies(ctx, created)), { text: t("setup:next") }];
}

export const setupWizard: Wizard<SetupDraft> = {
  draft: SetupDraft,
  name: "setup",
  steps: [blocNameStep, unitsStep, adminsStep, groupStep, confirmStep],
  finish,
};

/** Opens the set-up wizard with its introduction. */
export async function startSetup(ctx: Ctx): Promise<Reply[]> {
  return [{ text: ctx.t("setup:intro") }, ...(await ctx.startWizard("setup"))];
}

const setupCommand: Command = { name: "thietlap", alias: "setup", chats: "private", run: startSetup };

export const setupFeature: Feature = { name: "setup", commands: [setupCommand], wizards: [setupWizard] };
