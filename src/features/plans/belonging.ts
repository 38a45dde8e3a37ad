/**
 * What belongs to a plan, counted from the records by the one rule of `domain/plans.ts` (`planOf`):
 * the classes, certificates and reports of `/kehoach`'s list, and those a change of period (the
 * editor, an early end) moves out of a plan or into it, named in the preview before it is confirmed.
 */
import type { Ctx } from "../../chat/feature";
import type { Course } from "../../domain/courses";
import type { Plan } from "../../domain/plan";
import { certificateDating, courseDating, type Dating, planOf, reportDating } from "../../domain/plans";

/** Every dated record that may belong to a plan: classes (with their course), certificates, reports. */
export interface DatedRecords {
  classes: { course: Course; dating: Dating }[];
  certificates: Dating[];
  reports: Dating[];
}

/** Reads the classes (not cancelled ones too: they are the plan's history), certificates and reports, dated. */
export async function datedRecords(ctx: Ctx): Promise<DatedRecords> {
  const { store, config } = ctx.deps;
  const [courses, certificates, reports] = await Promise.all([store.courses.all(), store.certificates.all(), store.reports.all()]);
  return {
    classes: courses.map((course) => ({ course, dating: courseDating(course, config.timeZone) })),
    certificates: certificates.map(certificateDating),
    reports: reports.map(reportDating),
  };
}

/** What belongs to `planId` among `plans`: its classes, and how many certificates and reports. */
export function belongingTo(
  records: DatedRecords,
  plans: readonly Plan[],
  planId: string,
): { classes: Course[]; certificates: number; reports: number } {
  const mine = (d: Dating) => planOf(plans, d)?.id === planId;
  const classes = records.classes.filter((c) => mine(c.dating));
  const certificates = records.certificates.filter(mine);
  const reports = records.reports.filter(mine);
  return { classes: classes.map((c) => c.course), certificates: certificates.length, reports: reports.length };
}

/**
 * What changes hands when `plans` become `after` (a plan saved, or ended early): the records of
 * `planId` before that are no longer its after (`leaving`), and those that become its (`joining`).
 * @example moving(records, stored, [...others, { ...kh2026, period: { from, to: "2027-06-30" } }], "KH-2026").leaving.classes
 */
export function moving(records: DatedRecords, before: readonly Plan[], after: readonly Plan[], planId: string) {
  const was = (d: Dating) => planOf(before, d)?.id === planId;
  const is = (d: Dating) => planOf(after, d)?.id === planId;
  const change = (test: (d: Dating) => boolean) => {
    const classes = records.classes.filter((c) => test(c.dating));
    const others = [...records.certificates, ...records.reports].filter(test);
    const years = [...new Set([...classes.map((c) => c.dating), ...others].map((d) => d.year))].sort((a, b) => a - b);
    return { classes: classes.map((c) => c.course), records: others.length, years };
  };
  return { leaving: change((d) => was(d) && !is(d)), joining: change((d) => is(d) && !was(d)) };
}
