/**
 * Approval: the unit's approved Secretary or Deputy, or an admin, approves or rejects a pending
 * registration (/duyet, /tuchoi, buttons on the request); /choduyet lists what waits;
 * admins grant the admin role with /themquantri.
 */
import { hasAdminGrant } from "../../app/admins";
import { DomainError } from "../../app/errors";
import { authorize, demand, unitResource } from "../../app/authorize";
import type { Command, Ctx } from "../../chat/feature";
import type { Wizard } from "../../chat/wizard";
import { z } from "zod";
import { Id } from "../../domain/records";
import type { Collections } from "../../store/store";
import type { Reply } from "../../app/messages";
import { formatDateTime, type T } from "../../i18n";
import type { Cadre } from "../../domain/records";
import { lengthLimits } from "../../domain/limits";
import { excerpt, tidy } from "../../domain/text";
import { localDmy } from "../../domain/zoned-time";
import { PAGE_LINES, pageArg, pageOf } from "../../chat/pages";
import { audit } from "../../app/audit";
import { label } from "../../app/cadre-labels";
import { confirmClaim } from "./claim";
import { requestOf } from "../../app/approval-request";
import { keepOneSecretary } from "../../app/secretary";
import { noticeKey } from "../../domain/outbox";

/** Up to this many pending requests, /choduyet shows each in full; more come as a paged list. */
const SHOWN_IN_FULL = 3;

/** A registration the actor may decide now, or the refusal saying why not. */
async function decidable(ctx: Ctx, tx: Pick<Collections, "cadres">, id: string): Promise<Cadre> {
  const cadre = await tx.cadres.get(id);
  if (!cadre) throw new DomainError("cadres:errors.noSuchRegistration", { id });
  demand(ctx.actor, "approve", unitResource(cadre.unitId));
  if (cadre.status !== "pending") throw await alreadyDecided(ctx, tx, cadre);
  return cadre;
}

/** A registration decided before: by whom (when they have a record) and when, so a second press explains itself. */
async function alreadyDecided(ctx: Ctx, tx: Pick<Collections, "cadres">, cadre: Cadre): Promise<DomainError> {
  if (!cadre.decidedAt) return new DomainError("cadres:errors.alreadyDecided", { name: cadre.fullName });
  const by = cadre.decidedBy ? (await tx.cadres.get(cadre.decidedBy))?.fullName : undefined;
  const key = `cadres:errors.already${cadre.status === "approved" ? "Approved" : "Rejected"}${by ? "By" : ""}`;
  return new DomainError(key, { name: cadre.fullName, by: by ?? "", at: formatDateTime(cadre.decidedAt, ctx.deps.config.timeZone) });
}

/** `/tuchoi p-12` without a reason (the notification's button) asks for one, which the person is told. */
const RejectDraft = z.object({ id: Id, reason: z.string().max(300).optional() }).strict();
/** Longest reason for a refusal, from the draft's schema. */
const MAX_REASON = lengthLimits(RejectDraft.shape.reason).max;

/** A reason as typed (`-` for none), or undefined when it is longer than the draft allows. */
function readReason(input: string): string | undefined {
  const reason = input.trim() === "-" ? "" : tidy(input);
  return reason.length > MAX_REASON ? undefined : reason;
}

export const rejectWizard: Wizard<z.infer<typeof RejectDraft>> = {
  name: "reject",
  draft: RejectDraft,
  steps: [
    {
      id: "reason",
      ask: async (ctx, data) => {
        const cadre = await ctx.deps.store.cadres.get(data.id);
        return {
          text: ctx.t("registration:approval.askReason", { name: cadre?.fullName ?? data.id }),
          buttons: [[{ label: ctx.t("registration:approval.noReason"), data: "-" }]],
        };
      },
      answer: (ctx, input, data) => {
        const reason = readReason(input);
        return reason === undefined
          ? { retry: ctx.t("registration:approval.reasonTooLong", { max: MAX_REASON, length: tidy(input).length }) }
          : { data: { ...data, reason } };
      },
    },
  ],
  finish: (ctx, data) => decideOn(ctx, "rejected", data.id, data.reason ?? ""),
};

async function decide(ctx: Ctx, decision: "approved" | "rejected"): Promise<Reply[]> {
  const [id, ...words] = ctx.args.split(/\s+/);
  if (!id) return listPending(ctx);
  if (decision === "rejected" && words.length === 0) {
    await decidable(ctx, ctx.deps.store, id);
    return ctx.startWizard("reject", { id });
  }
  const reason = readReason(words.join(" "));
  if (reason === undefined)
    throw new DomainError("registration:approval.reasonTooLong", { max: MAX_REASON, length: tidy(words.join(" ")).length });
  return decideOn(ctx, decision, id, reason);
}

/**
 * One Secretary per unit: approving a new Secretary makes the unit's current one an executive
 * committee member from today, their Secretary post kept in their history (the request said so).
 */
async function replaceSecretary(ctx: Ctx, tx: Collections, secretary: Cadre): Promise<void> {
  await keepOneSecretary(ctx.deps, tx, ctx.actor.person.id, secretary);
}

/** Tells the person of the decision on their registration, in the transaction that records it. */
async function tellDecision(ctx: Ctx, tx: Collections, decided: Cadre, withReason: string): Promise<void> {
  const decision = decided.status === "approved" ? "approved" : "rejected";
  const unitName = (await tx.units.get(decided.unitId))?.name ?? decided.unitId;
  await ctx.deps.notify.toPerson(
    decided.id,
    noticeKey("registration-decided", decided.id, decided.decidedAt ?? ""),
    (tt) => ({
      text: [
        tt(`registration:approval.${decision}Notice`, { unit: unitName }),
        decision === "approved" && !decided.professionalLevel ? tt("registration:approval.addLater") : "",
        withReason ? tt("registration:approval.reason", { reason: withReason }) : "",
      ]
        .filter(Boolean)
        .join("\n"),
    }),
    tx,
  );
}

