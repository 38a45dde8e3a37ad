/**
 * `/kehoach` (/plan), admins: the plans over time. Lists them (history and the running one),
 * starts a new plan from the latest (`moi`), changes a target of the running plan (`chitieu`), or
 * takes a plan file (.json) sent in chat; every save shows a preview and asks to confirm, and a
 * plan that already has classes says so (certificates already issued are never rewritten).
 */
import { z } from "zod";
import { audit } from "../../app/audit";
import { today } from "../../app/deps";
import { refreshPlan } from "../../app/plans";
import type { Answer, Command, Ctx, Feature } from "../../chat/feature";
import type { Wizard } from "../../chat/wizard";
import { parseDate } from "../../domain/course-input";
import { Plan } from "../../domain/plan";
import { covers, latestPlan } from "../../domain/plans";
import { dmy } from "../../domain/zoned-time";
import { planName } from "../../i18n";
import { checkPlan, previewLines, problemLines } from "./check";

const CONFIRM = "plan-save";

/** Classes whose year lies in the plan's period: changing such a plan asks for confirmation. */
async function classesIn(ctx: Ctx, plan: Plan): Promise<number> {
  const first = Number(plan.period.from.slice(0, 4));
  const last = Number(plan.period.to.slice(0, 4));
  return (await ctx.deps.store.courses.all()).filter((c) => c.year >= first && c.year <= last).length;
}

/** Checks a candidate, then shows its preview and asks to confirm (a wizard holds it meanwhile). */
async function propose(ctx: Ctx, raw: unknown): Promise<Answer> {
  const stored = await ctx.deps.store.plans.all();
  const { plan, problems } = checkPlan(raw, stored);
  if (!plan) return { text: problemLines(ctx.t, problems).join("\n") };
  const before = stored.find((p) => p.id === plan.id);
  const lines = previewLines(ctx.t, plan, before, before ? await classesIn(ctx, before) : 0);
  return ctx.startWizard(CONFIRM, { plan: JSON.parse(JSON.stringify(plan)), preview: lines.join("\n") });
}

const saveWizard: Wizard<{ plan: Plan; preview: string }> = {
  name: CONFIRM,
  draft: z.object({ plan: Plan, preview: z.string().min(1) }).strict(),
  steps: [
    {
      id: "confirm",
      ask: (ctx, d) => ({
        text: [d.preview, "", ctx.t("plans:preview.confirm")].join("\n"),
        buttons: [[{ label: ctx.t("plans:buttons.save"), data: "ok" }]],
      }),
      answer: (ctx, input, d) =>
        /^(ok|luu|lưu|save|co|có)$/i.test(input.trim()) ? { data: d } : { retry: ctx.t("plans:preview.confirmOrCancel") },
    },
  ],
  finish: async (ctx, d) => {
    const plan = Plan.parse(d.plan);
    await ctx.deps.store.transaction(async (tx) => {
      await tx.plans.put(plan);
      await audit(ctx.deps, tx, { actorId: ctx.actor.person.id, action: "plan.save", details: { plan: plan.id } });
    });
    const running = await refreshPlan(ctx.deps);
    return [
      {
        text: ctx.t(running.id === plan.id && covers(plan, today(ctx.deps)) ? "plans:saved.running" : "plans:saved.stored", {
          plan: planName(ctx.t, plan),
        }),
      },
    ];
  },
};

async function list(ctx: Ctx): Promise<Answer> {
  const { t } = ctx;
  const day = today(ctx.deps);
  const plans = (await ctx.deps.store.plans.all()).sort((a, b) => a.period.from.localeCompare(b.period.from));
  const state = (p: Plan) => (covers(p, day) ? "running" : p.period.to < day ? "ended" : "upcoming");
  const lines = plans.map((p) =>
    t("plans:list.line", {
      plan: planName(t, p),
      title: p.title,
      from: dmy(p.period.from),
      to: dmy(p.period.to),
      state: t(`plans:list.state.${state(p)}`),
    }),
  );
  const running = plans.some((p) => covers(p, day));
  return { text: [t("plans:list.title"), ...lines, "", t(running ? "plans:list.usage" : "plans:list.noneRunning")].join("\n") };
}

/** `/kehoach moi MÃ dd/mm/yyyy dd/mm/yyyy [tên]`: the latest plan's structure over a new period. */
async function startNew(ctx: Ctx, words: string[]): Promise<Answer> {
  const [id, fromText, toText, ...title] = words;
  const from = fromText ? parseDate(fromText) : undefined;
  const to = toText ? parseDate(toText) : undefined;
  if (!id || !from || !to) return { text: ctx.t("plans:new.usage") };
  const previous = latestPlan(await ctx.deps.store.plans.all()) ?? ctx.deps.plan;
  return propose(ctx, {
    ...previous,
    id,
    title: title.join(" ") || previous.title,
    issuedOn: from,
    period: { from, to },
    basedOn: previous.id,
    sample: false,
  });
}

/** `/kehoach chitieu T1 90`: changes one target's percent of the running plan. */
async function changeTarget(ctx: Ctx, words: string[]): Promise<Answer> {
  const [id, value] = words;
  const plan = ctx.deps.plan;
  const target = plan.targets.find((x) => x.id.toLowerCase() === (id ?? "").toLowerCase());
  const percent = Number((value ?? "").replace(",", ".").replace(/%$/, ""));
  if (!target || !value || Number.isNaN(percent))
    return { text: ctx.t("plans:target.usage", { targets: plan.targets.map((x) => x.id).join(", ") }) };
  return propose(ctx, { ...plan, targets: plan.targets.map((x) => (x.id === target.id ? { ...x, percent } : x)) });
}

export const planCommand: Command = {
  name: "kehoach",
  alias: "plan",
  chats: "private",
  run: async (ctx): Promise<Answer> => {
    const [sub, ...rest] = ctx.args.split(/\s+/).filter(Boolean);
    if (!sub) return list(ctx);
    if (/^(moi|new)$/i.test(sub)) return startNew(ctx, rest);
    if (/^(chitieu|target)$/i.test(sub)) return changeTarget(ctx, rest);
    return { text: ctx.t("plans:list.usage") };
  },
};

/** A plan file (.json) sent by an admin: checked, previewed, saved once confirmed. */
async function onPlanDocument(ctx: Ctx): Promise<Answer> {
  const doc = ctx.msg.document;
  if (!doc || ctx.actor.role !== "admin" || !/\.json$/i.test(doc.fileName)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(doc.content.toString("utf8"));
  } catch {
    return { text: ctx.t("plans:problems.notJson", { file: doc.fileName.slice(0, 80) }) };
  }
  return propose(ctx, raw);
}

export const plansFeature: Feature = { name: "plans", commands: [planCommand], wizards: [saveWizard], onDocument: onPlanDocument };
