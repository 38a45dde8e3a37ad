/**
 * The plan editor of `/kehoach`: a plan — a new one copied from the previous, a stored one, or a
 * plan file — is held as a draft and changed part by part: the period, each target and the
 * certificates that satisfy it, the posts that count as cadres, the newly-elected window and the
 * theory standard, who each audience admits and which
 * audiences each course kind takes, the yearly classes (1+1+1) and their warning date, the reporting
 * cadence and deadline. Every change is checked at once (refused with a sentence naming the field),
 * the menu shows what changes against the stored version, and nothing is saved before "Lưu".
 * Buttons on Telegram; Zalo and the console show them numbered.
 */
import { z } from "zod";
import { audit } from "../../app/audit";
import { today } from "../../app/deps";
import { currentPlan, markPlansChanged } from "../../app/plans";
import type { Reply } from "../../app/messages";
import type { Answer, Ctx } from "../../chat/feature";
import { FINISH, type Step, type Wizard } from "../../chat/wizard";
import { Plan, withoutRetiredFields } from "../../domain/plan";
import { changedFields, covers } from "../../domain/plans";
import { fold } from "../../domain/text";
import { planName } from "../../i18n";
import { belongingTo, datedRecords, moving } from "./belonging";
import { checkPlan, type PlanSource, type PreviewFacts, previewLines, problemLines } from "./check";
import { editors, FIELDS, type Option } from "./parts";

export const EDIT = "plan-edit";

const Draft = z
  .object({
    plan: Plan,
    field: z.enum(FIELDS).optional(),
    item: z.string().min(1).max(60).optional(),
    picked: z.array(z.string().min(1).max(60)).max(40).optional(),
  })
  .strict();
type Draft = z.infer<typeof Draft>;

/** The option a person answered, by its payload or its label; anything else is none. */
function picked(input: string, options: readonly Option[], prefix: string): Option | undefined {
  const text = input.trim();
  return options.find((o) => `${prefix}${o.id}` === text || fold(o.label) === fold(text));
}

/** The draft back at the menu with the changed plan, or the sentences refusing it. */
async function applied(ctx: Ctx, raw: unknown): Promise<{ data: Draft; next: string } | { retry: string }> {
  const { plan, problems } = checkPlan(raw, await ctx.deps.store.plans.all());
  if (!plan) return { retry: problemLines(ctx.t, problems, "plans:problems.notApplied").join("\n") };
  return { data: { plan: JSON.parse(JSON.stringify(plan)) }, next: "menu" };
}

/** What the preview says about the stored version, the source and the classes, certificates and reports concerned. */
export async function previewFacts(ctx: Ctx, plan: Plan): Promise<PreviewFacts> {
  const stored = await ctx.deps.store.plans.all();
  const before = stored.find((p) => p.id === plan.id);
  const source = before ? undefined : stored.find((p) => p.id === plan.basedOn);
  const records = await datedRecords(ctx);
  const after = [...stored.filter((p) => p.id !== plan.id), plan];
  const { leaving, joining } = moving(records, stored, after, plan.id);
  return {
    before,
    source,
    classes: before ? belongingTo(records, stored, plan.id).classes.length : 0,
    leaving: { classes: leaving.classes.length, years: leaving.years },
    joining: { classes: joining.classes.length, years: joining.years },
  };
}

const itemStep: Step<Draft> = {
  id: "item",
  skip: (d) => !d.field || !editors[d.field].items || !!d.item,
  ask: (ctx, d) => {
    const items = editors[d.field!].items!(d.plan, ctx.t);
    return { text: ctx.t(`plans:edit.pick.${d.field}`), buttons: items.map((o) => [{ label: o.label, data: `item:${o.id}` }]) };
  },
  answer: async (ctx, input, d) => {
    const editor = editors[d.field!];
    const item = picked(input, editor.items!(d.plan, ctx.t), "item:");
    if (!item) return { retry: ctx.t("plans:edit.pickOne") };
    if (editor.choose) return applied(ctx, editor.choose(d.plan, item.id));
    return { data: { ...d, item: item.id, picked: undefined } };
  },
};

/** The options of a toggle step, ticked or not, and "Xong". */
function toggleReply(ctx: Ctx, d: Draft): Reply {
  const toggle = editors[d.field!].toggle!;
  const item = d.item ?? "";
  const on = new Set(d.picked ?? toggle.current(d.plan, item));
  const options = toggle.options(d.plan, item, ctx.t);
  const named = editors[d.field!].items?.(d.plan, ctx.t).find((o) => o.id === item)?.label ?? item;
  return {
    text: ctx.t(`plans:edit.toggle.${d.field}`, { item: named }),
    buttons: [
      ...options.map((o) => [{ label: `${on.has(o.id) ? "✅" : "▫️"} ${o.label}`, data: `on:${o.id}` }]),
      [{ label: ctx.t("plans:buttons.done"), data: "done" }],
    ],
  };
}

