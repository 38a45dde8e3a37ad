/**
 * Random and hostile input for the fuzz tests, and the checks every answer of the bot must pass
 * whatever it was sent: no crash, no "unexpected error", no raw key or stack trace, no text or
 * button the channels would refuse, refusals in a localised sentence, and a store whose records
 * all still parse with their schemas.
 */
import { expect } from "vitest";
import type { Reply } from "../../src/app/messages";
import { collections, type CollectionName } from "../../src/store/collections";
import { readResources, translator } from "../../src/i18n";
import type { Store } from "../../src/store/store";

/** A small seeded random generator (mulberry32): the same seed gives the same inputs. */
export function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A number from a string, to seed each case differently but reproducibly. `FUZZ_SEED=<anything>`
 * (with `FUZZ_INPUTS`, `FUZZ_ARGS`, `FUZZ_PLAIN` for longer runs) explores other inputs by hand.
 */
export function seedOf(text: string): number {
  let h = 2166136261;
  for (const ch of `${text}${process.env.FUZZ_SEED ?? ""}`) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return h >>> 0;
}

/** Inputs people (or attackers) really send. */
export const hostile = [
  "",
  " ",
  "x".repeat(5000),
  "Nguyễn".normalize("NFD").repeat(900),
  "Nguyễn Văn An".normalize("NFD"),
  "😀👍🏽🇻🇳",
  "Trần 😀 Bình",
  "<b>Lê</b> <script>alert(1)</script>",
  "\u0000\u0007\u001b[31mred\u001b[0m",
  "\u202eevil\u202c",
  "\u200b\u200b",
  "\ud800",
  "Robert'); DROP TABLE cadres;--",
  "{{name}}",
  "$t(common:yes)",
  "common:errors.unexpected",
  "%s %d %n",
  "../../etc/passwd",
  "/",
  "-",
  "0",
  "-1",
  "1.5",
  "99999999999999999999",
  "1e308",
  "NaN",
  "Infinity",
  "31/02/2024",
  "29/02/2023",
  "00/00/0000",
  "01/01/2999",
  "01/01/1900",
  "25:99",
  "u01",
  "u99",
  "yes",
  "no",
  "ok",
  "secretary",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "0912345678",
  "+84 912 345 678",
  "/huy",
  "/quaylai",
  "/start u-__proto__",
];

/** A random string: printable ASCII, Vietnamese letters, combining marks, emoji, control characters. */
export function randomText(rand: () => number): string {
  const length = Math.floor(rand() * (rand() < 0.1 ? 6000 : 40));
  let s = "";
  for (let i = 0; i < length; i++) {
    const r = rand();
    const code =
      r < 0.4
        ? 0x20 + Math.floor(rand() * 95)
        : r < 0.6
          ? 0x00c0 + Math.floor(rand() * 0x1c0)
          : r < 0.7
            ? 0x0300 + Math.floor(rand() * 0x70)
            : r < 0.8
              ? 0x1f300 + Math.floor(rand() * 0x300)
              : Math.floor(rand() * 0x20);
    s += String.fromCodePoint(code);
  }
  return s;
}

/** Picks one element. */
export function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

/** Half the time a hostile classic, else random text; `extra` (e.g. a wizard's valid answers) mixed in when given. */
export function randomInput(rand: () => number, extra: readonly string[] = []): string {
  const r = rand();
  if (extra.length && r < 0.15) return pick(rand, extra);
  return r < 0.55 ? pick(rand, hostile) : randomText(rand);
}

/** Command arguments: one to four words, each a known id, a hostile classic or random text. */
export function randomArgs(rand: () => number, known: readonly string[]): string {
  const words = 1 + Math.floor(rand() * 4);
  return Array.from({ length: words }, () => (rand() < 0.4 ? pick(rand, known) : randomInput(rand))).join(" ");
}

function leaves(obj: unknown): string[] {
  return typeof obj === "string" ? [obj] : obj && typeof obj === "object" ? Object.values(obj).flatMap(leaves) : [];
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const patterns = ["vi", "en"]
  .flatMap((lng) => leaves(readResources()[lng]))
  .map(
    (s) =>
      new RegExp(
        `^${escapeRegex(s)
          .replace(/\\\{\\\{[-\w]+\\\}\\\}/g, "[\\s\\S]*")
          .replace(/\\\$t\\\([^)]*\\\)/g, "[\\s\\S]*")}$`,
        "s",
      ),
  )
  .filter((p) => !p.test("§ not a sentence of the bot §"));

/** True when the text is one of the locales' sentences (variables filled in with anything). */
export function isLocalised(text: string): boolean {
  return patterns.some((p) => p.test(text));
}

/** True when some lines of the text make one of the locales' sentences, as in lists and summaries around data. */
export function holdsLocalised(text: string): boolean {
  const lines = text.split("\n");
  return lines.some((_, i) => lines.slice(i).some((__, j) => isLocalised(lines.slice(i, i + j + 1).join("\n"))));
}

const unexpected = ["vi", "en"].map((l) => translator(l as "vi" | "en")("common:errors.unexpected"));

/** The checks every reply must pass, whatever the input (`input` names the case in failures). */
export function expectSaneReplies(replies: Reply[], input: string): void {
  const why = JSON.stringify(input.slice(0, 200));
  for (const r of replies) {
    expect(r.text.length, why).toBeGreaterThan(0);
    expect(r.text.length, why).toBeLessThanOrEqual(4096);
    expect(r.text, why).not.toMatch(/^[a-z]+:[\w.]+$|\n\s+at |\[object Object\]/);
    for (const leak of ["Error:", "undefined", "NaN"]) if (!input.includes(leak)) expect(r.text, why).not.toContain(leak);
    expect(unexpected, why).not.toContain(r.text);
    for (const b of (r.buttons ?? []).flat()) {
      expect(b.label.trim().length, why).toBeGreaterThan(0);
      expect(Buffer.byteLength(b.data, "utf8"), `${why} button ${b.data}`).toBeLessThanOrEqual(64);
    }
  }
}

/** Every record of every collection still parses with its schema. */
export async function expectStoreValid(store: Store): Promise<void> {
  for (const name of Object.keys(collections) as CollectionName[]) {
    for (const record of await store[name].all()) {
      const parsed = collections[name].safeParse(record);
      expect(parsed.success, `${name}: ${JSON.stringify(record).slice(0, 300)}`).toBe(true);
    }
  }
}
