/**
 * Erasure's last part: a person's name and phone leave every stored text that other people's
 * records hold about them — an audit entry's details, a queued or sent message's variables, a
 * broadcast's text (the name or number replaced by "—"), the numbered options saved for someone
 * else (an option naming them is dropped, with the rest of its notification), and another
 * person's conversation in progress (dropped: its draft is about them).
 */
import type { Collections } from "../../store/store";

const REMOVED = "—";

/** The forms a term may be stored in: as typed (NFC) and decomposed (NFD). */
function forms(terms: readonly string[]): string[] {
  return [...new Set(terms.filter((t) => t.trim().length >= 3).flatMap((t) => [t.normalize("NFC"), t.normalize("NFD")]))];
}

const mentions = (value: unknown, terms: readonly string[]) => {
  const text = JSON.stringify(value);
  return terms.some((t) => text.includes(t));
};

/** `value` with every term in every string replaced by "—". */
function scrubbed<V>(value: V, terms: readonly string[]): V {
  if (typeof value === "string") return terms.reduce<string>((s, t) => s.split(t).join(REMOVED), value) as V;
  if (Array.isArray(value)) return value.map((v) => scrubbed(v, terms)) as V;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubbed(v, terms)])) as V;
  return value;
}

/**
 * Removes `terms` (a person's full name and phone) from the texts other records keep about them.
 * Runs inside the erasure's transaction.
 */
export async function scrubMentions(tx: Collections, terms: readonly string[]): Promise<void> {
  const words = forms(terms);
  if (!words.length) return;
  for (const a of (await tx.audit.all()).filter((r) => mentions(r.details, words)))
    await tx.audit.put({ ...a, details: scrubbed(a.details, words) });
  for (const e of (await tx.outbox.all()).filter((r) => mentions(r.message, words)))
    await tx.outbox.put({ ...e, message: scrubbed(e.message, words) });
  for (const b of (await tx.broadcasts.all()).filter((r) => mentions(r.text, words)))
    await tx.broadcasts.put({ ...b, text: scrubbed(b.text, words) });
  for (const w of (await tx.wizards.all()).filter((r) => mentions(r, words))) await tx.wizards.remove(w.id);
  for (const m of (await tx.menus.all()).filter((r) => mentions(r.options, words))) {
    const notices = new Set(m.options.filter((o) => mentions(o, words)).map((o) => o.notice ?? ""));
    const options = m.options.filter((o) => !mentions(o, words) && !(o.notice !== undefined && notices.has(o.notice)));
    if (options.length) await tx.menus.put({ ...m, options });
    else await tx.menus.remove(m.id);
  }
}
