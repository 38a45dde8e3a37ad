/**
 * /hoso (/profile): the person's own record, and changing one field at a time through the same
 * questions registration asks. Each change is checked and logged; a new unit or position needs
 * the unit's approval again, since it changes what the person may do.
 */
import { DomainError } from "../../app/errors";
import type { Command, Ctx } from "../../chat/feature";
import type { Button, Reply } from "../../app/messages";
import type { Step, Wizard } from "../../chat/wizard";
import { isOfficerPosition, rosterFields } from "../../domain/cadres";
import type { Cadre } from "../../domain/records";
import { localDmy } from "../../domain/zoned-time";
import { changePost, currentPostSince } from "../../domain/posts";
import { changeTheory } from "../../domain/theory";
import { today } from "../../app/deps";
import { notifyApprovers } from "../../app/approval-request";
import { audit } from "../../app/audit";
import { describeCadre } from "../../app/cadre-labels";
import { askToConfirmRaise, decideRaise, withTheoryRaise } from "./theory-raise";
import { contactConsentStep, fieldStepIds as editable, fieldSteps, readYesNo, stepsOf, CadreDraft } from "../../chat/cadre-steps";

/** The record's fields a person answers (those the draft holds); the rest stays on the record. */
const answerFields = new Set(Object.keys(CadreDraft.shape).filter((f) => f !== "consent"));

function draftOf(cadre: Cadre, field: string): CadreDraft {
  // Only the record's own answers go into the draft: a claim, the post's history (postSince, formerPosts), the
  // marks (plannedFor, lecturer) and a theory raise stay on the record, or the draft would fail its own schema.
  const fields = Object.fromEntries(Object.entries(cadre).filter(([f]) => answerFields.has(f)));
  const approvedAs = cadre.status === "approved" ? { unitId: cadre.unitId, position: cadre.position } : undefined;
  return { ...fields, consent: [...cadre.consent.purposes], field, approvedAs };
}

/** A change of unit or position drops the approval: asked once more, with a way to keep things as they are. */
const confirmReapprovalStep: Step<CadreDraft> = {
  id: "confirmReapproval",
  skip: (d) => !d.approvedAs || (d.unitId === d.approvedAs.unitId && d.position === d.approvedAs.position),
  ask: async (ctx, data) => {
    const unit = await ctx.deps.store.units.get(data.unitId ?? "");
    return {
      text: ctx.t("profile:profile.confirmReapproval", {
        unit: unit?.name ?? data.unitId,
        position: ctx.t(`cadres:positions.${data.position}`),
      }),
      buttons: [
        [
          { label: ctx.t("profile:profile.confirmChange"), data: "yes" },
          { label: ctx.t("common:keep"), data: "no" },
        ],
      ],
    };
  },
  answer: (ctx, input, data) => {
    const yes = readYesNo(input);
    if (yes === undefined) return { retry: ctx.t("cadres:invalid.yesNo") };
    return { data: yes ? data : { ...data, keep: true } };
  },
};

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
  if (!needsApproval) return next;
  // The post left goes into the history from the day the new one starts: its election day for a Secretary or Deputy, else today.
  const day = today(ctx.deps);
  const since = currentPostSince(current);
  const start = next.electedOn && next.electedOn > since && next.electedOn <= day ? next.electedOn : day;
  const moved = changePost(
    { ...next, unitId: current.unitId, position: current.position, electedOn: current.electedOn },
    { unitId: next.unitId, position: next.position, electedOn: next.electedOn },
    start,
  );
  return { ...moved, status: "pending", decidedAt: undefined, decidedBy: undefined };
}

