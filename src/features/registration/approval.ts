/**
 * Approval: the unit's approved Secretary or Deputy, or an admin, approves or rejects a pending
 * registration (/duyet, /tuchoi, buttons on the request); /choduyet lists what waits;
 * admins grant the admin role with /themquantri.
 */
import type { Deps } from "../../app/deps";
import { DomainError } from "../../app/errors";
import { canActOnUnit } from "../../app/permissions";
import type { Command, Ctx } from "../../chat/feature";
import type { Reply } from "../../app/messages";
import { approversOf } from "../../domain/cadres";
import type { Cadre, Unit } from "../../domain/records";
import { tidy } from "../../domain/text";
import type { T } from "../../i18n";
import { audit } from "../../app/audit";
import { adminRecipients } from "../../app/admins";
import type { OutboxRecipient } from "../../domain/outbox";
import { label } from "../cadres/labels";
import { claimLines, claimViewOf, confirmClaim, type ClaimView } from "./claim";

/** Most pending requests shown at once by /choduyet. */
const MAX_SHOWN = 10;

/**
 * The request as an approver sees it: who, which position and unit, with approve/reject buttons;
 * for a claim, the imported record it claims beside what was typed.
 */
function requestReply(t: T, cadre: Cadre, unit: Unit | undefined, claim: ClaimView | undefined, timeZone: string): Reply {
  const head = t("registration:approval.request", { name: cadre.fullName, position: label(t, "position", cadre.position), unit: unit?.name ?? cadre.unitId });
  return {
    text: claim ? [head, "", ...claimLines(t, cadre, unit, claim, timeZone)].join("\n") : head,
    buttons: [[
      { label: t("registration:approval.approveButton"), data: `/duyet ${cadre.id}` },
      { label: t("registration:approval.rejectButton"), data: `/tuchoi ${cadre.id}` },
    ]],
  };
}

/** Everything a request shows, read from the store once so that it renders in each approver's language. */
async function requestOf(deps: Deps, cadre: Cadre): Promise<(t: T) => Reply> {
  const unit = await deps.store.units.get(cadre.unitId);
  const claim = await claimViewOf(deps.store, cadre);
  return (t) => requestReply(t, cadre, unit, claim, deps.config.timeZone);
}

/** Who a registration went to: the unit's reachable officers (by name), or the bloc's admins. */
export type Routed = { to: "officers"; names: string[] } | { to: "admins" };

/** True when the person has a chat account the delivery has not marked unreachable. */
async function reachable(deps: Deps, personId: string): Promise<boolean> {
  return (await deps.store.accounts.find({ personId })).some((a) => !a.unreachable);
}

/**
 * Sends a pending registration to someone who can act on it: the unit's approved Secretary and
 * Deputies who have a chat account the bot can still reach (an officer imported from a roster
 * without one, or who blocked the bot, cannot), else the admins. Resolves who it went to, so the
 * newcomer is told the truth.
 */
export async function notifyApprovers(deps: Deps, cadre: Cadre): Promise<Routed> {
  const render = await requestOf(deps, cadre);
  const officers = approversOf(await deps.store.cadres.all(), cadre.unitId).filter((c) => c.id !== cadre.id);
  const reached: string[] = [];
  for (const o of officers) if ((await reachable(deps, o.id)) && (await deps.notify.toPerson(o.id, render))) reached.push(o.fullName);
  if (reached.length) return { to: "officers", names: reached };
  await notifyAdmins(deps, render);
  return { to: "admins" };
}

/** Sends a message to every admin (a granted role, or an account named in ADMIN_IDS). */
export async function notifyAdmins(deps: Deps, render: (t: T) => Reply): Promise<void> {
  const to: OutboxRecipient[] = await adminRecipients(deps.store, deps.config.adminIds);
  for (const r of to) {
    if (r.type === "person") await deps.notify.toPerson(r.personId, render);
    else await deps.notify.toChat(r, render);
  }
}

