/**
 * What admins do to units, as use cases the chat, the set-up and the roster import share: create
 * (name unique ignoring diacritics and case, code unique), rename (the old name kept), close (history
 * kept, the unit leaves lists, quotas and targets) and merge (cadres, groups, quotas, enrolments and
 * reports follow to the surviving unit; the merged unit stays, marked, so its name reads in history).
 * Nothing a report or certificate refers to is deleted. Each change is audited.
 */
import type { Deps } from "./deps";
import { audit } from "./audit";
import { DomainError } from "./errors";
import { UnitCode, type Position, type Unit, type UnitKind } from "../domain/records";
import { secretariesOf } from "../domain/cadres";
import { UnitName } from "../domain/fields";
import { lengthLimits } from "../domain/limits";
import { tidy } from "../domain/text";
import { codeFromName, isOpen, isPlausibleName, unitCoded, unitIdFor, unitNamed } from "../domain/units";
import { localDate } from "../domain/zoned-time";
import { changePost } from "../domain/posts";
import type { Collections } from "../store/store";

type ChangeDeps = Pick<Deps, "newId" | "now" | "config">;

export interface NewUnit {
  name: string;
  kind?: UnitKind | string;
  members?: number;
  /** The short code; derived from the name when absent. */
  code?: string;
  /** The local day it joins the bloc (`Unit.joinedOn`); absent: in the bloc from the start. */
  joinedOn?: string;
}

/** A unit name must fit `UnitName` once tidied, and hold letters. */
export function checkUnitName(name: string): string {
  const tidied = tidy(name);
  if (!isPlausibleName(tidied) || tidied.startsWith("/")) throw new DomainError("units:errors.badName", lengthLimits(UnitName));
  return tidied;
}

/** Throws when another unit already bears the name (ignoring diacritics and case), naming it. */
export function refuseDuplicateName(units: readonly Unit[], name: string, except?: string): void {
  const other = unitNamed(units, name, except);
  if (other) throw new DomainError("units:errors.duplicateName", { name: other.name, id: other.id });
}

/** The unit's record to create, its code and id made unique among `units`; throws on a bad or taken name or code. */
export function planUnit(units: readonly Unit[], input: NewUnit): Unit {
  const name = checkUnitName(input.name);
  refuseDuplicateName(units, name);
  let code = input.code?.trim();
  if (code) {
    if (!UnitCode.safeParse(code).success) throw new DomainError("units:errors.badCode", { code, max: lengthLimits(UnitCode).max });
    const taken = unitCoded(units, code);
    if (taken) throw new DomainError("units:errors.duplicateCode", { code, name: taken.name });
  } else {
    code = codeFromName(name);
    for (let n = 2; unitCoded(units, code); n++) code = `${codeFromName(name)}${n}`;
  }
  const id = unitIdFor(code, new Set(units.map((u) => u.id)));
  const unit: Unit = {
    id,
    name,
    code: code.toUpperCase(),
    type: input.kind ?? "agency",
    members: input.members ?? 0,
    groups: [],
    status: "active",
  };
  return input.joinedOn ? { ...unit, joinedOn: input.joinedOn } : unit;
}

/**
 * Creates units inside a transaction, in order; returns them.
 * @example await deps.store.transaction((tx) => createUnits(deps, tx, actorId, [{ name: "Đoàn cơ sở Sở Y tế" }]));
 */
export async function createUnits(deps: ChangeDeps, tx: Collections, actorId: string, inputs: readonly NewUnit[]): Promise<Unit[]> {
  const units = await tx.units.all();
  const created: Unit[] = [];
  for (const input of inputs) {
    const unit = planUnit([...units, ...created], input);
    created.push(await tx.units.put(unit));
    await audit(deps, tx, { actorId, action: "unit.create", subjectId: unit.id, details: { code: unit.code ?? null, type: unit.type } });
  }
  return created;
}

/** Reads a unit for a change; throws when there is none or it is no longer in the bloc. */
export async function openUnit(tx: Pick<Collections, "units">, id: string): Promise<Unit> {
  const unit = await tx.units.get(id);
  if (!unit) throw new DomainError("cadres:errors.unitNotFound", { unit: id });
  if (!isOpen(unit)) throw new DomainError("units:errors.notOpen", { name: unit.name });
  return unit;
}

const today = (deps: ChangeDeps) => localDate(deps.now(), deps.config.timeZone);

/** Renames a unit; the old name is kept among its former names. */
export async function renameUnit(deps: ChangeDeps, tx: Collections, actorId: string, id: string, newName: string): Promise<Unit> {
  const unit = await openUnit(tx, id);
  const name = checkUnitName(newName);
  refuseDuplicateName(await tx.units.all(), name, id);
  const formerNames = [...(unit.formerNames ?? []), { name: unit.name, until: today(deps) }];
  const renamed = await tx.units.put({ ...unit, name, formerNames });
  await audit(deps, tx, { actorId, action: "unit.rename", subjectId: id, details: {} });
  return renamed;
}

