/** Text helpers for Vietnamese: normal form, search that ignores diacritics and case. */

/** Canonical stored form: Unicode NFC, single spaces, trimmed. */
export function tidy(s: string): string {
  return s.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** Folds diacritics and case so that `tu phap` matches `Sở Tư pháp`. */
export function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Removes control characters (keeps newlines) from text typed by a person. */
export function stripControl(s: string): string {
  return s.replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g, "");
}

const viCollator = new Intl.Collator("vi");

/** Compares two strings in Vietnamese alphabetical order (one shared collator: fast in sorts). */
export function compareVi(a: string, b: string): number {
  return viCollator.compare(a, b);
}

/** Longest piece of a person's input echoed back in a reply. */
export const MAX_ECHO = 60;

/**
 * What a person typed, fit to be quoted in a reply: tidied and cut to `max` characters (never
 * inside an emoji) with "…", so that a refusal stays short whatever was sent; `atWord` cuts at the
 * last space instead (a class title on a button).
 * @example excerpt("x".repeat(5000)) // "xxx…x…" (60 characters)
 */
export function excerpt(s: string, max = MAX_ECHO, atWord = false): string {
  const chars = Array.from(tidy(s));
  if (chars.length <= max) return chars.join("");
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${atWord && space > cut.length / 2 ? cut.slice(0, space) : cut}…`;
}
