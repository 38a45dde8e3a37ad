/**
 * Registration (/dangky, /register, or the unit's deep link `/start u-<unitId>`): a private
 * wizard that ends in a pending registration, sent to the unit's officers for approval.
 * Consent is asked per purpose, never pre-ticked; a "no" stores nothing.
 */
import { DomainError } from "../../app/errors";
import type { Command, Ctx } from "../../chat/feature";
import type { Reply } from "../../app/messages";
import type { Step, Wizard } from "../../chat/wizard";
import { basePurpose, isOfficerPosition } from "../../domain/cadres";
import type { Cadre } from "../../domain/records";
import { isImportedMatch } from "../../domain/claims";
import type { Collections } from "../../store/store";
import { audit } from "../../app/audit";
import { notifyApprovers } from "./approval";
import { isOpen, openUnits, survivorOf } from "../../domain/units";
import { settingUpReply } from "../setup";
import { describeCadre } from "../cadres/labels";
import { contactConsentStep, fieldSteps, readYesNo, CadreDraft } from "../cadres/steps";

const consentStep: Step<CadreDraft> = {
  id: "consent",
  ask: ({ t }) => ({
    text: t("registration:consent.training"),
    buttons: [[{ label: t("registration:consent.yes"), data: "yes" }, { label: t("registration:consent.no"), data: "no" }]],
  }),
  answer: (ctx, input, data) => {
    const yes = readYesNo(input);
    if (yes === undefined) return { retry: ctx.t("cadres:invalid.yesNo") };
    return yes ? { data: { ...data, consent: [basePurpose] } } : { data: { declined: true } };
  },
};

const confirmStep: Step<CadreDraft> = {
  id: "confirm",
  skip: (d) => Boolean(d.declined),
  ask: async (ctx, data) => {
    const { t } = ctx;
    const unit = data.unitId ? await ctx.deps.store.units.get(data.unitId) : undefined;
    const purposes = (data.consent ?? []).map((p) => `• ${t(`cadres:purposes.${p}`)}`);
    const dropped = data.phoneDropped ? [t("registration:consent.phoneDropped")] : [];
    return {
      text: [t("registration:register.summary"), ...describeCadre(t, data, unit), "", t("registration:register.consentGiven"), ...purposes, ...dropped].join("\n"),
      buttons: [
        [{ label: t("registration:register.send"), data: "ok" }],
        [{ label: t("common:back"), data: "/quaylai" }, { label: t("common:cancel"), data: "/huy" }],
      ],
    };
  },
  answer: (ctx, input, data) => (readYesNo(input) ? { data } : { retry: ctx.t("cadres:invalid.confirm") }),
};

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
    professionalLevel: data.professionalLevel!,
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
  const cadre = await deps.store.transaction(async (tx) => {
    const existing = await tx.cadres.get(actor.person.id);
    if (existing && existing.status !== "rejected") throw new DomainError(`registration:register.already.${existing.status}`);
    const typed = pendingCadre(ctx, data);
    const imported = await importedRecordOf(tx, typed);
    const record = await tx.cadres.put(imported ? { ...typed, claims: imported.id } : typed);
    await audit(deps, tx, { actorId: record.id, action: "cadre.register", subjectId: record.id, details: { unitId: record.unitId, claims: imported?.id ?? null } });
    return record;
  });
  deps.log.info({ person: cadre.id, unit: cadre.unitId, claims: cadre.claims }, "registration submitted");
  const unit = await deps.store.units.get(cadre.unitId);
  const routed = await notifyApprovers(deps, cadre);
  const unitName = unit?.name ?? cadre.unitId;
  if (routed.to === "admins") return [{ text: t("registration:register.submittedToAdmins", { unit: unitName }) }];
  return [{ text: t("registration:register.submitted", { unit: unitName, names: routed.names.join(", ") }) }];
}

export const registerWizard: Wizard<CadreDraft> = {
  draft: CadreDraft,
  name: "register",
  steps: [...fieldSteps, consentStep, contactConsentStep, confirmStep],
  finish: submit,
};

/** Opens the registration wizard, with the unit filled in when the person came through its deep link. */
export async function startRegistration(ctx: Ctx, unitId?: string): Promise<Reply[]> {
  const { t, actor, deps } = ctx;
  if (ctx.msg.chatType !== "private") return [{ text: t("registration:register.openPrivate", { command: unitId ? `/start u-${unitId}` : "/dangky" }) }];
  if (actor.cadre && actor.cadre.status !== "rejected") return [{ text: t(`registration:register.already.${actor.cadre.status}`) }];
  if (openUnits(await deps.store.units.all()).length === 0) return [await settingUpReply(ctx)];
  let unit = unitId ? await deps.store.units.get(unitId) : undefined;
  if (unitId && !unit) throw new DomainError("cadres:errors.unitNotFound", { unit: unitId });
  // An old link of a merged unit leads to the unit it joined; a closed unit takes no one.
  if (unit?.mergedInto) unit = await deps.store.units.get(survivorOf(new Map((await deps.store.units.all()).map((u) => [u.id, u])), unit.id));
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