/** Closes a unit: its cadres, reports and certificates stay; it leaves lists, quotas of open classes and targets. */
export async function closeUnit(deps: ChangeDeps, tx: Collections, actorId: string, id: string): Promise<Unit> {
  const unit = await openUnit(tx, id);
  for (const course of await tx.courses.find({ status: "open" })) {
    if (!(id in course.quotas)) continue;
    const { [id]: _, ...quotas } = course.quotas;
    const used = (await tx.enrollments.find({ courseId: course.id, unitId: id })).filter((e) => e.status !== "withdrawn").length;
    // Seats already taken stay with the people who took them; only the unused ones go back to the pool.
    await tx.courses.put({ ...course, quotas: used ? { ...quotas, [id]: used } : quotas });
  }
  const closed = await tx.units.put({ ...unit, status: "closed", endedAt: deps.now().toISOString() });
  await audit(deps, tx, { actorId, action: "unit.close", subjectId: id, details: {} });
  return closed;
}

export interface MergeResult {
  from: Unit;
  into: Unit;
  cadres: number;
  reports: number;
  groups: number;
  enrollments: number;
}

/**
 * Moves the merged unit's people to the surviving unit from today, and keeps one Secretary: when the
 * two units have more than one between them, `keepSecretary` (one of them) keeps the post and the
 * others become committee members, history kept (audited `cadre.replace`). Returns how many moved.
 */
async function movePeople(
  deps: ChangeDeps,
  tx: Collections,
  actorId: string,
  from: Unit,
  into: Unit,
  keepSecretary?: string,
): Promise<number> {
  const day = localDate(deps.now(), deps.config.timeZone);
  const moving = await tx.cadres.find({ unitId: from.id });
  const staying = await tx.cadres.find({ unitId: into.id });
  const secretaries = [...secretariesOf(staying, into.id), ...secretariesOf(moving, from.id)];
  if (secretaries.length > 1 && !secretaries.some((c) => c.id === keepSecretary))
    throw new DomainError("units:errors.mergeChooseSecretary", { from: from.name, into: into.name });
  const replaced = new Set(secretaries.length > 1 ? secretaries.filter((c) => c.id !== keepSecretary).map((c) => c.id) : []);
  for (const c of [...staying, ...moving]) {
    const position: Position = replaced.has(c.id) ? "committee" : c.position;
    if (c.unitId === into.id && position === c.position) continue;
    await tx.cadres.put(changePost(c, { unitId: into.id, position, electedOn: position === c.position ? c.electedOn : undefined }, day));
    if (position !== c.position)
      await audit(deps, tx, { actorId, action: "cadre.replace", subjectId: c.id, details: { by: keepSecretary ?? null, merge: from.id } });
  }
  return moving.length;
}

/**
 * Merges unit `fromId` into `intoId`: cadres, linked groups, class quotas and enrolments, and reports
 * (marked with the unit that filed them) move to the surviving unit, whose former names keep the
 * merged unit's name; the merged unit stays as a record marked `merged`. Certificates belong to
 * people and follow them. One Secretary per unit: when the two units have more than one Secretary
 * between them, `keepSecretary` names the one who holds the post after the merge (the admin chose);
 * the others become executive committee members, their Secretary post kept in their history.
 * Deputies stay Deputies (a unit may have several).
 * @throws DomainError `units:errors.mergeChooseSecretary` when a choice is needed and none (or no Secretary of the two) was given
 */
export async function mergeUnits(
  deps: ChangeDeps,
  tx: Collections,
  actorId: string,
  fromId: string,
  intoId: string,
  keepSecretary?: string,
): Promise<MergeResult> {
  if (fromId === intoId) throw new DomainError("units:errors.mergeSelf");
  const from = await tx.units.get(fromId);
  if (!from || from.status === "merged") throw new DomainError("cadres:errors.unitNotFound", { unit: fromId });
  const into = await tx.units.get(intoId);
  if (!into) throw new DomainError("cadres:errors.unitNotFound", { unit: intoId });
  if (!isOpen(into)) throw new DomainError("units:errors.mergeIntoClosed", { name: into.name });
  const result: MergeResult = { from, into, cadres: 0, reports: 0, groups: from.groups.length, enrollments: 0 };
  result.cadres = await movePeople(deps, tx, actorId, from, into, keepSecretary);
  for (const e of await tx.enrollments.find({ unitId: fromId })) {
    await tx.enrollments.put({ ...e, unitId: intoId });
    result.enrollments++;
  }
  for (const course of await tx.courses.all()) {
    if (!(fromId in course.quotas)) continue;
    const { [fromId]: seats, ...quotas } = course.quotas;
    await tx.courses.put({ ...course, quotas: { ...quotas, [intoId]: (quotas[intoId] ?? 0) + (seats ?? 0) } });
  }
  for (const r of await tx.reports.find({ unitId: fromId })) {
    await tx.reports.put({ ...r, unitId: intoId, fromUnitId: r.fromUnitId ?? fromId });
    result.reports++;
  }
  const at = deps.now().toISOString();
  const formerNames = [...(into.formerNames ?? []), { name: from.name, until: today(deps), unitId: fromId }];
  result.into = await tx.units.put({ ...into, groups: [...into.groups, ...from.groups], formerNames });
  result.from = await tx.units.put({ ...from, groups: [], status: "merged", mergedInto: intoId, endedAt: at });
  await audit(deps, tx, {
    actorId,
    action: "unit.merge",
    subjectId: fromId,
    details: { into: intoId, cadres: result.cadres, reports: result.reports, groups: result.groups, enrollments: result.enrollments },
  });
  return result;
}
