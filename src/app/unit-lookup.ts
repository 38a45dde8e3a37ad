/** Finding the unit a person typed, by its code or by words of its name: the one lookup the commands share. */
import type { Unit } from "../domain/records";
import { excerpt } from "../domain/text";
import { openUnits, unitCoded, unitNameMatches } from "../domain/units";
import type { Collections } from "../store/store";
import { DomainError } from "./errors";

/** No unit has this code, nor an open unit a name holding these words. */
export class NoSuchUnit extends DomainError {
  constructor(word: string) {
    super("cadres:errors.unitNotFound", { unit: excerpt(word) });
    this.name = "NoSuchUnit";
  }
}

/**
 * The unit a word names: its id, its code, or the only open unit whose name holds every word;
 * throws `NoSuchUnit`, or a `DomainError` when several match.
 * @example await findUnit(deps.store, "tu phap") // the open unit "Sở Tư pháp"
 */
export async function findUnit(store: Pick<Collections, "units">, word: string): Promise<Unit> {
  const units = await store.units.all();
  const exact = unitCoded(units, word);
  if (exact) return exact;
  const found = openUnits(units).filter((u) => unitNameMatches(u.name, word));
  if (found.length === 1) return found[0]!;
  if (found.length) throw new DomainError("units:errors.ambiguous", { unit: excerpt(word) });
  throw new NoSuchUnit(word);
}
