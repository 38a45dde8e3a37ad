/**
 * /taodonvi (/newunit): an admin creates a unit by chat — its name, kind (agency, public service
 * unit, enterprise), number of members and an optional short code — and gets its deep link.
 * The set-up wizard reuses these steps.
 */
import { z } from "zod";
import type { Command, Ctx } from "../../chat/feature";
import type { Reply } from "../../app/messages";
import type { Step, Wizard } from "../../chat/wizard";
import { DomainError } from "../../app/errors";
import { UnitCode, UnitKind, UnitMembers, type Unit } from "../../domain/records";
import { UnitName } from "../../domain/fields";
import { lengthLimits, numberLimits } from "../../domain/limits";
import { tidy } from "../../domain/text";
import { codeFromName, isPlausibleName, unitCoded, unitNamed } from "../../domain/units";
import { createUnits } from "../../app/unit-changes";
import { today } from "../../app/deps";
import { unitLinkReply } from "../../app/unit-links";
import { readKindLabel } from "../../app/unit-kinds";

export const UnitDraft = z
  .object({
    name: UnitName.optional(),
    kind: UnitKind.optional(),
    members: UnitMembers.optional(),
    code: UnitCode.optional(),
  })
  .strict();
export type UnitDraft = z.infer<typeof UnitDraft>;

const nameStep: Step<UnitDraft> = {
  id: "name",
  ask: ({ t }) => ({ text: t("units:create.askName") }),
  answer: async (ctx, input, data) => {
    const name = tidy(input);
    if (!isPlausibleName(name) || name.startsWith("/")) return { retry: ctx.t("units:errors.badName", lengthLimits(UnitName)) };
    const other = unitNamed(await ctx.deps.store.units.all(), name);
    if (other) return { retry: ctx.t("units:errors.duplicateName", { name: other.name, id: other.id }) };
    return { data: { ...data, name } };
  },
};

const kindStep: Step<UnitDraft> = {
  id: "kind",
  ask: ({ t }) => ({ text: t("units:create.askKind"), buttons: UnitKind.options.map((k) => [{ label: t(`units:kinds.${k}`), data: k }]) }),
  answer: (ctx, input, data) => {
    const kind = readKindLabel(input);
    return kind ? { data: { ...data, kind } } : { retry: ctx.t("units:errors.badKind") };
  },
};

const membersStep: Step<UnitDraft> = {
  id: "members",
  ask: ({ t }) => ({ text: t("units:create.askMembers") }),
  answer: (ctx, input, data) => {
    const n = Number(input.trim().replace(/[.,\s]/g, ""));
    if (!UnitMembers.safeParse(n).success || !input.trim()) return { retry: ctx.t("units:errors.badMembers", numberLimits(UnitMembers)) };
    return { data: { ...data, members: n } };
  },
};

const codeStep: Step<UnitDraft> = {
  id: "code",
  ask: ({ t }, data) => {
    const suggested = codeFromName(data.name ?? "");
    return {
      text: t("units:create.askCode", { code: suggested, max: lengthLimits(UnitCode).max }),
      buttons: [[{ label: t("units:create.useCode", { code: suggested }), data: suggested }]],
    };
  },
  answer: async (ctx, input, data) => {
    const code = input.trim().toUpperCase();
    if (!UnitCode.safeParse(code).success)
      return { retry: ctx.t("units:errors.badCode", { code: input.trim().slice(0, 30), max: lengthLimits(UnitCode).max }) };
    const taken = unitCoded(await ctx.deps.store.units.all(), code);
    if (taken) return { retry: ctx.t("units:errors.duplicateCode", { code, name: taken.name }) };
    return { data: { ...data, code } };
  },
};

/** The questions of a new unit, in order. */
export const unitSteps: Step<UnitDraft>[] = [nameStep, kindStep, membersStep, codeStep];

/** Creates the unit of a finished draft (audited). */
export async function createFromDraft(ctx: Ctx, data: UnitDraft): Promise<Unit> {
  const { deps, actor } = ctx;
  if (!data.name) throw new DomainError("units:errors.badName", lengthLimits(UnitName));
  const [unit] = await deps.store.transaction((tx) =>
    // A unit an admin creates joins the bloc today: it owed no report for a period that ended before (unitsInBlocOn).
    createUnits(deps, tx, actor.person.id, [
      { name: data.name!, kind: data.kind, members: data.members, code: data.code, joinedOn: today(deps) },
    ]),
  );
  deps.log.info({ unit: unit!.id, by: actor.person.id }, "unit created");
  return unit!;
}

export const createUnitWizard: Wizard<UnitDraft> = {
  draft: UnitDraft,
  name: "unit.create",
  steps: unitSteps,
  finish: async (ctx, data): Promise<Reply[]> => {
    const unit = await createFromDraft(ctx, data);
    return [
      { text: ctx.t("units:create.done", { name: unit.name, code: unit.code ?? unit.id }) },
      unitLinkReply(ctx.t, unit),
      { text: ctx.t("units:create.next") },
    ];
  },
};

export const createUnitCommand: Command = {
  name: "taodonvi",
  alias: "newunit",
  chats: "private",
  run: (ctx) => ctx.startWizard("unit.create"),
};
