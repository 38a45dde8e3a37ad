/**
 * The questions that fill a cadre record, one step per field. Registration asks them all;
 * /hoso reuses them to change one field. Every answer is checked by the record's rules and a
 * refusal says why, in the person's language.
 */
import { today } from "../app/deps";
import { MAX_INPUT } from "./core";
import type { Ctx } from "./feature";
import type { Step, StepResult } from "./wizard";
import { nameNeedsCheck, ok, parseBirthYear, parseFullName, parsePastDate, parsePhone, type Parsed } from "../domain/cadre-fields";
import { isOfficerPosition } from "../domain/cadres";
import { z } from "zod";
import { Cadre, Id, Position, type Unit } from "../domain/records";
import { fold, matches } from "../domain/text";
import { choiceButtons, readChoice, type EnumField } from "../app/cadre-labels";
import { openUnits } from "../domain/units";

/** What the registration and edit wizards collect; `field` is the one /hoso is changing. */
/** What registration and /hoso keep between steps: the cadre's answers so far, and where they came from. */
export const CadreDraft = Cadre.pick({
  fullName: true,
  unitId: true,
  position: true,
  electedOn: true,
  theoryLevel: true,
  professionalLevel: true,
  birthYear: true,
  phone: true,
})
  .partial()
  .extend({
    unitFromLink: z.boolean().optional(),
    unitQuery: z.string().min(1).max(MAX_INPUT).optional(),
    consent: z.array(z.string().min(1).max(40)).optional(),
    declined: z.boolean().optional(),
    phoneDropped: z.boolean().optional(),
    field: z.string().optional(),
    /** /hoso: the unit and position the record was approved with, to confirm a change that drops the approval. */
    approvedAs: z.object({ unitId: Id, position: Position }).strict().optional(),
    /** /hoso: the person chose to keep the record as it was. */
    keep: z.boolean().optional(),
    /** The name typed has no diacritics or is one word: asked to confirm it. */
    nameUnsure: z.boolean().optional(),
    /** Registration: fixing this one field from the summary (see `fieldStepIds`). */
    fixing: z.string().max(40).optional(),
    /** Registration: choosing which field to fix. */
    choosingFix: z.boolean().optional(),
  })
  .strict();
export type CadreDraft = z.infer<typeof CadreDraft>;

/** A field a person may change → the steps that ask it (registration's "fix" and /hoso). */
export const fieldStepIds: Record<string, string[]> = {
  fullName: ["fullName", "fullNameCheck"],
  unit: ["unitSearch", "unitPick"],
  position: ["position", "electedOn"],
  electedOn: ["electedOn"],
  theoryLevel: ["theoryLevel"],
  professionalLevel: ["professionalLevel"],
  birthYear: ["birthYear"],
  phone: ["phone", "consentContact"],
};

/** The steps that change `field`; none for anything else typed (`__proto__` is not a field). */
export function stepsOf(field: string | undefined): string[] {
  return field && Object.hasOwn(fieldStepIds, field) ? fieldStepIds[field]! : [];
}

/** Most units offered as buttons at once. */
export const MAX_UNIT_CHOICES = 8;

function accept<D extends CadreDraft>(ctx: Ctx, data: D, key: keyof CadreDraft, parsed: Parsed<unknown>): StepResult<D> {
  return ok(parsed) ? { data: { ...data, [key]: parsed.value } } : { retry: ctx.t(parsed.error, parsed.vars) };
}

/** Reads yes or no in either language; undefined for anything else. */
export function readYesNo(input: string): boolean | undefined {
  const f = fold(input);
  if (["yes", "y", "co", "dong y", "ok"].includes(f)) return true;
  if (["no", "n", "khong", "khong dong y"].includes(f)) return false;
  return undefined;
}

function choiceStep(id: EnumField, skip?: Step<CadreDraft>["skip"]): Step<CadreDraft> {
  return {
    id,
    skip,
    ask: ({ t }) => ({ text: t(`registration:ask.${id}`), buttons: choiceButtons(t, id).map((b) => [b]) }),
    answer: (ctx, input, data) => {
      const value = readChoice(id, input);
      return value ? { data: { ...data, [id]: value } } : { retry: ctx.t("cadres:invalid.choice") };
    },
  };
}

/** Units whose id is `query`, or whose name holds every word of it (ignoring diacritics and case). */
export async function searchUnits(ctx: Ctx, query: string): Promise<Unit[]> {
  const units = openUnits(await ctx.deps.store.units.all());
  const exact = units.find((u) => u.id === query.trim());
  if (exact) return [exact];
  return fold(query) ? units.filter((u) => matches(u.name, query)) : [];
}

/**
 * Reads a unit typed or chosen. A choice from the list keeps the search that made it, so that
 * `/quaylai` back to the list shows the same units again.
 */
