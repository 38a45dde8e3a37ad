/** Sample people for the benches: a person, a Telegram account and an approved cadre record, put in one transaction. */
import type { Cadre, Position } from "../src/domain/records";
import type { Collections } from "../src/store/store";

const NOW = "2026-11-29T03:00:00.000Z";
const AT = "2026-01-05T02:00:00.000Z";

/** Puts sample person `p-<i>` with account `telegram:<i>` and a cadre record of `unitId`; `extra` overrides the cadre's fields. */
export async function putSamplePerson(tx: Collections, i: number, unitId: string, extra: Partial<Cadre> = {}): Promise<void> {
  const id = `p-${i}`;
  await tx.people.put({ id, roles: [], createdAt: AT, muted: false });
  await tx.accounts.put({
    id: `telegram:${i}`,
    channel: "telegram",
    externalId: String(i),
    personId: id,
    lastSeenAt: NOW,
    unreachable: false,
  });
  await tx.cadres.put({
    id,
    fullName: "Nguyễn Văn Mẫu",
    unitId,
    position: "member",
    theoryLevel: "basic",
    professionalLevel: "university",
    birthYear: 1995,
    status: "approved",
    consent: { purposes: ["training"], at: AT },
    registeredAt: AT,
    ...extra,
  });
}

/**
 * The post of sample cadre `i` when cadres are dealt to `units` units in turn (cadre `i` in unit `i`
 * mod `units`), as a bloc has them: in each unit the first one is its Secretary and the next two its
 * Deputies; the others take `cycle[i mod its length]`, a Secretary's or a Deputy's place there read
 * as a committee member's. (The benches once gave a unit hundreds of Secretaries, which no bloc has and
 * which made every request to a unit's officers a notice to hundreds.)
 */
export function samplePosition(i: number, units: number, cycle: readonly Position[]): Position {
  const rank = Math.floor(i / units);
  if (rank === 0) return "secretary";
  if (rank <= 2) return "deputy";
  const position = cycle[i % cycle.length]!;
  return position === "secretary" || position === "deputy" ? "committee" : position;
}
