/**
 * `/kehoach ketthuc [MÃ] [dd/mm/yyyy]`, admins: ends a plan early (default: the running plan, today).
 * The end date moves, not before the plan's start nor after its planned end; the preview names the
 * new end, the classes, certificates and reports that no longer belong to the plan (dated after it,
 * `domain/plans.ts`), that the end-of-plan report is then made as of that day, and the day a next
 * plan may start — within the plan's last year, which only an early end allows. Nothing changes
 * before "Kết thúc sớm" (or `xacnhan`); "Thôi, giữ nguyên" keeps the plan. Audited as `plan.end`.
 */
import { audit } from "../../app/audit";
import { today } from "../../app/deps";
import { currentPlan, markPlansChanged } from "../../app/plans";
import type { Answer, Ctx } from "../../chat/feature";
import { readDate } from "../../domain/date-input";
import type { Plan } from "../../domain/plan";
import { addDays, dmy } from "../../domain/zoned-time";
import { classCode } from "../../domain/courses";
import { planName } from "../../i18n";
import { datedRecords, moving } from "./belonging";
import { checkPlan, problemLines } from "./check";

const CONFIRM = /^(xacnhan|confirm)$/i;
const KEEP = /^(giulai|keep)$/i;

/** The words of the command: the plan's code, the day, and the answer to the preview. */
function read(words: string[]): {
  id: string;
  day?: string;
  badDay?: { word: string; problem: "format" | "calendar" };
  confirm: boolean;
  keep: boolean;
} {
  const rest = words.filter((w) => !CONFIRM.test(w) && !KEEP.test(w));
  const dayWord = rest.find((w) => /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/.test(w));
  const read = dayWord ? readDate(dayWord) : undefined;
  return {
    id: rest.filter((w) => w !== dayWord).join(" "),
    day: read && "date" in read ? read.date : undefined,
    badDay: dayWord && read && "problem" in read ? { word: dayWord, problem: read.problem } : undefined,
    confirm: words.some((w) => CONFIRM.test(w)),
    keep: words.some((w) => KEEP.test(w)),
  };
}

/** The plan ended on `day`: its period ends then, and it remembers the end it had planned. */
function endedOn(plan: Plan, day: string): Plan {
  return { ...plan, period: { ...plan.period, to: day }, endedEarly: { plannedTo: plan.endedEarly?.plannedTo ?? plan.period.to } };
}

/** The preview: the new end, what no longer belongs to the plan, the final report, the next plan. */
async function preview(ctx: Ctx, plan: Plan, ended: Plan, stored: readonly Plan[]): Promise<string[]> {
  const { t } = ctx;
  const after = stored.map((p) => (p.id === plan.id ? ended : p));
  const { leaving } = moving(await datedRecords(ctx), stored, after, plan.id);
  const to = ended.period.to;
  const lines = [
    t("plans:end.preview", { plan: planName(t, plan), from: dmy(plan.period.from), before: dmy(plan.period.to), to: dmy(to) }),
  ];
  if (leaving.classes.length + leaving.records === 0) lines.push(t("plans:end.nothingLeaves", { to: dmy(to) }));
  else {
    lines.push(t("plans:end.leaving", { to: dmy(to), classes: leaving.classes.length, records: leaving.records }));
    lines.push(...leaving.classes.slice(0, 10).map((c) => `• ${classCode(c)} · ${c.title} (${dmy(c.sessions[0]!.date)})`));
  }
  lines.push(
    t("plans:end.finalReport", { id: plan.id, to: dmy(to) }),
    t("plans:end.next", { next: dmy(addDays(to, 1)) }),
    "",
    t("plans:end.confirm"),
  );
  return lines;
}

/**
 * `/kehoach ketthuc [MÃ] [dd/mm/yyyy] [xacnhan|giulai]`: previews ending the plan early, and ends it once confirmed.
 * @example await endEarly(ctx, ["KH-2026", "30/06/2027"]) // the preview, with "Kết thúc sớm" and "Thôi, giữ nguyên"
 */
export async function endEarly(ctx: Ctx, words: string[]): Promise<Answer> {
  const { t } = ctx;
  const { id, day, badDay, confirm, keep } = read(words);
  if (keep) return { text: t("common:kept") };
  if (badDay)
    return {
      text: t(badDay.problem === "calendar" ? "plans:end.dayNotOnCalendar" : "plans:end.badDay", { day: badDay.word.slice(0, 20) }),
    };
  const stored = await ctx.deps.store.plans.all();
  const plan = id ? stored.find((p) => p.id.toLowerCase() === id.toLowerCase()) : await currentPlan(ctx.deps);
  if (!plan) return { text: t("plans:edit.unknownPlan", { id: id.slice(0, 40), plans: stored.map((p) => p.id).join(", ") }) };
  const to = day ?? today(ctx.deps);
  const plannedTo = plan.endedEarly?.plannedTo ?? plan.period.to;
  const vars = { plan: planName(t, plan), from: dmy(plan.period.from), planned: dmy(plannedTo), day: dmy(to) };
  if (to < plan.period.from) return { text: t("plans:end.beforeStart", vars) };
  if (to > plannedTo) return { text: t("plans:end.afterPlanned", vars) };
  if (to === plan.period.to && plan.endedEarly) return { text: t("plans:end.already", vars) };
  const ended = endedOn(plan, to);
  const { plan: checked, problems } = checkPlan(ended, stored);
  if (!checked) return { text: problemLines(t, problems).join("\n") };
  if (!confirm) {
    const code = `/kehoach ketthuc ${plan.id} ${dmy(to)}`;
    return {
      text: (await preview(ctx, plan, checked, stored)).join("\n"),
      buttons: [
        [{ label: t("plans:buttons.end", { day: dmy(to) }), data: `${code} xacnhan` }],
        [{ label: t("common:keep"), data: `${code} giulai` }],
      ],
    };
  }
  await ctx.deps.store.transaction(async (tx) => {
    await tx.plans.put(checked);
    await markPlansChanged(tx, ctx.deps.now());
    await audit(ctx.deps, tx, {
      actorId: ctx.actor.person.id,
      action: "plan.end",
      details: { plan: plan.id, from: plan.period.to, to },
    });
  });
  ctx.deps.plans?.changed();
  ctx.deps.plan = await currentPlan(ctx.deps);
  return { text: t("plans:end.done", { ...vars, id: plan.id, next: dmy(addDays(to, 1)) }) };
}
