/**
 * /hoso (/profile): the person's own record, and changing one field at a time through the same
 * questions registration asks. Each change is checked and logged; a new unit or position needs
 * the unit's approval again, since it changes what the person may do.
 */
import { DomainError } from "../../app/errors";
import type { Command, Ctx } from "../../chat/feature";
import type { Button, Reply } from "../../app/messages";
import type { Wizard } from "../../chat/wizard";
import { isOfficerPosition, rosterFields } from "../../domain/cadres";
import type { Cadre } from "../../domain/records";
import { formatDate } from "../../i18n";
import { notifyApprovers } from "../registration/approval";
import { audit } from "../../app/audit";
import { describeCadre } from "../cadres/labels";
import { contactConsentStep, fieldSteps, CadreDraft } from "../cadres/steps";

/** Field a person may change → the wizard steps that ask it. */
const editable: Record<string, string[]> = {
  fullName: ["fullName"],
  unit: ["unitSearch", "unitPick"],
  position: ["position", "electedOn"],
  electedOn: ["electedOn"],
  theoryLevel: ["theoryLevel"],
  professionalLevel: ["professionalLevel"],
  birthYear: ["birthYear"],
  phone: ["phone", "consentContact"],
};

/** The steps that change `field`; none for anything else typed (`__proto__` is not a field). */
function stepsOf(field: string | undefined): string[] {
  return field && Object.hasOwn(editable, field) ? editable[field]! : [];
}

function draftOf(cadre: Cadre, field: string): CadreDraft {
  const { id: _, status: __, consent, registeredAt: ___, decidedAt: ____, decidedBy: _____, ...fields } = cadre;
  return { ...fields, consent: [...consent.purposes], field };
}

function applyDraft(ctx: Ctx, current: Cadre, data: CadreDraft): Cadre {
  const position = data.position ?? current.position;
  const purposes = data.consent ?? current.consent.purposes;
  const consentChanged = purposes.join() !== current.consent.purposes.join();
  const next: Cadre = {
    ...current,
    ...Object.fromEntries(rosterFields.filter((f) => f !== "status").map((f) => [f, data[f as keyof CadreDraft]])),
    electedOn: isOfficerPosition(position) ? data.electedOn : undefined,
    consent: consentChanged ? { purposes, at: ctx.deps.now().toISOString() } : current.consent,
  };
  const needsApproval = current.status === "approved" && (next.unitId !== current.unitId || next.position !== current.position);
  return needsApproval ? { ...next, status: "pending", decidedAt: undefined, decidedBy: undefined } : next;
}

async function saveEdit(ctx: Ctx, data: CadreDraft): Promise<Reply[]> {
  const { deps, actor, t } = ctx;
  const result = await deps.store.transaction(async (tx) => {
    const current = await tx.cadres.get(actor.person.id);
    if (!current) throw new DomainError("profile:profile.none");
    const next = applyDraft(ctx, current, data);
    const changed = [...rosterFields, "consent" as const].filter((f) => JSON.stringify(current[f]) !== JSON.stringify(next[f]));
    if (changed.length === 0) return { next, changed };
    await tx.cadres.put(next);
    await audit(deps, tx, { actorId: actor.person.id, action: "cadre.edit", subjectId: next.id, details: { fields: changed.join(",") } });
    return { next, changed };
  });
  if (result.changed.length === 0) return [{ text: t("profile:profile.unchanged") }];
  if (result.changed.includes("status")) {
    await notifyApprovers(deps, result.next);
    return [{ text: t("profile:profile.savedNeedsApproval") }];
  }
  return [{ text: t("profile:profile.saved") }];
}

export const profileEditWizard: Wizard<CadreDraft> = {
  draft: CadreDraft,
  name: "profile-edit",
  steps: [...fieldSteps, contactConsentStep].map((step) => ({
    ...step,
    skip: (d: CadreDraft, ctx: Ctx) => !stepsOf(d.field).includes(step.id) || (step.skip?.(d, ctx) ?? false),
  })),
  finish: saveEdit,
};

function editButtons(ctx: Ctx, cadre: Cadre): Button[][] {
  const fields = Object.keys(editable).filter((f) => f !== "electedOn" || isOfficerPosition(cadre.position));
  const buttons = fields.map((f) => ({ label: ctx.t(`profile:profile.edit.${f}`), data: `/hoso ${f}` }));
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return rows;
}

async function showProfile(ctx: Ctx): Promise<Reply[]> {
  const { deps, actor, t } = ctx;
  const cadre = await deps.store.cadres.get(actor.person.id);
  if (!cadre) return [{ text: t("profile:profile.none") }];
  const field = ctx.args.split(/\s+/)[0];
  if (field) {
    if (stepsOf(field).length === 0 || (field === "electedOn" && !isOfficerPosition(cadre.position))) return [{ text: t("profile:profile.unknownField") }];
    return ctx.startWizard("profile-edit", draftOf(cadre, field));
  }
  const unit = await deps.store.units.get(cadre.unitId);
  const purposes = cadre.consent.purposes.map((p) => `• ${t(`cadres:purposes.${p}`)}`);
  const text = [
    t("profile:profile.title"),
    ...describeCadre(t, cadre, unit),
    `${t("cadres:fields.status")}: ${t(`cadres:statuses.${cadre.status}`)}`,
    "",
    t("profile:profile.consent", { date: formatDate(cadre.consent.at, deps.config.timeZone) }),
    ...purposes,
    "",
    t("profile:profile.footer"),
  ].join("\n");
  return [{ text, buttons: editButtons(ctx, cadre) }];
}

export const profileCommand: Command = { name: "hoso", alias: "profile", chats: "private", run: showProfile };