const toggleStep: Step<Draft> = {
  id: "toggle",
  skip: (d) => !d.field || !editors[d.field].toggle,
  ask: toggleReply,
  answer: async (ctx, input, d) => {
    const toggle = editors[d.field!].toggle!;
    const item = d.item ?? "";
    const current = d.picked ?? toggle.current(d.plan, item);
    if (/^(done|xong)$/i.test(input.trim())) return applied(ctx, toggle.apply(d.plan, item, current));
    const options = toggle.options(d.plan, item, ctx.t);
    const option = options.find((o) => `on:${o.id}` === input.trim()) ?? picked(input.replace(/^(✅|▫️)\s*/u, ""), options, "on:");
    if (!option) return { retry: ctx.t("plans:edit.tickOrDone") };
    const next = current.includes(option.id) ? current.filter((x) => x !== option.id) : [...current, option.id];
    return { data: { ...d, picked: options.map((o) => o.id).filter((id) => next.includes(id)) }, next: "toggle" };
  },
};

const valueStep: Step<Draft> = {
  id: "value",
  skip: (d) => !d.field || !editors[d.field].value,
  ask: (ctx, d) => ({ text: ctx.t(`plans:edit.ask.${d.field}`, editors[d.field!].value!.current(d.plan, d.item ?? "", ctx.t)) }),
  answer: async (ctx, input, d) => {
    const raw = editors[d.field!].value!.parse(input, d.plan, d.item ?? "");
    return raw ? applied(ctx, raw) : { retry: ctx.t(`plans:edit.bad.${d.field}`) };
  },
};

function menuButtons(ctx: Ctx): Reply["buttons"] {
  const fields = FIELDS.map((f) => ({ label: ctx.t(`plans:edit.fields.${f}`), data: `edit:${f}` }));
  const rows = Array.from({ length: Math.ceil(fields.length / 2) }, (_, i) => fields.slice(i * 2, i * 2 + 2));
  return [[{ label: ctx.t("plans:buttons.save"), data: "ok" }], ...rows];
}

const menuStep: Step<Draft> = {
  id: "menu",
  ask: async (ctx, d) => ({
    text: [...previewLines(ctx.t, d.plan, await previewFacts(ctx, d.plan)), "", ctx.t("plans:preview.confirm")].join("\n"),
    buttons: menuButtons(ctx),
  }),
  reask: (ctx) => ({ text: ctx.t("plans:preview.confirm"), buttons: menuButtons(ctx) }),
  answer: (ctx, input, d) => {
    const text = input.trim();
    if (/^(ok|luu|lưu|save|co|có)$/i.test(text)) return { data: { plan: d.plan }, next: FINISH };
    const field = FIELDS.find((f) => text === `edit:${f}`) ?? FIELDS.find((f) => fold(ctx.t(`plans:edit.fields.${f}`)) === fold(text));
    return field ? { data: { plan: d.plan, field }, next: "item" } : { retry: ctx.t("plans:preview.confirmOrCancel") };
  },
};

/**
 * A part's step, or the menu when the draft names no part for it: `/quaylai` after a change is
 * applied goes back to a step whose part was cleared, and lands on the menu instead.
 */
function orMenu(step: Step<Draft>, ready: (d: Draft) => boolean): Step<Draft> {
  return {
    ...step,
    ask: (ctx, d) => (ready(d) ? step.ask(ctx, d) : menuStep.ask(ctx, d)),
    answer: (ctx, input, d) => (ready(d) ? step.answer(ctx, input, d) : menuStep.answer(ctx, input, d)),
  };
}

const needsItem = (d: Draft) => !!d.field && (!editors[d.field].items || !!d.item);

export const editWizard: Wizard<Draft> = {
  name: EDIT,
  draft: Draft,
  steps: [
    orMenu(itemStep, (d) => !!d.field && !!editors[d.field].items),
    orMenu(toggleStep, (d) => needsItem(d) && !!editors[d.field!].toggle),
    orMenu(valueStep, (d) => needsItem(d) && !!editors[d.field!].value),
    menuStep,
  ],
  finish: async (ctx, d) => {
    // Checked again: another admin may have saved a plan meanwhile.
    const stored = await ctx.deps.store.plans.all();
    const { plan, problems } = checkPlan(d.plan, stored);
    if (!plan) return [{ text: problemLines(ctx.t, problems).join("\n") }];
    const before = stored.find((p) => p.id === plan.id);
    await ctx.deps.store.transaction(async (tx) => {
      await tx.plans.put(withoutRetiredFields(plan));
      await markPlansChanged(tx, ctx.deps.now());
      const fields = before ? changedFields(before, plan).join(",") : "new";
      await audit(ctx.deps, tx, { actorId: ctx.actor.person.id, action: "plan.save", details: { plan: plan.id, fields } });
    });
    ctx.deps.plans?.changed();
    const running = (ctx.deps.plan = await currentPlan(ctx.deps));
    return [
      {
        text: ctx.t(running.id === plan.id && covers(plan, today(ctx.deps)) ? "plans:saved.running" : "plans:saved.stored", {
          plan: planName(ctx.t, plan),
        }),
      },
    ];
  },
};

/**
 * Checks a candidate, then opens the editor on it at the menu (its preview and "Lưu"); a plan file's
 * problems (`source` "file") name the field's path in the file too.
 */
export async function openEditor(ctx: Ctx, raw: unknown, source: PlanSource = "chat"): Promise<Answer> {
  const { plan, problems } = checkPlan(raw, await ctx.deps.store.plans.all(), source);
  if (!plan) return { text: problemLines(ctx.t, problems).join("\n") };
  return ctx.startWizard(EDIT, { plan: JSON.parse(JSON.stringify(plan)) });
}
