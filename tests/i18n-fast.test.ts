import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { locales, readResources, translator } from "../src/i18n";

function flatten(obj: Record<string, unknown>, prefix = ""): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === "object" ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)] as [string, string]],
  );
}

describe("translator fast path", () => {
  it("gives exactly what i18next gives for every key of every locale", async () => {
    const resources = readResources();
    const reference = i18next.createInstance();
    await reference.init({ resources, lng: "vi", fallbackLng: "vi", defaultNS: "common", ns: Object.keys(resources.vi!), interpolation: { escapeValue: false }, initAsync: false, showSupportNotice: false } as Parameters<typeof reference.init>[0]);
    for (const lng of locales) {
      const slow = reference.getFixedT(lng);
      const fast = translator(lng);
      for (const [ns, tree] of Object.entries(resources[lng]!)) {
        for (const [key, template] of flatten(tree as Record<string, unknown>)) {
          const names = [...template.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!);
          const vars = Object.fromEntries(names.map((n, i) => [n, `<${n}:${i}>`]));
          expect(fast(`${ns}:${key}`, vars)).toBe(slow(`${ns}:${key}`, vars));
          expect(fast(`${ns}:${key}`)).toBe(slow(`${ns}:${key}`));
        }
      }
      expect(fast("common:noSuchKey")).toBe(slow("common:noSuchKey"));
    }
  });
});
