/**
 * Checking stored data against the registry before a backend takes it in. A file written by a
 * newer version (a collection or a field this version does not know) is refused, naming what is
 * unknown, instead of being loaded and silently dropped by the first write; a null record is
 * reported with its key. Every backend's loader calls these (the embedded store on open).
 */
import { collections, type CollectionName } from "./collections";
import { InvalidRecordError } from "./store";

/** The stored data holds something this version does not know: a collection, or a field of a record. */
export class UnknownDataError extends Error {
  constructor(
    public readonly collection: string,
    public readonly recordId?: string,
    /** The field's path inside the record (`consent.note`), when a field is unknown. */
    public readonly field?: string,
  ) {
    super(
      recordId === undefined
        ? `The data holds a collection "${collection}" that this version of doan-bot does not know (written by a newer version?). Nothing was changed; run the version that wrote it.`
        : `The record ${collection}/${recordId} has a field "${field}" that this version of doan-bot does not know (written by a newer version?). Nothing was changed; run the version that wrote it.`,
    );
    this.name = "UnknownDataError";
  }
}

/** Throws `UnknownDataError` for the first collection name that is not in the registry. */
export function checkCollectionNames(names: Iterable<string>): void {
  for (const name of names) if (!Object.hasOwn(collections, name)) throw new UnknownDataError(name);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The paths of fields present in `stored` but dropped from `parsed` (zod strips the keys a schema
 * does not declare), at any depth: those are the fields this version does not know.
 */
function droppedFields(stored: unknown, parsed: unknown, path = ""): string[] {
  if (Array.isArray(stored) && Array.isArray(parsed)) return stored.flatMap((v, i) => droppedFields(v, parsed[i], `${path}[${i}]`));
  if (!isPlainObject(stored) || !isPlainObject(parsed)) return [];
  return Object.keys(stored).flatMap((key) => {
    const at = path ? `${path}.${key}` : key;
    return Object.hasOwn(parsed, key) ? droppedFields(stored[key], parsed[key], at) : [at];
  });
}

/** Whether `droppedFields` would find any: the same walk without building paths (it runs for every record on open). */
function anyDropped(stored: unknown, parsed: unknown): boolean {
  if (Array.isArray(stored)) {
    if (!Array.isArray(parsed)) return false;
    for (let i = 0; i < stored.length; i++) if (anyDropped(stored[i], parsed[i])) return true;
    return false;
  }
  if (!isPlainObject(stored) || !isPlainObject(parsed)) return false;
  for (const key in stored) {
    if (!Object.hasOwn(stored, key)) continue;
    if (!Object.hasOwn(parsed, key)) return true;
    const v = stored[key];
    if (typeof v === "object" && v !== null && anyDropped(v, parsed[key])) return true;
  }
  return false;
}

/**
 * Checks one stored record of `collection`, kept under the key `id`, and returns it parsed by its
 * schema. Throws `InvalidRecordError` for a null record, a record breaking its schema or one stored
 * under another id, and `UnknownDataError` for a field the schema does not know.
 * @example const record = checkStoredRecord("people", "p-1", JSON.parse(line));
 */
export function checkStoredRecord(collection: CollectionName, id: string, record: unknown): { id: string } {
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    throw new InvalidRecordError(collection, id, [`record: ${record === null ? "null" : Array.isArray(record) ? "an array" : typeof record}, expected an object`]);
  }
  const parsed = collections[collection].safeParse(record);
  if (!parsed.success) throw new InvalidRecordError(collection, id, parsed.error.issues.map((i) => `${i.path.join(".") || "record"}: ${i.message}`));
  if (anyDropped(record, parsed.data)) throw new UnknownDataError(collection, id, droppedFields(record, parsed.data)[0]);
  const valid = parsed.data as { id: string };
  if (valid.id !== id) throw new InvalidRecordError(collection, id, [`id: stored under "${id}" but says "${valid.id}"`]);
  return valid;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key in value) {
      const v = value[key];
      if (v && typeof v === "object") deepFreeze(v);
    }
  }
  return value;
}

/** A record put by a caller: parsed by its collection's schema (defaults filled), then frozen. */
export function validate(name: CollectionName, record: unknown): { id: string } {
  const parsed = collections[name].safeParse(record);
  if (!parsed.success) {
    const id = (record as { id?: unknown } | null)?.id ?? "?";
    throw new InvalidRecordError(name, String(id), parsed.error.issues.map((i) => `${i.path.join(".") || "record"}: ${i.message}`));
  }
  return deepFreeze(parsed.data as { id: string });
}

/** A stored record (snapshot or journal) as the store keeps it: checked by `checkStoredRecord`, then frozen. */
export function revive(name: string, id: string, record: unknown): { id: string } {
  checkCollectionNames([name]);
  return deepFreeze(checkStoredRecord(name as CollectionName, id, record));
}

/**
 * A `revive` for one load that also keeps equal strings once (dates, names, unit ids repeat across
 * thousands of records; JSON.parse makes a new string for each). The pool is dropped with the reviver.
 */
export function sharingReviver(): (name: string, id: string, record: unknown) => { id: string } {
  const pool = new Map<string, string>();
  const share = (value: Record<string, unknown>) => {
    for (const key in value) {
      const v = value[key];
      if (typeof v === "string") {
        if (v.length <= 10 || v.length > 64) continue; // V8 already shares the short ones
        const kept = pool.get(v);
        if (kept === undefined) pool.set(v, v);
        else value[key] = kept;
      } else if (typeof v === "object" && v !== null) share(v as Record<string, unknown>);
    }
  };
  return (name, id, record) => {
    checkCollectionNames([name]);
    const rec = checkStoredRecord(name as CollectionName, id, record) as unknown as Record<string, unknown>;
    share(rec);
    return deepFreeze(rec) as unknown as { id: string };
  };
}
