/**
 * Checking a plan before it is saved: its schema (every field's limits), overlapping periods, and
 * a preview of what changes against the stored version. Each problem is a sentence naming the field.
 */
import type { z } from "zod";
import { Plan } from "../../domain/plan";
import { changedFields, overlapping } from "../../domain/plans";
import { dmy } from "../../domain/zoned-time";
import type { T } from "../../i18n";

/** One problem of a candidate plan, as a locale key and its values. */
export interface PlanProblem {
  key: string;
  vars: Record<string, string | number>;
}

function fieldOf(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** Names a schema issue in words: targets over 100%, a course kind with no audience, a period that ends first, or the field and its rule. */
function issueProblem(issue: z.core.$ZodIssue, raw: unknown): PlanProblem {
  const path = issue.path;
  const field = fieldOf(path);
  const at = (p: readonly PropertyKey[]) =>
    p.reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<PropertyKey, unknown>)[k] : undefined), raw);
  if (path[0] === "targets" && path[2] === "percent") {
    const target = at(path.slice(0, 2)) as { id?: string; percent?: unknown } | undefined;
    return {
      key: "plans:problems.targetPercent",
      vars: { field, target: String(target?.id ?? path[1]), percent: String(target?.percent) },
    };
  }
  if (path[0] === "courseKinds" && path[2] === "audiences") {
    const kind = at(path.slice(0, 2)) as { id?: string } | undefined;
    return { key: "plans:problems.kindAudience", vars: { field, kind: String(kind?.id ?? path[1]) } };
  }
  if (path[0] === "audiences") return { key: "plans:problems.audience", vars: { field } };
  if (path[0] === "period") return { key: "plans:problems.periodOrder", vars: { field } };
  return { key: "plans:problems.field", vars: { field, rule: issue.message } };
}

/**
 * Validates a candidate plan against the schema and the stored plans.
 * @example const { plan, problems } = checkPlan(JSON.parse(text), await store.plans.all());
 */
export function checkPlan(raw: unknown, stored: readonly Plan[]): { plan?: Plan; problems: PlanProblem[] } {
  const parsed = Plan.safeParse(raw);
  if (!parsed.success) return { problems: parsed.error.issues.slice(0, 10).map((i) => issueProblem(i, raw)) };
  const clash = overlapping(stored, parsed.data);
  if (clash) {
    return {
      problems: [
        {
          key: "plans:problems.overlap",
          vars: { field: "period", other: clash.id, from: dmy(clash.period.from), to: dmy(clash.period.to) },
        },
      ],
    };
  }
  return { plan: parsed.data, problems: [] };
}

/** The preview of a plan about to be saved: what it is, and which of its parts change. */
export function previewLines(t: T, plan: Plan, before: Plan | undefined, classes: number): string[] {
  const lines = [t("plans:preview.title", { id: plan.id, title: plan.title, from: dmy(plan.period.from), to: dmy(plan.period.to) })];
  if (!before) lines.push(t("plans:preview.new", { basedOn: plan.basedOn ?? "—" }));
  else {
    const changed = changedFields(before, plan);
    lines.push(
      changed.length
        ? t("plans:preview.changes", { fields: changed.map((f) => t(`plans:fields.${String(f)}`, { defaultValue: String(f) })).join(", ") })
        : t("plans:preview.noChange"),
    );
  }
  lines.push(
    t("plans:preview.targets", { targets: plan.targets.map((x) => `${x.name.vi}: ${x.percent}%`).join("; ") }),
    t("plans:preview.yearly", {
      kinds:
        plan.courseKinds
          .filter((k) => k.yearly)
          .map((k) => k.name.vi)
          .join("; ") || "—",
    }),
  );
  if (before && classes > 0) lines.push(t("plans:preview.hasClasses", { classes }));
  return lines;
}

/** The problems as sentences, one a line. */
export function problemLines(t: T, problems: readonly PlanProblem[]): string[] {
  return [t("plans:problems.refused"), ...problems.map((p) => `• ${t(p.key, p.vars)}`)];
}