async function pickUnit(ctx: Ctx, input: string, data: CadreDraft, fromList = false): Promise<StepResult<CadreDraft>> {
  const found = await searchUnits(ctx, input);
  const { unitQuery: _, ...rest } = data;
  if (found.length === 1) return { data: { ...(fromList ? data : rest), unitId: found[0]!.id }, next: "position" };
  if (found.length === 0) return { retry: ctx.t("cadres:invalid.unitNotFound") };
  if (found.length > MAX_UNIT_CHOICES) return { retry: ctx.t("cadres:invalid.unitTooMany", { count: found.length }) };
  return { data: { ...rest, unitQuery: input.trim() }, next: "unitPick" };
}

const hasLinkedUnit = (d: CadreDraft) => Boolean(d.unitFromLink && d.unitId);

/** The field steps, in the order registration asks them. */
export const fieldSteps: Step<CadreDraft>[] = [
  {
    id: "fullName",
    ask: ({ t }) => ({ text: t("registration:ask.fullName") }),
    answer: (ctx, input, data) => {
      const parsed = parseFullName(input);
      if (!ok(parsed)) return { retry: ctx.t(parsed.error, parsed.vars) };
      const { nameUnsure: _, ...rest } = data;
      return {
        data: nameNeedsCheck(parsed.value) ? { ...rest, fullName: parsed.value, nameUnsure: true } : { ...rest, fullName: parsed.value },
      };
    },
  },
  {
    id: "fullNameCheck",
    skip: (d) => !d.nameUnsure,
    ask: ({ t }, data) => ({
      text: t("registration:ask.nameCheck", { name: data.fullName }),
      buttons: [
        [
          { label: t("registration:ask.nameIsRight"), data: "yes" },
          { label: t("registration:ask.nameRetype"), data: "no" },
        ],
      ],
    }),
    answer: (ctx, input, data) => {
      const { nameUnsure: _, ...rest } = data;
      const yes = readYesNo(input);
      if (yes) return { data: rest };
      if (yes === false) return { data: { ...rest, fullName: undefined }, next: "fullName" };
      // A name typed again instead of an answer: take it as the new name.
      const parsed = parseFullName(input);
      return ok(parsed) ? { data: { ...rest, fullName: parsed.value } } : { retry: ctx.t("cadres:invalid.yesNo") };
    },
  },
  {
    id: "unitSearch",
    skip: hasLinkedUnit,
    ask: ({ t }) => ({ text: t("registration:ask.unit") }),
    answer: (ctx, input, data) => pickUnit(ctx, input, data),
  },
  {
    id: "unitPick",
    skip: (d) => hasLinkedUnit(d) || !d.unitQuery,
    ask: async (ctx, data) => {
      const found = (await searchUnits(ctx, data.unitQuery ?? "")).slice(0, MAX_UNIT_CHOICES);
      return { text: ctx.t("registration:ask.unitPick"), buttons: found.map((u) => [{ label: u.name, data: u.id }]) };
    },
    answer: (ctx, input, data) => pickUnit(ctx, input, data, true),
  },
  choiceStep("position"),
  {
    id: "electedOn",
    skip: (d) => !d.position || !isOfficerPosition(d.position),
    ask: ({ t }) => ({ text: t("registration:ask.electedOn") }),
    answer: (ctx, input, data) => accept(ctx, data, "electedOn", parsePastDate(input, today(ctx.deps))),
  },
  choiceStep("theoryLevel"),
  choiceStep("professionalLevel"),
  {
    id: "birthYear",
    ask: ({ t }) => ({ text: t("registration:ask.birthYear") }),
    answer: (ctx, input, data) => accept(ctx, data, "birthYear", parseBirthYear(input)),
  },
  {
    id: "phone",
    ask: ({ t }) => ({
      text: t("registration:ask.phone"),
      askContact: true,
      buttons: [[{ label: t("registration:ask.skipPhone"), data: "-" }]],
    }),
    answer: (ctx, input, data) => {
      const { phone: _, phoneDropped: __, ...rest } = data;
      if (!ctx.msg.contactPhone && ["-", "bo qua", "skip"].includes(fold(input))) return { data: rest };
      return accept(ctx, rest, "phone", parsePhone(ctx.msg.contactPhone ?? input));
    },
  },
];

/** Consent to `contact`, asked only when a phone number was given and not yet consented to. */
export const contactConsentStep: Step<CadreDraft> = {
  id: "consentContact",
  skip: (d) => Boolean(d.declined || !d.phone || d.consent?.includes("contact")),
  ask: ({ t }) => ({
    text: t("registration:consent.contact"),
    buttons: [
      [
        { label: t("registration:consent.yes"), data: "yes" },
        { label: t("registration:consent.no"), data: "no" },
      ],
    ],
  }),
  answer: (ctx, input, data) => {
    const yes = readYesNo(input);
    if (yes === undefined) return { retry: ctx.t("cadres:invalid.yesNo") };
    if (yes) return { data: { ...data, consent: [...(data.consent ?? []), "contact"] } };
    const { phone: _, ...rest } = data;
    return { data: { ...rest, phoneDropped: true } };
  },
};