async function decideOn(ctx: Ctx, decision: "approved" | "rejected", id: string, withReason: string): Promise<Reply[]> {
  const { deps, actor, t } = ctx;
  const decided = await deps.store.transaction(async (tx) => {
    const cadre = await decidable(ctx, tx, id);
    const next: Cadre =
      decision === "approved" && cadre.claims
        ? await confirmClaim(deps, tx, actor, cadre)
        : await tx.cadres.put({ ...cadre, status: decision, decidedBy: actor.person.id, decidedAt: deps.now().toISOString() });
    if (decision === "approved" && next.position === "secretary") await replaceSecretary(ctx, tx, next);
    const action = decision === "approved" ? "cadre.approve" : "cadre.reject";
    await audit(deps, tx, {
      actorId: actor.person.id,
      action,
      subjectId: next.id,
      details: { withReason: Boolean(withReason), ...(cadre.claims ? { claims: cadre.claims } : {}) },
    });
    await tellDecision(ctx, tx, next, withReason);
    return next;
  });
  deps.log.info({ person: id, by: actor.person.id, decision }, "registration decided");
  const done = t(`registration:approval.${decision}Done`, { name: decided.fullName });
  return [{ text: withReason ? `${done}\n${t("registration:approval.reason", { reason: withReason })}` : done }];
}

/**
 * The pending registrations the actor may decide (their unit's, or every unit's for an admin). A
 * few come in full, each with its buttons; more come as a paged list, a line and a button per
 * person, the button showing that request in full (`/choduyet p-12`).
 */
export async function listPending(ctx: Ctx): Promise<Reply[]> {
  const { deps, actor, t } = ctx;
  const { rest, page } = pageArg(ctx.args);
  const pending = (await deps.store.cadres.find({ status: "pending" })).filter(
    (c) => authorize(actor, "pending", unitResource(c.unitId)).allowed,
  );
  if (rest) {
    const one = pending.find((c) => c.id === rest);
    if (!one) return [{ text: t("registration:approval.nonePendingFor", { id: excerpt(rest, 40) }) }];
    return [{ ...(await requestOf(deps, one))(t), stays: true }];
  }
  if (pending.length === 0) return [{ text: t("registration:approval.nonePending") }];
  const head = t("registration:approval.pendingTitle", { count: pending.length });
  if (pending.length <= SHOWN_IN_FULL)
    // Each request's options stay answerable until it is handled (see Reply.stays).
    return [{ text: head }, ...(await Promise.all(pending.map(async (c) => ({ ...(await requestOf(deps, c))(t), stays: true }))))];
  const units = new Map((await deps.store.units.all()).map((u) => [u.id, u.name]));
  const lines = pending.map((c, i) =>
    t(c.claims ? "registration:approval.pendingLineClaim" : "registration:approval.pendingLine", {
      n: i + 1,
      name: c.fullName,
      position: label(t, "position", c.position),
      unit: units.get(c.unitId) ?? c.unitId,
      date: localDmy(new Date(c.registeredAt), deps.config.timeZone),
    }),
  );
  const listed = pageOf(t, { head, lines, page, command: "/choduyet", footer: ["", t("registration:approval.pendingHint")] });
  const first = (Math.min(Math.max(1, page), Math.ceil(lines.length / PAGE_LINES)) - 1) * PAGE_LINES;
  const people = pending
    .slice(first, first + PAGE_LINES)
    .map((c, i) => [{ label: `${first + i + 1}. ${c.fullName}`, data: `/choduyet ${c.id}` }]);
  return [{ ...listed, buttons: [...people, ...(listed.buttons ?? [])] }];
}

async function promote(ctx: Ctx): Promise<Reply[]> {
  const { deps, actor, t } = ctx;
  const id = ctx.args.split(/\s+/)[0];
  if (!id) return [{ text: t("registration:promote.usage") }];
  // A person id (p-12) or the account id /maso shows (telegram:123456789).
  const account = id.includes(":") ? await deps.store.accounts.get(id) : undefined;
  const person = await deps.store.people.get(account?.personId ?? id);
  if (!person) throw new DomainError("cadres:errors.noSuchPerson", { id });
  if (hasAdminGrant(person)) return [{ text: t("registration:promote.already") }];
  await deps.store.transaction(async (tx) => {
    await tx.people.put({ ...person, roles: [...person.roles, "admin"] });
    await audit(deps, tx, { actorId: actor.person.id, action: "role.grant", subjectId: person.id, details: { role: "admin" } });
    const told = (tt: T): Reply => ({ text: tt("registration:promote.notice") });
    await deps.notify.toPerson(person.id, noticeKey("admin-granted", person.id, deps.now().toISOString()), told, tx);
  });
  deps.log.info({ person: person.id, by: actor.person.id }, "admin granted");
  return [{ text: t("registration:promote.done", { id }) }];
}

export const approvalCommands: Command[] = [
  { name: "duyet", alias: "approve", run: (ctx) => decide(ctx, "approved") },
  { name: "tuchoi", alias: "reject", run: (ctx) => decide(ctx, "rejected") },
  { name: "choduyet", alias: "pending", run: listPending },
  { name: "themquantri", alias: "promote", run: promote },
];
