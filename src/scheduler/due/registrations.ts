/**
 * Registrations left waiting: a registration still pending `registrationEscalationDays` after it
 * was sent to its unit's officers is escalated to the admins, once. One that went to the admins in
 * the first place (the unit had no officer to reach) is not sent again.
 */
import { DAY_MS, localDmy } from "../../domain/zoned-time";
import { admins, type Due, type PlanContext } from "./context";

/** Every registration escalation due in the window. */
export function registrationEscalations(ctx: PlanContext): Due[] {
  const days = ctx.plan.reminders.registrationEscalationDays;
  const out: Due[] = [];
  for (const c of ctx.data.cadres) {
    if (c.status !== "pending" || ctx.officersOf(c.unitId).every((o) => o.id === c.id)) continue;
    const at = new Date(Date.parse(c.registeredAt) + days * DAY_MS);
    const staleAt = new Date(at.getTime() + 7 * DAY_MS);
    if (!ctx.due(at, staleAt)) continue;
    const vars = { name: c.fullName, id: c.id, unit: ctx.unitById.get(c.unitId)?.name ?? c.unitId, days, since: localDmy(new Date(c.registeredAt), ctx.timeZone) };
    const message = { key: "scheduler:registration.escalation", vars };
    out.push(ctx.make({ key: `escalate:registration:${c.id}:${c.registeredAt}`, kind: "escalate:registration", recipient: admins, message, essential: true, at, staleAt }));
  }
  return out;
}
