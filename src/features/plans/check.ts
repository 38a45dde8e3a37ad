/**
 * Checking a plan before it is saved: its schema (every field's limits), overlapping periods, and
 * a preview of what changes against the stored version. Each problem is a sentence naming the field.
 */
import type { z } from "zod";
import { type Audience, OTHER_KIND, Plan } from "../../domain/plan";
import { changedFields, overlapping, planYears, sharingYear } from "../../domain/plans";
import { dmy } from "../../domain/zoned-time";
import { localeOfT, type T } from "../../i18n";

/** One problem of a candidate plan, as a locale key and its values. */
export interface PlanProblem {
  key: string;
  vars: Record<string, string | number>;
  /** The plan's top-level part concerned, named in words when the sentence is said (`plans:fields.*`). */
  part?: string;
  /** Values said in the person's language (a course kind's name), by locale. */
  named?: Record<string, Partial<Record<string, string>>>;
}

/**
 * Where a candidate plan comes from: `chat` — the editor and the `/kehoach` commands, whose sentences
 * name a part as the menu does and show dates dd/mm/yyyy; `file` — a plan file (.json) sent in chat,
 * whose sentences also give the field's path in the file (`period.to`).
 */
export type PlanSource = "chat" | "file";

/** A problem's locale key: `plans:problems.<name>` for a file, `plans:problems.chat.<name>` in chat. */
const keyOf = (source: PlanSource, name: string) => (source === "file" ? `plans:problems.${name}` : `plans:problems.chat.${name}`);

/** An ISO date as dd/mm/yyyy; anything else as it was written. */
const shownDate = (value: unknown) => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? dmy(value) : String(value));

function fieldOf(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** Names a schema issue in words: targets over 100%, a course kind with no audience, a period that ends first, or the field and its rule. */
function issueProblem(issue: z.core.$ZodIssue, raw: unknown, source: PlanSource): PlanProblem {
  const path = issue.path;
  const field = fieldOf(path);
  const key = (name: string) => keyOf(source, name);
  const at = (p: readonly PropertyKey[]) =>
    p.reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<PropertyKey, unknown>)[k] : undefined), raw);
  if (path[0] === "targets" && path[2] === "percent") {
    const target = at(path.slice(0, 2)) as { id?: string; percent?: unknown } | undefined;
    return {
      key: key("targetPercent"),
      vars: { field, target: String(target?.id ?? path[1]), percent: String(target?.percent) },
    };
  }
  if (path[0] === "courseKinds" && path[2] === "audiences") {
    const kind = at(path.slice(0, 2)) as { id?: string; name?: Record<string, string> } | undefined;
    const id = String(kind?.id ?? path[1]);
    const named = source === "chat" && kind?.name ? { kind: kind.name } : undefined;
    return { key: key("kindAudience"), vars: { field, kind: id }, ...(named && { named }) };
  }
  if (path[0] === "audiences") {
    const audience = at(path.slice(0, 2)) as { id?: string } | undefined;
    return { key: key("audience"), vars: { field, audience: String(audience?.id ?? path[1]) } };
  }
  if (path[0] === "cadrePositions") return { key: key("cadrePositions"), vars: { field } };
  if (path[0] === "period") {
    const period = at(["period"]) as { from?: unknown; to?: unknown } | undefined;
    return { key: key("periodOrder"), vars: { field, from: shownDate(period?.from), to: shownDate(period?.to) } };
  }
  return { key: key("field"), vars: { field, rule: issue.message }, part: String(path[0] ?? "") };
}

/**
 * Validates a candidate plan against the schema and the stored plans; `source` decides how the
 * problems name the field (see {@link PlanSource}).
 * @example const { plan, problems } = checkPlan(JSON.parse(text), await store.plans.all(), "file");
 */
export function checkPlan(raw: unknown, stored: readonly Plan[], source: PlanSource = "chat"): { plan?: Plan; problems: PlanProblem[] } {
  const parsed = Plan.safeParse(raw);
  if (!parsed.success) return { problems: parsed.error.issues.slice(0, 10).map((i) => issueProblem(i, raw, source)) };
  // A plan whose period moved past its planned end (in the editor, or a file) is no longer ended early.
  if (parsed.data.endedEarly && parsed.data.period.to > parsed.data.endedEarly.plannedTo) delete parsed.data.endedEarly;
  const clash = overlapping(stored, parsed.data);
  if (clash) {
    return {
      problems: [
        {
          key: keyOf(source, "overlap"),
          vars: { field: "period", other: clash.id, from: dmy(clash.period.from), to: dmy(clash.period.to) },
        },
      ],
    };
  }
  const shared = sharingYear(stored, parsed.data);
  if (shared) {
    const years = new Set(planYears(shared));
    return {
      problems: [
        {
          key: keyOf(source, "sharedYear"),
          vars: {
            field: "period",
            year: planYears(parsed.data).find((y) => years.has(y))!,
            other: shared.id,
            from: dmy(shared.period.from),
            to: dmy(shared.period.to),
          },
        },
      ],
    };
  }
  return { plan: parsed.data, problems: [] };
}

/** What a preview says besides the plan itself: its stored version or its source, and the classes concerned. */
export interface PreviewFacts {
  /** The stored version of the plan, when it is stored already. */
  before?: Plan;
  /** The plan a new plan is copied from (`/kehoach moi`). */
  source?: Plan;
  /** Classes belonging to the stored version (by their year). */
  classes: number;
  /** Classes a change of period moves out of the plan, and into it, with their years. */
  leaving: { classes: number; years: number[] };
  joining: { classes: number; years: number[] };
}

