/** Folding one person into another inside a transaction: accounts, records and settings move over. */
import type { Person } from "../domain/records";
import { mergePeople } from "../domain/links";
import type { Collections } from "../store/store";

/**
 * Moves everything of `merged` to `survivor` and removes `merged`. Only a person without a cadre
 * record is ever merged, so only chat accounts and person-keyed records need to move.
 */
export async function mergePersonInto(tx: Collections, survivor: Person, merged: Person): Promise<Person> {
  for (const account of await tx.accounts.find({ personId: merged.id })) await tx.accounts.put({ ...account, personId: survivor.id });
  for (const e of await tx.enrollments.find({ personId: merged.id })) await tx.enrollments.put({ ...e, personId: survivor.id });
  for (const c of await tx.certificates.find({ personId: merged.id })) await tx.certificates.put({ ...c, personId: survivor.id });
  for (const code of await tx.linkCodes.find({ personId: merged.id })) await tx.linkCodes.remove(code.id);
  const person = await tx.people.put(mergePeople(survivor, merged));
  await tx.people.remove(merged.id);
  return person;
}
