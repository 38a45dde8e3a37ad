/**
 * `/kehoach` (/plan), admins: the plans over time. Lists them (history and the running one, with
 * the classes, certificates and reports of their years), starts a new plan from the latest (`moi`),
 * opens a stored plan in the editor (`sua`, ./edit.ts), changes a target of the running plan
 * (`chitieu`), ends a plan early (`ketthuc`, ./end.ts), or takes a plan file (.json) sent in chat; every save shows a preview of what
 * changes and asks to confirm, and a plan that already has classes says so (certificates already
 * issued are never rewritten: they are records of their own, read through the plan of their year).
 */
import { authorize } from "../../app/authorize";
import { today } from "../../app/deps";
import { excerpt } from "../../domain/text";
import type { Answer, Command, Ctx, Feature } from "../../chat/feature";
import { parseDate } from "../../domain/date-input";
import type { Plan } from "../../domain/plan";
import { covers, latestPlan } from "../../domain/plans";
import { belongingTo, datedRecords } from "./belonging";
import { dmy } from "../../domain/zoned-time";
import { planName } from "../../i18n";
import { editWizard, openEditor } from "./edit";
import { endEarly } from "./end";

async function list(ctx: Ctx): Promise<Answer> {
  const { t } = ctx;
  const day = today(ctx.deps);
  const plans = (await ctx.deps.store.plans.all()).sort((a, b) => a.period.from.localeCompare(b.period.from));
  const state = (p: Plan) => (covers(p, day) ? "running" : p.period.to < day ? "ended" : "upcoming");
  const records = await datedRecords(ctx);
  const lines = plans.map((p) => {
    const mine = belongingTo(records, plans, p.id);
    return t("plans:list.line", {
      plan: planName(t, p),
      title: p.title,
      from: dmy(p.period.from),
      to: dmy(p.period.to),
      state: t(`plans:list.state.${state(p)}`) + (p.endedEarly ? t("plans:list.endedEarly", { planned: dmy(p.endedEarly.plannedTo) }) : ""),
      held: t("plans:list.held", { classes: mine.classes.length, certificates: mine.certificates, reports: mine.reports }),
    });
  });
  const running = plans.find((p) => covers(p, day));
  const editable = running ?? latestPlan(plans);
  return {
    text: [t("plans:list.title"), ...lines, "", t(running ? "plans:list.usage" : "plans:list.noneRunning")].join("\n"),
    buttons: editable
      ? [
          [{ label: t("plans:buttons.edit", { plan: planName(t, editable) }), data: `/kehoach sua ${editable.id}` }],
          ...(running
            ? [[{ label: t("plans:buttons.endEarly", { plan: planName(t, running) }), data: `/kehoach ketthuc ${running.id}` }]]
            : []),
        ]
      : undefined,
  };
}

/** `/kehoach sua [MÃ]`: a stored plan (default: the running one) in the editor. */
async function edit(ctx: Ctx, words: string[]): Promise<Answer> {
  const plans = await ctx.deps.store.plans.all();
  const id = words.join(" ");
  const plan = id ? plans.find((p) => p.id.toLowerCase() === id.toLowerCase()) : ctx.deps.plan;
  if (!plan) return { text: ctx.t("plans:edit.unknownPlan", { id: id.slice(0, 40), plans: plans.map((p) => p.id).join(", ") }) };
  return openEditor(ctx, plan);
}

/** `/kehoach moi MÃ dd/mm/yyyy dd/mm/yyyy [tên]`: the latest plan's structure over a new period. */
async function startNew(ctx: Ctx, words: string[]): Promise<Answer> {
  const [id, fromText, toText, ...title] = words;
  const from = fromText ? parseDate(fromText) : undefined;
  const to = toText ? parseDate(toText) : undefined;
  if (!id || !from || !to) return { text: ctx.t("plans:new.usage") };
  const previous = latestPlan(await ctx.deps.store.plans.all()) ?? ctx.deps.plan;
  return openEditor(ctx, {
    ...previous,
    id,
    title: title.join(" ") || previous.title,
    issuedOn: from,
    period: { from, to },
    basedOn: previous.id,
    sample: false,
    // The new plan's own period: an early end of the plan it is copied from is not copied.
    endedEarly: undefined,
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
  return openEditor(ctx, { ...plan, targets: plan.targets.map((x) => (x.id === target.id ? { ...x, percent } : x)) });
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
    if (/^(sua|sửa|edit)$/i.test(sub)) return edit(ctx, rest);
    if (/^(ketthuc|kếtthúc|end)$/i.test(sub)) return endEarly(ctx, rest);
    return { text: `${ctx.t("plans:list.unknownWord", { word: excerpt(sub, 40, true) })}\n${ctx.t("plans:list.usage")}` };
  },
};

/** A plan file (.json) sent by an admin: checked, previewed, saved once confirmed. */
async function onPlanDocument(ctx: Ctx): Promise<Answer> {
  const doc = ctx.msg.document;
  if (!doc?.content || !authorize(ctx.actor, "plan").allowed || !/\.json$/i.test(doc.fileName)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(doc.content.toString("utf8"));
  } catch {
    return { text: ctx.t("plans:problems.notJson", { file: doc.fileName.slice(0, 80) }) };
  }
  return openEditor(ctx, raw, "file");
}

export const plansFeature: Feature = {
  name: "plans",
  commands: [planCommand],
  wizards: [editWizard],
  onDocument: onPlanDocument,
  documentPermission: "plan",
};