async function saveEdit(ctx: Ctx, data: CadreDraft): Promise<Reply[]> {
  const { deps, actor, t } = ctx;
  if (data.keep) return [{ text: t("common:kept") }];
  const result = await deps.store.transaction(async (tx) => {
    const current = await tx.cadres.get(actor.person.id);
    if (!current) throw new DomainError("profile:profile.none");
    const edited = withTheoryRaise(ctx, current, applyDraft(ctx, current, data));
    // A level changed here is held from today; the one left goes into the history.
    const next = changeTheory({ ...edited, theoryLevel: current.theoryLevel }, edited.theoryLevel, today(deps));
    const changed = [...rosterFields, "consent" as const, "theoryRaise" as const].filter(
      (f) => JSON.stringify(current[f]) !== JSON.stringify(next[f]),
    );
    if (changed.length === 0) return { next, changed };
    await tx.cadres.put(next);
    await audit(deps, tx, { actorId: actor.person.id, action: "cadre.edit", subjectId: next.id, details: { fields: changed.join(",") } });
    // Who must act on the change is told in its transaction: a new post to approve, a raise to confirm.
    if (changed.includes("status")) await notifyApprovers(deps, tx, next);
    else if (changed.includes("theoryRaise") && next.theoryRaise) await askToConfirmRaise(ctx, tx, next);
    return { next, changed };
  });
  if (result.changed.length === 0) return [{ text: t("profile:profile.unchanged") }];
  if (result.changed.includes("status")) return [{ text: t("profile:profile.savedNeedsApproval") }];
  if (result.changed.includes("theoryRaise") && result.next.theoryRaise) {
    return [{ text: t("profile:theoryRaise.waits", { level: t(`cadres:theoryLevels.${result.next.theoryRaise.level}`) }) }];
  }
  return [{ text: t("profile:profile.saved") }];
}

export const profileEditWizard: Wizard<CadreDraft> = {
  draft: CadreDraft,
  name: "profile-edit",
  steps: [
    ...[...fieldSteps, contactConsentStep].map((step) => ({
      ...step,
      skip: (d: CadreDraft, ctx: Ctx) => !stepsOf(d.field).includes(step.id) || (step.skip?.(d, ctx) ?? false),
    })),
    confirmReapprovalStep,
  ],
  finish: saveEdit,
};

/**
 * The profile's options in a fixed order, so that each keeps its number (Zalo, the console) whether
 * or not the professional level is given yet: a field registration left for later, still missing,
 * reads "Bổ sung…" in its own place.
 */
function editButtons(ctx: Ctx, cadre: Cadre): Button[][] {
  const fields = Object.keys(editable).filter((f) => f !== "electedOn" || isOfficerPosition(cadre.position));
  const missing = (f: string) => f === "professionalLevel" && !cadre.professionalLevel;
  const buttons = fields.map((f) => ({
    label: ctx.t(missing(f) ? `profile:profile.add.${f}` : `profile:profile.edit.${f}`),
    data: `/hoso ${f}`,
  }));
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return rows;
}

async function showProfile(ctx: Ctx): Promise<Reply[]> {
  const { deps, actor, t } = ctx;
  const cadre = await deps.store.cadres.get(actor.person.id);
  if (!cadre) return [{ text: t("profile:profile.none") }];
  const [field, id] = ctx.args.split(/\s+/);
  if (field && /^(duyet|confirm|tuchoi|reject)$/i.test(field)) return [await decideRaise(ctx, id, /^(duyet|confirm)$/i.test(field))];
  if (field) {
    if (stepsOf(field).length === 0 || (field === "electedOn" && !isOfficerPosition(cadre.position)))
      return [{ text: t("profile:profile.unknownField") }];
    return ctx.startWizard("profile-edit", draftOf(cadre, field));
  }
  const unit = await deps.store.units.get(cadre.unitId);
  const purposes = cadre.consent.purposes.map((p) => `• ${t(`cadres:purposes.${p}`)}`);
  const text = [
    t("profile:profile.title"),
    ...describeCadre(t, cadre, unit),
    ...(cadre.professionalLevel ? [] : ["", t("profile:profile.missing.professionalLevel")]),
    `${t("cadres:fields.status")}: ${t(`cadres:statuses.${cadre.status}`)}`,
    "",
    t("profile:profile.consent", { date: localDmy(cadre.consent.at, deps.config.timeZone) }),
    ...purposes,
    "",
    t("profile:profile.footer"),
  ].join("\n");
  return [{ text, buttons: editButtons(ctx, cadre) }];
}

export const profileCommand: Command = { name: "hoso", alias: "profile", chats: "private", run: showProfile };
