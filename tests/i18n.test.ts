import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readResources } from "../src/i18n";

function flatten(obj: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === "object" ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

/** Every key of a locale; plural forms (`title_one`, `title_other`: English) count as their base key (`title`). */
function keysOf(lng: string): Set<string> {
  const res = readResources()[lng]!;
  return new Set(
    Object.entries(res).flatMap(([ns, tree]) =>
      flatten(tree as Record<string, unknown>).map((k) => `${ns}:${k.replace(/_(zero|one|two|few|many|other)$/, "")}`),
    ),
  );
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** `t("ns:key")`, `"ns:key"` passed on (DomainError), and `ns:prefix.${x}` templates, in source code. */
function keysUsed(codes: string[]): { literal: Set<string>; prefixes: Set<string> } {
  const literal = new Set<string>();
  const prefixes = new Set<string>();
  for (const code of codes) {
    for (const m of code.matchAll(/["'`]([a-z][\w-]*:[\w.]+)["'`]/g)) literal.add(m[1]!);
    for (const m of code.matchAll(/`([a-z][\w-]*:[\w.]+\.)\$\{/g)) prefixes.add(m[1]!);
  }
  return { literal, prefixes };
}

/** Keys (and `prefix.${x}` templates) the code uses that the Vietnamese locale lacks. */
function missingKeys(codes: string[], vi: Set<string>): string[] {
  const { literal, prefixes } = keysUsed(codes);
  const namespaces = new Set([...vi].map((k) => k.split(":")[0]));
  const missing = [...literal].filter((k) => namespaces.has(k.split(":")[0]) && !vi.has(k));
  const emptyPrefixes = [...prefixes].filter((p) => ![...vi].some((k) => k.startsWith(p)));
  return [...missing, ...emptyPrefixes];
}

/** Every Vietnamese text, as `ns:key → text`. */
function vietnameseTexts(): [string, string][] {
  const res = readResources().vi!;
  const walk = (tree: unknown, prefix: string): [string, string][] =>
    tree && typeof tree === "object"
      ? Object.entries(tree).flatMap(([k, v]) => walk(v, `${prefix}${prefix.endsWith(":") ? "" : "."}${k}`))
      : [[prefix, String(tree)]];
  return Object.entries(res).flatMap(([ns, tree]) => walk(tree, `${ns}:`));
}

describe("locales", () => {
  const vi = keysOf("vi");
  const en = keysOf("en");

  it("has every Vietnamese key in English and every English key in Vietnamese", () => {
    expect([...vi].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !vi.has(k))).toEqual([]);
  });

  it("has every key the code uses", () => {
    const code = sources("src").map((f) => readFileSync(f, "utf8"));
    expect(missingKeys(code, vi)).toEqual([]);
  });

  it("finds keys in code that no locale has (the check itself works)", () => {
    const code = 'ctx.t("common:errors.unexpected"); ctx.t("common:errors.noSuchKey"); t(`common:nothingHere.${x}`);';
    expect(missingKeys([code], vi)).toEqual(["common:errors.noSuchKey", "common:nothingHere."]);
  });

  it("addresses the person as «bạn» throughout: no «đồng chí», «quý vị» or «anh/chị»", () => {
    const other = /đồng chí|quý vị|anh\/chị|anh chị/i;
    const texts = vietnameseTexts();
    expect(texts.find(([key]) => key === "setup:intro")?.[1]).toMatch(/^Chào bạn!/);
    expect(texts.filter(([, text]) => other.test(text))).toEqual([]);
  });
});