/** The preview of a plan about to be saved: what it is, which of its parts change and how, and the classes concerned. */
export function previewLines(t: T, plan: Plan, facts: PreviewFacts): string[] {
  const { before, source } = facts;
  const lines = [t("plans:preview.title", { id: plan.id, title: plan.title, from: dmy(plan.period.from), to: dmy(plan.period.to) })];
  if (!before) {
    lines.push(t("plans:preview.new", { basedOn: plan.basedOn ?? "—" }));
    const diff = source ? changeLines(t, source, plan) : [];
    if (source && diff.length) lines.push(t("plans:preview.differsFrom", { plan: source.id }), ...diff);
  } else {
    const changed = changedFields(before, plan);
    lines.push(
      changed.length
        ? t("plans:preview.changes", { fields: changed.map((f) => t(`plans:fields.${String(f)}`, { defaultValue: String(f) })).join(", ") })
        : t("plans:preview.noChange"),
      ...changeLines(t, before, plan),
    );
  }
  lines.push(
    t("plans:preview.targets", { targets: plan.targets.map((x) => `${x.name[localeOfT(t)]}: ${x.percent}%`).join("; ") }),
    t("plans:preview.yearly", {
      kinds:
        plan.courseKinds
          .filter((k) => k.yearly)
          .map((k) => k.name[localeOfT(t)])
          .join("; ") || "—",
    }),
  );
  if (before && facts.classes > 0 && changedFields(before, plan).length)
    lines.push(t("plans:preview.hasClasses", { classes: facts.classes }));
  if (facts.leaving.years.length)
    lines.push(t("plans:preview.leaving", { classes: facts.leaving.classes, years: facts.leaving.years.join(", ") }));
  if (facts.joining.years.length)
    lines.push(t("plans:preview.joining", { classes: facts.joining.classes, years: facts.joining.years.join(", ") }));
  return lines;
}

/** The problems as sentences, one a line. */
export function problemLines(t: T, problems: readonly PlanProblem[], head = "plans:problems.refused"): string[] {
  const lang = localeOfT(t);
  const said = (p: PlanProblem) => {
    const vars = { ...p.vars };
    if (p.part) vars.part = t(`plans:fields.${p.part}`, { defaultValue: p.part });
    for (const [name, byLocale] of Object.entries(p.named ?? {})) vars[name] = byLocale[lang] ?? vars[name] ?? "";
    return t(p.key, vars);
  };
  return [t(head), ...problems.map((p) => `• ${said(p)}`)];
}

/** A plan's editable parts in words, one per line of a preview: the part's name and its value. */
export function planParts(t: T, plan: Plan): { part: string; value: string }[] {
  const lang = localeOfT(t);
  const position = (p: string) => t(`cadres:positions.${p}`);
  const kind = (id: string) =>
    id === OTHER_KIND ? t("plans:edit.otherKind") : (plan.courseKinds.find((k) => k.id === id)?.name[lang] ?? id);
  const none = "—";
  return [
    { part: t("plans:edit.fields.period"), value: `${dmy(plan.period.from)} – ${dmy(plan.period.to)}` },
    ...plan.targets.map((x) => ({ part: t("plans:parts.target", { target: x.id }), value: `${x.percent}%` })),
    ...plan.targets.map((x) => ({
      part: t("plans:parts.targetKinds", { target: x.id }),
      value: x.certificateKinds ? x.certificateKinds.map(kind).join("; ") : t("plans:edit.anyKind"),
    })),
    { part: t("plans:edit.fields.cadres"), value: plan.cadrePositions.map(position).join(", ") },
    { part: t("plans:edit.fields.newlyElected"), value: t("plans:parts.months", { count: plan.newlyElectedLeadInMonths }) },
    { part: t("plans:edit.fields.theoryStandard"), value: t(`cadres:theoryLevels.${plan.theoryStandard}`) },
    ...plan.audiences.map((a) => ({ part: t("plans:parts.audience", { audience: a.id }), value: audienceMembers(t, a) })),
    ...plan.courseKinds.map((k) => ({
      part: t("plans:parts.kindAudiences", { kind: k.name[lang] }),
      value: k.audiences.join(", ") || none,
    })),
    {
      part: t("plans:edit.fields.yearly"),
      value:
        plan.courseKinds
          .filter((k) => k.yearly)
          .map((k) => k.name[lang])
          .join("; ") || none,
    },
    { part: t("plans:edit.fields.warning"), value: plan.reminders.yearlyClassesWarning.split("-").reverse().join("/") },
    { part: t("plans:edit.fields.cadence"), value: t(`plans:edit.cadence.${plan.reporting.cadence}`) },
    { part: t("plans:edit.fields.deadline"), value: t("plans:parts.deadlineDay", { day: plan.reporting.deadlineDay }) },
  ];
}

/** Who an audience admits, in words: its posts, the cadres planned for posts, the bloc's lecturers. */
export function audienceMembers(t: T, audience: Audience): string {
  return [
    ...audience.positions.map((p) => t(`cadres:positions.${p}`)),
    ...audience.plannedFor.map((p) => t("plans:edit.planned", { post: t(`cadres:positions.${p}`) })),
    ...(audience.lecturers ? [t("plans:edit.lecturers")] : []),
  ].join(", ");
}

/** What changes from `before` to `after`, part by part: `• Chỉ tiêu T1: 100% → 90%`. */
export function changeLines(t: T, before: Plan, after: Plan): string[] {
  const was = new Map(planParts(t, before).map((p) => [p.part, p.value]));
  return planParts(t, after)
    .filter((p) => was.get(p.part) !== p.value)
    .map((p) => t("plans:preview.changeLine", { part: p.part, before: was.get(p.part) ?? "—", after: p.value }));
}
