/** Records as the store keeps them: validated by their collection's schema, then frozen. */
import { collections, type CollectionName } from "./collections";
import type { Rec } from "./snapshot";
import { InvalidRecordError } from "./store";

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

export function validate(name: CollectionName, record: unknown): Rec {
  const parsed = collections[name].safeParse(record);
  if (!parsed.success) {
    const id = (record as Rec | null)?.id ?? "?";
    throw new InvalidRecordError(name, String(id), parsed.error.issues.map((i) => `${i.path.join(".") || "record"}: ${i.message}`));
  }
  return deepFreeze(parsed.data as Rec);
}

/** A stored record, validated and frozen; undefined for a collection no longer in the registry. */
export function revive(name: string, id: string, record: unknown): Rec | undefined {
  if (!Object.hasOwn(collections, name)) return undefined;
  const valid = validate(name as CollectionName, record);
  if (valid.id !== id) throw new InvalidRecordError(name, id, [`id: stored under "${id}" but says "${valid.id}"`]);
  return valid;
}

