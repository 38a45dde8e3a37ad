/**
 * Registration (/dangky, /register, or the unit's deep link `/start u-<unitId>`): a private
 * wizard that ends in a pending registration, sent to the unit's officers for approval.
 * Consent is asked per purpose, never pre-ticked; a "no" stores nothing.
 */
import { DomainError } from "../../app/errors";
import type { Command, Ctx } from "../../chat/feature";
import type { Button, Reply } from "../../app/messages";
import type { Step, Wizard } from "../../chat/wizard";
import { basePurpose, isOfficerPosition } from "../../domain/cadres";
import type { Cadre } from "../../domain/records";
import { fold } from "../../domain/text";
import { isImportedMatch } from "../../domain/claims";
import type { Collections } from "../../store/store";
import { audit } from "../../app/audit";
import { notifyApprovers } from "../../app/approval-request";
import { isOpen, openUnits, survivorOf } from "../../domain/units";
import { settingUpReply } from "../../app/bloc-settings";
import { describeCadre } from "../../app/cadre-labels";
import { fieldStepIds, fieldSteps, readYesNo, stepsOf, CadreDraft } from "../../chat/cadre-steps";

/** Fields registration leaves to /hoso: nothing needs them before approval. */
const askedLater = new Set(["professionalLevel", "jobPosition", "civilServiceGrade"]);

/** The fields a registrant may fix from the summary, in the order asked. */
function fixable(data: CadreDraft): string[] {
  return Object.keys(fieldStepIds).filter(
    (f) => !askedLater.has(f) && (f !== "electedOn" || (data.position && isOfficerPosition(data.position))),
  );
}

/** Which field to fix, chosen from the summary; then only that field's questions are asked again. */
const fixWhichStep: Step<CadreDraft> = {
  id: "fixWhich",
  skip: (d) => !d.choosingFix,
  ask: ({ t }, data) => ({
    text: t("registration:register.fixWhich"),
    buttons: fixable(data).map((f) => [{ label: t(`cadres:fields.${f}`), data: f }]),
  }),
  answer: (ctx, input, data) => {
    const field = fixable(data).find((f) => f === input.trim() || fold(ctx.t(`cadres:fields.${f}`)) === fold(input));
    if (!field) return { retry: ctx.t("cadres:invalid.choice") };
    const { choosingFix: _, ...rest } = data;
    return { data: { ...rest, fixing: field, unitFromLink: field === "unit" ? false : rest.unitFromLink }, next: stepsOf(field)[0] };
  },
};

/**
 * The summary, and consent once per purpose in the same step (Law 91/2025/QH15: explicit, never
 * pre-ticked): send agreeing to the record (and to being called, when a phone was given), send
 * without the phone, fix one answer, or decline (nothing is stored).
 */
function confirmButtons(t: Ctx["t"], data: CadreDraft): Button[][] {
  const send = data.phone
    ? [[{ label: t("registration:register.sendBoth"), data: "both" }], [{ label: t("registration:register.sendNoPhone"), data: "nophone" }]]
    : [[{ label: t("registration:register.send"), data: "yes" }]];
  return [
    ...send,
    [
      { label: t("registration:register.fix"), data: "fix" },
      { label: t("registration:consent.no"), data: "no" },
    ],
  ];
}

const confirmStep: Step<CadreDraft> = {
  id: "confirm",
  ask: async (ctx, data) => {
    const { t } = ctx;
    const unit = data.unitId ? await ctx.deps.store.units.get(data.unitId) : undefined;
    const consent = [t("registration:consent.training"), ...(data.phone ? ["", t("registration:consent.contactInline")] : [])];
    return {
      text: [t("registration:register.summary"), ...describeCadre(t, data, unit, true), "", ...consent].join("\n"),
      buttons: confirmButtons(t, data),
    };
  },
  reask: (ctx, data) => ({ text: "", buttons: confirmButtons(ctx.t, data) }),
  answer: (ctx, input, data) => {
    const { fixing: _, choosingFix: __, ...rest } = data;
    const choice = fold(input);
    if (choice === "fix" || choice === fold(ctx.t("registration:register.fix")))
      return { data: { ...rest, choosingFix: true }, next: "fixWhich" };
    if (choice === "nophone") {
      const { phone: ___, ...withoutPhone } = rest;
      return { data: { ...withoutPhone, consent: [basePurpose], phoneDropped: true } };
    }
    const yes = choice === "both" || readYesNo(input);
    if (yes === undefined) return { retry: ctx.t("cadres:invalid.confirm") };
    if (!yes) return { data: { declined: true } };
    return { data: { ...rest, consent: rest.phone ? [basePurpose, "contact"] : [basePurpose] } };
  },
};

