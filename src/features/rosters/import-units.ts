/**
 * The units a sheet names: each row's unit is found by its code (the `Mã đơn vị` column: a unit's id
 * or code) or by its name (`Tên đơn vị`, ignoring diacritics and case); a name the bloc does not
 * have yet is a new unit, created by the import (its code from the code column, or derived from the
 * name). A problem names the row and the column; nothing is created while any row is bad.
 */
import { DomainError } from "../../app/errors";
import type { Parsed } from "../../domain/cadre-fields";
import { numberLimits } from "../../domain/limits";
import { UnitMembers, type Unit } from "../../domain/records";

import { isOpen, sameUnitName, unitCoded, unitNamed } from "../../domain/units";
import { planUnit, type NewUnit } from "../../app/unit-changes";
import { readKindLabel } from "../../app/unit-kinds";
import type { RowProblem } from "./import-rows";
import type { Column, FileRow } from "./roster-file";

export interface UnitPlan {
  /** Units to create, in the order the sheet first names them. */
  created: Unit[];
  problems: RowProblem[];
  /** Finds a row's unit among the existing and the planned ones. */
  unitOf(cells: FileRow["cells"]): Parsed<string> & { column?: Column };
}

type Found = { unit?: Unit; problem?: { column: Column; key: string; vars?: Record<string, unknown> } };

function find(units: readonly Unit[], cells: FileRow["cells"]): Found {
  const byCode = cells.unitId ? (units.find((u) => u.id === cells.unitId) ?? unitCoded(units, cells.unitId)) : undefined;
  const byName = cells.unitName ? unitNamed(units, cells.unitName) : undefined;
  const namedOtherwise = (u: Unit) =>
    !!cells.unitName && !sameUnitName(u.name, cells.unitName) && !(u.formerNames ?? []).some((f) => sameUnitName(f.name, cells.unitName!));
  if (byCode && (byName ? byCode.id !== byName.id : namedOtherwise(byCode))) {
    return { problem: { column: "unitName", key: "rosters:import.unitMismatch", vars: { code: cells.unitId, name: byCode.name } } };
  }
  const unit = byCode ?? byName;
  if (unit && !isOpen(unit))
    return { problem: { column: byCode ? "unitId" : "unitName", key: "rosters:import.unitClosed", vars: { name: unit.name } } };
  return { unit };
}

function newUnitOf(cells: FileRow["cells"], row: number): { unit?: NewUnit; problem?: RowProblem } {
  const members = cells.unitMembers ? Number(cells.unitMembers.replace(/[.,\s]/g, "")) : 0;
  if (!UnitMembers.safeParse(members).success)
    return { problem: { row, column: "unitMembers", key: "rosters:import.badMembers", vars: numberLimits(UnitMembers) } };
  const kind = cells.unitKind ? readKindLabel(cells.unitKind) : "agency";
  if (!kind) return { problem: { row, column: "unitKind", key: "rosters:import.badKind" } };
  return { unit: { name: cells.unitName!, code: cells.unitId, kind, members } };
}

/**
 * Plans the units of a sheet against the bloc's units.
 * @example const plan = planSheetUnits(await store.units.all(), rows); plan.created // units to create
 */
export function planSheetUnits(existing: readonly Unit[], rows: readonly FileRow[]): UnitPlan {
  const created: Unit[] = [];
  const problems: RowProblem[] = [];
  for (const { row, cells } of rows) {
    if (!cells.unitId && !cells.unitName) continue;
    const found = find([...existing, ...created], cells);
    if (found.problem) problems.push({ row, ...found.problem });
    if (found.unit || found.problem) continue;
    if (!cells.unitName) {
      problems.push({ row, column: "unitId", key: "rosters:import.unknownUnit" });
      continue;
    }
    const wanted = newUnitOf(cells, row);
    if (wanted.problem) {
      problems.push(wanted.problem);
      continue;
    }
    try {
      created.push(planUnit([...existing, ...created], wanted.unit!));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      problems.push({ row, column: e.key.includes("Code") ? "unitId" : "unitName", key: e.key, vars: e.vars });
    }
  }
  const all = [...existing, ...created];
  return {
    created,
    problems,
    unitOf: (cells) => {
      if (!cells.unitId && !cells.unitName) return { error: "rosters:import.required", column: "unitId" };
      const found = find(all, cells);
      if (found.unit) return { value: found.unit.id };
      // The row's problem is already listed by the plan.
      return { error: found.problem?.key ?? "rosters:import.unknownUnit", vars: found.problem?.vars, column: found.problem?.column };
    },
  };
}
