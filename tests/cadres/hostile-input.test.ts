/**
 * Every step of the registration and profile wizards fed a seeded stream of random and hostile
 * input: no crash, the stored state and records stay valid, every refusal is a localised sentence.
 */
import { describe, expect, it } from "vitest";
import { Cadre, WizardState } from "../../src/domain/records";
import { registerWizard } from "../../src/features/cadres/register-wizard";
import { profileEditWizard } from "../../src/features/cadres/profile";
import { readResources } from "../../src/i18n";
import { createTestBot, seedUnit } from "../helpers/chat";

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const hostile = [
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
  "Robert'); DROP TABLE cadres;--",
  "{{name}}",
  "$t(common:yes)",
  "/",
  "-",
  "0",
  "-1",
  "99999999999999999999",
  "1e308",
  "NaN",
  "31/02/2024",
  "29/02/2023",
  "00/00/0000",
  "01/01/2999",
  "u01",
  "u99",
  "yes",
  "no",
  "ok",
  "secretary",
  "__proto__",
  "constructor",
  "0912345678",
  "+84 912 345 678",
];

function randomInput(rand: () => number): string {
  if (rand() < 0.5) return hostile[Math.floor(rand() * hostile.length)]!;
  const length = Math.floor(rand() * (rand() < 0.1 ? 6000 : 40));
  let s = "";
  for (let i = 0; i < length; i++) {
    const r = rand();
    const code = r < 0.4 ? 0x20 + Math.floor(rand() * 95) : r < 0.6 ? 0x00c0 + Math.floor(rand() * 0x1c0) : r < 0.7 ? 0x0300 + Math.floor(rand() * 0x70) : r < 0.8 ? 0x1f300 + Math.floor(rand() * 0x300) : Math.floor(rand() * 0x20);
    s += String.fromCodePoint(code);
  }
  return s;
}

function leaves(obj: unknown): string[] {
  return typeof obj === "string" ? [obj] : obj && typeof obj === "object" ? Object.values(obj).flatMap(leaves) : [];
}

const sentences = ["vi", "en"].flatMap((lng) => leaves(readResources()[lng]));
const patterns = sentences.map((s) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\{\\\{\w+\\\}\\\}/g, "[\\s\\S]*")}$`, "s"));
const isLocalised = (text: string) => patterns.some((p) => p.test(text));

const draftFields = Cadre.pick({ fullName: true, unitId: true, position: true, electedOn: true, theoryLevel: true, professionalLevel: true, birthYear: true, phone: true }).partial();

const complete = {
  fullName: "Nguyễn Văn An",
  unitId: "u01",
  position: "secretary",
  electedOn: "2025-01-01",
  theoryLevel: "basic",
  professionalLevel: "university",
  birthYear: 1995,
  phone: "0912345678",
  consent: ["training"],
};

const cases = [
  ...registerWizard.steps.map((s) => ({ wizard: "register", step: s.id, data: { ...complete, unitQuery: "doan" } })),
  ...profileEditWizard.steps.map((s) => ({ wizard: "profile-edit", step: s.id, data: { ...complete, field: s.id === "unitSearch" || s.id === "unitPick" ? "unit" : s.id === "consentContact" ? "phone" : s.id, unitQuery: "doan" } })),
];

describe("wizard steps under random and hostile input", () => {
  for (const c of cases) {
    it(`keeps ${c.wizard}/${c.step} valid through 150 seeded inputs`, async () => {
      const bot = await createTestBot();
      await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [{ userId: "u", position: "secretary", electedOn: "2025-01-01" }]);
      await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Y tế" });
      const rand = mulberry32(c.step.length * 7919 + c.wizard.length);
      const key = "telegram:u:u";
      for (let i = 0; i < 150; i++) {
        await bot.store.wizards.put({ id: key, wizard: c.wizard, step: c.step, data: c.data, history: [], updatedAt: "2026-11-29T03:00:00.000Z" });
        const input = randomInput(rand);
        const replies = await bot.say("u", input, rand() < 0.2 ? { contactPhone: randomInput(rand).slice(0, 20) } : {});
        expect(replies.length, JSON.stringify(input)).toBeGreaterThan(0);
        for (const r of replies) {
          expect(r.text.length).toBeGreaterThan(0);
          expect(r.text.length).toBeLessThanOrEqual(4096);
          expect(r.text).not.toMatch(/^[a-z]+:[\w.]+$|\n\s+at |Error:/);
          expect(r.text).not.toBe("Xin lỗi, đã có lỗi xảy ra. Bạn thử lại sau ít phút nhé; nếu vẫn lỗi, hãy báo Ban Thường vụ Đoàn Khối.");
        }
        const state = await bot.store.wizards.get(key);
        if (state) {
          expect(WizardState.safeParse(state).success).toBe(true);
          const { consent: _, unitFromLink: __, unitQuery: ___, declined: ____, phoneDropped: _____, field: ______, ...fields } = state.data;
          expect(draftFields.safeParse(fields).success, JSON.stringify(fields)).toBe(true);
          if (state.step === c.step && replies.length === 2) expect(isLocalised(replies[0]!.text), replies[0]!.text).toBe(true);
        }
        for (const cadre of await bot.store.cadres.all()) expect(Cadre.safeParse(cadre).success).toBe(true);
      }
    });
  }

  it("stores a name typed with decomposed diacritics in NFC", async () => {
    const bot = await createTestBot();
    await bot.say("n", "/dangky");
    await bot.say("n", "  Nguyễn   Văn An ".normalize("NFD"));
    const state = await bot.store.wizards.get("telegram:n:n");
    expect(state!.data.fullName).toBe("Nguyễn Văn An".normalize("NFC"));
  });
});