/** While fixing one field from the summary, the other fields' questions are not asked again. */
function onlyWhileFixing(step: Step<CadreDraft>): Step<CadreDraft> {
  return { ...step, skip: (d, ctx) => (d.fixing !== undefined && !stepsOf(d.fixing).includes(step.id)) || (step.skip?.(d, ctx) ?? false) };
}

/** Builds the pending record from a finished draft. */
function pendingCadre(ctx: Ctx, data: CadreDraft): Cadre {
  const at = ctx.deps.now().toISOString();
  return {
    id: ctx.actor.person.id,
    fullName: data.fullName!,
    unitId: data.unitId!,
    position: data.position!,
    electedOn: data.position && isOfficerPosition(data.position) ? data.electedOn : undefined,
    theoryLevel: data.theoryLevel!,
    birthYear: data.birthYear!,
    phone: data.consent?.includes("contact") ? data.phone : undefined,
    status: "pending",
    consent: { purposes: data.consent ?? [basePurpose], at },
    registeredAt: at,
  };
}

/**
 * The record an admin imported for the person typing `draft`, if any (see `isImportedMatch`): the
 * registration then claims it, and it stays untouched until the unit's officer confirms.
 */
async function importedRecordOf(tx: Collections, draft: Cadre): Promise<Cadre | undefined> {
  for (const c of await tx.cadres.find({ unitId: draft.unitId })) {
    if (isImportedMatch(c, draft, (await tx.accounts.find({ personId: c.id })).length > 0)) return c;
  }
  return undefined;
}

async function submit(ctx: Ctx, data: CadreDraft): Promise<Reply[]> {
  const { t, deps, actor } = ctx;
  if (data.declined || !data.consent?.includes(basePurpose)) return [{ text: t("registration:consent.declined") }];
  const { cadre, routed } = await deps.store.transaction(async (tx) => {
    const existing = await tx.cadres.get(actor.person.id);
    if (existing && existing.status !== "rejected") throw new DomainError(`registration:register.already.${existing.status}`);
    const typed = pendingCadre(ctx, data);
    const imported = await importedRecordOf(tx, typed);
    const record = await tx.cadres.put(imported ? { ...typed, claims: imported.id } : typed);
    await audit(deps, tx, {
      actorId: record.id,
      action: "cadre.register",
      subjectId: record.id,
      details: { unitId: record.unitId, claims: imported?.id ?? null },
    });
    return { cadre: record, routed: await notifyApprovers(deps, tx, record) };
  });
  deps.log.info({ person: cadre.id, unit: cadre.unitId, claims: cadre.claims }, "registration submitted");
  const unit = await deps.store.units.get(cadre.unitId);
  const unitName = unit?.name ?? cadre.unitId;
  if (routed.to === "admins") return [{ text: t("registration:register.submittedToAdmins", { unit: unitName }) }];
  return [{ text: t("registration:register.submitted", { unit: unitName, names: routed.names.join(", ") }) }];
}

export const registerWizard: Wizard<CadreDraft> = {
  draft: CadreDraft,
  name: "register",
  steps: [...fieldSteps.filter((s) => !askedLater.has(s.id)).map(onlyWhileFixing), fixWhichStep, confirmStep],
  finish: submit,
};

/** Opens the registration wizard, with the unit filled in when the person came through its deep link. */
export async function startRegistration(ctx: Ctx, unitId?: string): Promise<Reply[]> {
  const { t, actor, deps } = ctx;
  if (ctx.msg.chatType !== "private")
    return [{ text: t("registration:register.openPrivate", { command: unitId ? `/start u-${unitId}` : "/dangky" }) }];
  if (actor.cadre && actor.cadre.status !== "rejected") return [{ text: t(`registration:register.already.${actor.cadre.status}`) }];
  if (openUnits(await deps.store.units.all()).length === 0) return [await settingUpReply(ctx)];
  // Unit ids are lower case; a link typed or copied in capitals (`/start u-STP`) still leads there.
  let unit = unitId ? await deps.store.units.get(unitId.toLowerCase()) : undefined;
  if (unitId && !unit) throw new DomainError("registration:register.unitLinkUnknown", { unit: unitId });
  // An old link of a merged unit leads to the unit it joined; a closed unit takes no one.
  if (unit?.mergedInto)
    unit = await deps.store.units.get(survivorOf(new Map((await deps.store.units.all()).map((u) => [u.id, u])), unit.id));
  if (unit && !isOpen(unit)) throw new DomainError("units:errors.notOpen", { name: unit.name });
  const intro = unit ? t("registration:register.introUnit", { unit: unit.name }) : t("registration:register.intro");
  const questions = await ctx.startWizard("register", unit ? { unitId: unit.id, unitFromLink: true } : {});
  return [{ text: intro }, ...questions];
}

export const registerCommand: Command = {
  name: "dangky",
  alias: "register",
  chats: "private",
  run: (ctx) => startRegistration(ctx, ctx.args || undefined),
};
