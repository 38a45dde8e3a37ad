/**
 * Units with more than one approved Secretary (data stored before the rule "one Secretary per
 * unit"): the admins are told once per unit and set of Secretaries, with a choice of who keeps the
 * post (written at send time by the units feature's composer, `composerNames.twoSecretaries`).
 * Until they choose, counts and contact lists read the latest elected (`presumedSecretary`).
 */
import { unitsWithTwoSecretaries } from "../../domain/cadres";
import { composerNames } from "../../domain/composers";
import { isOpen } from "../../domain/units";
import { dmy } from "../../domain/zoned-time";
import { admins, type Due, type PlanContext } from "./context";

/** A short, stable tag of a set of record ids (FNV-1a), so that a key stays short whatever the ids. */
function tag(ids: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const ch of [...ids].sort().join("+")) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(36);
}

/** One notice per open unit with two Secretaries, due now; the outbox keeps it to once per unit and set of Secretaries. */
export function twoSecretaryNotices(ctx: PlanContext): Due[] {
  const at = ctx.now;
  const staleAt = new Date(at.getTime() + 7 * 86_400_000);
  return unitsWithTwoSecretaries(ctx.approved)
    .filter((f) => ctx.unitById.has(f.unitId) && isOpen(ctx.unitById.get(f.unitId)!) && ctx.due(at, staleAt))
    .map((f) => {
      const unit = ctx.unitById.get(f.unitId)!;
      const names = f.secretaries.map((c) => (c.electedOn ? `${c.fullName} (${dmy(c.electedOn)})` : c.fullName)).join(", ");
      return ctx.make({
        key: `warn:two-secretaries:${f.unitId}:${tag(f.secretaries.map((c) => c.id))}`,
        kind: "warn:two-secretaries",
        recipient: admins,
        message: {
          key: "scheduler:twoSecretaries.admins",
          vars: { unitId: f.unitId, unit: unit.name, code: unit.code ?? unit.id, names, presumed: f.secretaries[0]!.fullName },
          compose: composerNames.twoSecretaries,
        },
        essential: true,
        at,
        staleAt,
      });
    });
}
