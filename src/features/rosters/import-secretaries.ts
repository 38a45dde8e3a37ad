/**
 * One Secretary per unit in a roster import. A row naming a Secretary of a unit that already has
 * one takes the post only when the sheet says it was elected after the holder took it (a newly
 * elected Secretary replaces the old, who becomes an executive committee member with the post kept
 * in their history, as an approval and `/chonbithu` do). Otherwise the row is imported as a
 * committee member and the import says so, with how to make the person the Secretary. The day a
 * holder took the post is read by the one rule (`tookPostOn`, domain/cadres.ts), so the same file
 * imported again decides the same way and changes nothing.
 */
import { secretariesOf, presumedSecretary, tookPostOn } from "../../domain/cadres";
import type { Cadre } from "../../domain/records";
import { dmy } from "../../domain/zoned-time";
import type { T } from "../../i18n";
import type { RowEntry } from "./import-rows";

/** A checked row with the record it updates, if any. */
export interface MatchedRow {
  entry: RowEntry;
  existing?: Cadre;
}

/** Who holds (or will hold) a unit's Secretary post while the rows are read: a stored record or a row. */
interface Holder {
  name: string;
  /** yyyy-mm-dd the post was taken, "" when a row gives no election date. */
  since: string;
  row?: number;
  /** Stored Secretaries this holder stands for (several in data from before the rule). */
  stored: Cadre[];
}

/** What the rule did to a row naming a Secretary. */
export type SecretaryNote =
  /** The row is imported as a committee member: `holder` keeps the post. */
  | { kind: "second"; row: number; name: string; unit: string; holder: string; since: string }
  /** The row's Secretary, elected after them, replaces `replaced`: stored Secretaries, or the Secretary of an earlier row (`earlierRow`). */
  | { kind: "replaces"; row: number; name: string; unit: string; electedOn: string; replaced: string[]; earlierRow?: number };

export interface SecretaryOutcome {
  /** Rows whose Secretary is imported as a committee member (by sheet row). */
  demoted: Set<number>;
  /** Units whose stored Secretary a row's Secretary replaces while no row of the sheet writes that record, with the row that takes the post. */
  takers: { unitId: string; row: number }[];
  notes: SecretaryNote[];
}

const isSecretaryRow = (e: RowEntry) => e.fields.position === "secretary" && e.fields.status === "approved";

/** True when the row makes a Secretary the unit does not have yet (a new person, or a change of post or unit). */
function namesNewSecretary({ entry, existing }: MatchedRow): boolean {
  if (!isSecretaryRow(entry)) return false;
  return !(existing && existing.status === "approved" && existing.position === "secretary" && existing.unitId === entry.fields.unitId);
}

/** The unit's Secretaries as the sheet leaves them before its new rows: stored ones no row moves away. */
function storedHolder(stored: readonly Cadre[], rowOf: ReadonlyMap<string, RowEntry>, unitId: string): Holder | undefined {
  const staying = secretariesOf(stored, unitId).filter((c) => {
    const entry = rowOf.get(c.id);
    return !entry || (isSecretaryRow(entry) && entry.fields.unitId === unitId);
  });
  const presumed = presumedSecretary(staying);
  return presumed && { name: presumed.fullName, since: tookPostOn(presumed), stored: staying };
}

/**
 * Decides, unit by unit and in the sheet's order, who holds the Secretary post after the import:
 * a row's Secretary takes it from the holder only when its election date is later than the day the
 * holder took it; on a tie or without a date the holder stays and the row reads as a committee member.
 * @example settleSecretaries(stored, rows, nameOf) // { demoted: {7}, notes: [{ kind: "second", row: 7, … }], takers: [] }
 */
export function settleSecretaries(
  stored: readonly Cadre[],
  rows: readonly MatchedRow[],
  unitName: (unitId: string) => string,
): SecretaryOutcome {
  const out: SecretaryOutcome = { demoted: new Set(), takers: [], notes: [] };
  const rowOf = new Map(rows.flatMap((r) => (r.existing ? [[r.existing.id, r.entry] as const] : [])));
  const units = [...new Set(rows.filter(namesNewSecretary).map((r) => r.entry.fields.unitId))];
  for (const unitId of units) {
    const unit = unitName(unitId);
    let holder = storedHolder(stored, rowOf, unitId);
    let outside = false;
    for (const { entry } of rows.filter((m) => namesNewSecretary(m) && m.entry.fields.unitId === unitId)) {
      const { row, fields } = entry;
      const electedOn = fields.electedOn ?? "";
      if (holder && (!electedOn || electedOn <= holder.since)) {
        out.demoted.add(row);
        out.notes.push({ kind: "second", row, name: fields.fullName, unit, holder: holder.name, since: holder.since });
        continue;
      }
      if (holder) {
        if (holder.row !== undefined) out.demoted.add(holder.row);
        for (const c of holder.stored) {
          const own = rowOf.get(c.id);
          if (own) out.demoted.add(own.row);
          else outside = true;
        }
        const replaced = holder.row !== undefined ? [holder.name] : holder.stored.map((c) => c.fullName);
        out.notes.push({ kind: "replaces", row, name: fields.fullName, unit, electedOn, replaced, earlierRow: holder.row });
      }
      holder = { name: fields.fullName, since: electedOn, row, stored: [] };
    }
    if (outside && holder?.row !== undefined) out.takers.push({ unitId, row: holder.row });
  }
  return out;
}

/** The row as imported when its Secretary reads as a committee member: no election date (a committee member has none). */
export function asCommitteeMember(entry: RowEntry): RowEntry {
  return { ...entry, fields: { ...entry.fields, position: "committee", electedOn: undefined } };
}

/** One sentence per note, in the sheet's order; `via` says how to import the sheet again (in the chat, or the command line). */
export function describeSecretaryNotes(t: T, notes: readonly SecretaryNote[], via: "chat" | "cli" = "chat"): string[] {
  return [...notes]
    .sort((a, b) => a.row - b.row)
    .map((n) =>
      n.kind === "second"
        ? t(n.since ? "rosters:import.secondSecretary" : "rosters:import.secondSecretaryNoDate", {
            row: n.row,
            name: n.name,
            unit: n.unit,
            holder: n.holder,
            since: n.since ? dmy(n.since) : "",
            again: t(`rosters:import.again.${via}`),
          })
        : t(n.earlierRow === undefined ? "rosters:import.replacesSecretary" : "rosters:import.replacesRow", {
            row: n.row,
            name: n.name,
            unit: n.unit,
            date: dmy(n.electedOn),
            replaced: n.replaced.join(", "),
            earlierRow: n.earlierRow,
          }),
    );
}