async function decide(ctx: Ctx, decision: "approved" | "rejected"): Promise<Reply[]> {
  const { deps, actor, t } = ctx;
  const [id, ...words] = ctx.args.split(/\s+/);
  if (!id) return listPending(ctx);
  const withReason = tidy(words.join(" ")).slice(0, 300);
  const decided = await deps.store.transaction(async (tx) => {
    const cadre = await tx.cadres.get(id);
    if (!cadre) throw new DomainError("cadres:errors.noSuchRegistration", { id });
    if (!canActOnUnit(actor, cadre.unitId)) throw new DomainError("cadres:errors.otherUnit");
    if (cadre.status !== "pending") throw new DomainError("cadres:errors.alreadyDecided", { name: cadre.fullName });
    const next: Cadre =
      decision === "approved" && cadre.claims
        ? await confirmClaim(deps, tx, actor, cadre)
        : await tx.cadres.put({ ...cadre, status: decision, decidedBy: actor.person.id, decidedAt: deps.now().toISOString() });
    const action = decision === "approved" ? "cadre.approve" : "cadre.reject";
    await audit(deps, tx, { actorId: actor.person.id, action, subjectId: next.id, details: { withReason: Boolean(withReason), ...(cadre.claims ? { claims: cadre.claims } : {}) } });
    return next;
  });
  deps.log.info({ person: id, by: actor.person.id, decision }, "registration decided");
  const unit = await deps.store.units.get(decided.unitId);
  const unitName = unit?.name ?? decided.unitId;
  await deps.notify.toPerson(decided.id, (tt) => ({
    text: [tt(`registration:approval.${decision}Notice`, { unit: unitName }), withReason ? tt("registration:approval.reason", { reason: withReason }) : ""]
      .filter(Boolean)
      .join("\n"),
  }));
  return [{ text: t(`registration:approval.${decision}Done`, { name: decided.fullName }) }];
}

/** The pending registrations the actor may decide: their unit's, or every unit's for an admin. */
export async function listPending(ctx: Ctx): Promise<Reply[]> {
  const { deps, actor, t } = ctx;
  const pending = (await deps.store.cadres.find({ status: "pending" })).filter((c) => canActOnUnit(actor, c.unitId));
  if (pending.length === 0) return [{ text: t("registration:approval.nonePending") }];
  const shown = await Promise.all(pending.slice(0, MAX_SHOWN).map(async (c) => (await requestOf(deps, c))(t)));
  return [{ text: t("registration:approval.pendingTitle", { count: pending.length, shown: shown.length }) }, ...shown];
}

async function promote(ctx: Ctx): Promise<Reply[]> {
  const { deps, actor, t } = ctx;
  const id = ctx.args.split(/\s+/)[0];
  if (!id) return [{ text: t("registration:promote.usage") }];
  const person = await deps.store.people.get(id);
  if (!person) throw new DomainError("cadres:errors.noSuchPerson", { id });
  if (person.roles.includes("admin")) return [{ text: t("registration:promote.already") }];
  await deps.store.transaction(async (tx) => {
    await tx.people.put({ ...person, roles: [...person.roles, "admin"] });
    await audit(deps, tx, { actorId: actor.person.id, action: "role.grant", subjectId: id, details: { role: "admin" } });
  });
  deps.log.info({ person: id, by: actor.person.id }, "admin granted");
  await deps.notify.toPerson(id, (tt) => ({ text: tt("registration:promote.notice") }));
  return [{ text: t("registration:promote.done", { id }) }];
}

export const approvalCommands: Command[] = [
  { name: "duyet", alias: "approve", run: (ctx) => decide(ctx, "approved") },
  { name: "tuchoi", alias: "reject", run: (ctx) => decide(ctx, "rejected") },
  { name: "choduyet", alias: "pending", run: listPending },
  { name: "themquantri", alias: "promote", run: promote },
];
