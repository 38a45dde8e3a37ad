/**
 * Every step of every wizard of every feature fed a seeded stream of random and hostile input:
 * no crash, the stored draft and records stay valid, every refusal is a localised sentence.
 * Each step is reached as a person would (right role, real answers, see ./routes), then its
 * state is restored before each input so that all 150 inputs hit that step.
 */
import { describe, expect, it } from "vitest";
import type { WizardState } from "../../src/domain/records";
import { allFeatures } from "../../src/features";
import { expectSaneReplies, expectStoreValid, isLocalised, mulberry32, randomInput, randomText, seedOf } from "../helpers/hostile";
import { seedWorld, speakers, validAnswers, wizardRoutes } from "./routes";

const INPUTS = Number(process.env.FUZZ_INPUTS ?? 150);
const wizards = allFeatures(() => []).flatMap((f) => f.wizards ?? []);

describe("the route table", () => {
  it("covers every step of every wizard, and nothing that no longer exists", () => {
    const existing = Object.fromEntries(wizards.map((w) => [w.name, w.steps.map((s) => s.id).sort()]));
    const covered = Object.fromEntries(Object.entries(wizardRoutes).map(([name, w]) => [name, Object.keys(w.steps).sort()]));
    expect(covered).toEqual(existing);
  });
});

const draftOf = new Map(wizards.map((w) => [w.name, w.draft]));
const cases = Object.entries(wizardRoutes).flatMap(([wizard, w]) => Object.entries(w.steps).map(([step, route]) => ({ wizard, step, route, draft: draftOf.get(wizard)! })));

describe("wizard steps under random and hostile input", () => {
  for (const c of cases) {
    it(`keeps ${c.wizard}/${c.step} valid through ${INPUTS} seeded inputs (as ${c.route.as})`, async () => {
      const bot = await seedWorld();
      const user = speakers[c.route.as];
      for (const line of c.route.path) expectSaneReplies(await bot.say(user, line), line);
      if (c.route.document) expectSaneReplies(await bot.say(user, "", { document: c.route.document }), c.route.document.fileName);
      const reached = await bot.store.wizards.get(`telegram:${user}:${user}`);
      expect(reached && { wizard: reached.wizard, step: reached.step }, "the route reaches its step").toEqual({ wizard: c.wizard, step: c.step });
      const snapshot: WizardState = structuredClone(reached!) as WizardState;
      const rand = mulberry32(seedOf(`${c.wizard}/${c.step}`));
      for (let i = 0; i < INPUTS; i++) {
        await bot.store.wizards.put(snapshot);
        const input = randomInput(rand, validAnswers);
        const extra = rand() < 0.2 ? { contactPhone: randomText(rand).slice(0, 20) } : rand() < 0.3 ? { isButton: true } : {};
        const replies = await bot.say(user, input, extra);
        expect(replies.length, JSON.stringify(input)).toBeGreaterThan(0);
        expectSaneReplies(replies, input);
        const state = await bot.store.wizards.get(`telegram:${user}:${user}`);
        if (state?.wizard === c.wizard) expect(c.draft.safeParse(state.data).success, JSON.stringify(state.data).slice(0, 500)).toBe(true);
        if (state?.step === c.step && replies.length === 2) expect(isLocalised(replies[0]!.text), replies[0]!.text).toBe(true);
      }
      await expectStoreValid(bot.store);
    });
  }
});
