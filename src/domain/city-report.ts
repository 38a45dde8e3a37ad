/**
 * The figures of a report to the city Youth Union (Thành đoàn), for a year or a whole plan, as they
 * stood on the period's last day (`asOf`, or today when the period is not over): posts held that
 * day, certificates issued by it, classes held by it (closed with their completers). One place,
 * pure: the workbook, the chat summary and any other rendering (a .docx, a web page) read these.
 */
import { audiencesOf, inAudience } from "./counting";
import type { Certificate, Course, Enrollment } from "./courses";
import type { Plan } from "./plan";
import {
  belongsTo,
  certificateDating,
  courseDating,
  type Dating,
  isHeld,
  lastSessionDay,
  planOfYear,
  planYears,
  plansOfYear,
  reportDating,
} from "./plans";
import { oneSecretaryEach } from "./cadres";
import { asHeldOn, postOn } from "./posts";
import { computeProgress, type Progress, type ProgressWindow } from "./progress";
import type { Cadre, Unit } from "./records";
import { needsReview, type NeedsCandidate } from "./report-rules";
import type { StatusReport } from "./reports";
import { compareVi } from "./text";
import { unitsInBlocOn } from "./units";

/** What a report is about: a plan, its years reported, and the day counted as of. */
export interface ReportScope {
  plan: Plan;
  kind: "year" | "plan";
  years: number[];
  /** The period's last day, or today when the period is not over (local date). */
  asOf: string;
  /** T1's window: the plan's start to `asOf` (no reset on 1 January). */
  window: ProgressWindow;
  /** Every stored plan: a plan's report takes, in a year it shares, only what belongs to it (`planOf`). */
  plans: readonly Plan[];
  /** A yearly report of a year two plans share: both, by start (the figures are the whole year's). */
  sharedBy?: Plan[];
}

/**
 * True when a dated record is the scope's: of one of its years and, for a plan's report, the plan's
 * own (`belongsTo`: in a year the plan shares, only what is dated within its part of the year).
 * @example inScope(planScope(plans, kh2026, today), { year: 2027, day: "2027-09-15" }) // false when KH-2026 ended on 30/06/2027
 */
export function inScope(scope: ReportScope, dating: Dating): boolean {
  return scope.years.includes(dating.year) && (scope.kind === "year" || belongsTo(scope.plans, scope.plan, dating));
}

/** True when a class is the scope's (see `inScope`). */
export function courseInScope(scope: ReportScope, course: Pick<Course, "year" | "sessions" | "createdAt">, timeZone: string): boolean {
  return inScope(scope, courseDating(course, timeZone));
}

const earliest = (...days: string[]) => days.reduce((a, b) => (b < a ? b : a));

/**
 * The scope of the yearly report of `year`, made on `today`: the plan holding that year, counted as
 * of 31/12 of the year (or the plan's last day, or today, whichever comes first). In a year two
 * plans share (an early end), the whole year's classes, certificates and reports are counted against
 * the targets of the plan holding the year's last day (`planOfYear`). Undefined when no stored plan
 * holds the year.
 * @example yearScope(plans, 2025, "2027-01-10") // { plan: KH-2025, years: [2025], asOf: "2025-12-31", … }
 */
export function yearScope(plans: readonly Plan[], year: number, today: string): ReportScope | undefined {
  const plan = planOfYear(plans, year);
  if (!plan) return undefined;
  const asOf = earliest(`${year}-12-31`, plan.period.to, today);
  const holding = plansOfYear(plans, year);
  return {
    plan,
    kind: "year",
    years: [year],
    asOf,
    window: { from: plan.period.from, to: asOf },
    plans,
    ...(holding.length > 1 && { sharedBy: holding }),
  };
}

/**
 * The scope of the end-of-plan report, made on `today`: every year of the plan, as of its last day
 * (or today, for a plan still running) — for a plan ended early, its new last day; in a year it
 * shares, only what belongs to it.
 * @example planScope(plans, plan49, "2027-01-10") // { years: [2020, 2021, 2022], asOf: "2022-12-31", … }
 */
export function planScope(plans: readonly Plan[], plan: Plan, today: string): ReportScope {
  const asOf = earliest(plan.period.to, today);
  return { plan, kind: "plan", years: planYears(plan), asOf, window: { from: plan.period.from, to: asOf }, plans };
}

/** Everything the report reads, from the store once. */
export interface CityData {
  units: readonly Unit[];
  cadres: readonly Cadre[];
  certificates: readonly Certificate[];
  courses: readonly Course[];
  enrollments: readonly Enrollment[];
  reports: readonly StatusReport[];
}

/** A class held in the scope: completers per audience of the plan (null where the kind is not for that audience). */
export interface HeldClass {
  course: Course;
  /** Enrolled (not withdrawn) when the report is made. */
  enrolled: number;
  perAudience: (number | null)[];
  /** Completers: people holding a certificate of this class issued by `asOf`. */
  participants: number;
}

/** Certificates of one year and kind: from the bloc's classes, from training elsewhere. */
export interface CertificateCount {
  year: number;
  kind: string;
  inBot: number;
  outside: number;
}

/** What a unit wrote in its status reports of the scope: difficulties, proposals, the party committee's answer. */
export interface UnitNote {
  unit: Unit;
  period: string;
  difficulties: string;
  proposals: string;
  committeeApproved: boolean;
}

export interface CityFigures {
  scope: ReportScope;
  /** Units in the bloc on `asOf` (not closed or merged by then). */
  units: Unit[];
  /** Approved people in the posts they held on `asOf`. */
  cadres: Cadre[];
  progress: Progress;
  /** Classes of the years held by `asOf`, by year, kind order, title. */
  held: HeldClass[];
  /** Classes of the years whose last session passed by `asOf` but which were not closed: not counted as held. */
  leftOpen: Course[];
  /** Completers per audience over the held classes (III.1 1.1–1.5), in the plan's audience order. */
  audienceTotals: number[];
  certificates: CertificateCount[];
  /** The needs review on `asOf`, by unit name. */
  needs: { unit: Unit; candidates: NeedsCandidate[] }[];
  /** Status reports of the scope's periods that said something, by period then unit name. */
  notes: UnitNote[];
}

function heldClasses(plan: Plan, data: CityData, people: ReadonlyMap<string, Cadre>, scope: ReportScope, timeZone: string): HeldClass[] {
  const completers = new Map<string, Set<string>>();
  for (const c of data.certificates) {
    if (c.origin === "outside" || !c.courseId || c.issuedOn > scope.asOf) continue;
    completers.set(c.courseId, (completers.get(c.courseId) ?? new Set<string>()).add(c.personId));
  }
  const kindOrder = new Map(plan.courseKinds.map((k, i) => [k.id, i]));
  return data.courses
    .filter((c) => courseInScope(scope, c, timeZone) && isHeld(c, scope.asOf, timeZone))
    .sort((a, b) => a.year - b.year || (kindOrder.get(a.kind) ?? 99) - (kindOrder.get(b.kind) ?? 99) || compareVi(a.title, b.title))
    .map((course) => {
      const enrolled = data.enrollments.filter((e) => e.courseId === course.id && e.status === "enrolled").length;
      const who = [...(completers.get(course.id) ?? [])].map((id) => people.get(id)).filter((x): x is Cadre => !!x);
      const audiences = audiencesOf(plan, course.kind);
      // Each participant counts once, under the first audience of the class's kind they belong to.
      const perAudience = plan.audiences.map((a) =>
        audiences.some((x) => x.id === a.id) ? who.filter((p) => audiences.find((x) => inAudience(x, p))?.id === a.id).length : null,
      );
      return { course, enrolled, perAudience, participants: who.length };
    });
}

function certificateCounts(certificates: readonly Certificate[], scope: ReportScope): CertificateCount[] {
  const counts = new Map<string, CertificateCount>();
  for (const c of certificates) {
    const dating = certificateDating(c);
    if (!inScope(scope, dating) || c.issuedOn > scope.asOf) continue;
    const { year } = dating;
    const key = `${year}|${c.kind}`;
    const row = counts.get(key) ?? { year, kind: c.kind, inBot: 0, outside: 0 };
    if (c.origin === "outside") row.outside++;
    else row.inBot++;
    counts.set(key, row);
  }
  return [...counts.values()];
}

/**
 * Progress as the bloc stood on `day`: the units in the bloc that day, the approved people in the
 * posts they held that day, certificates issued by it (T1 counted from the plan's start). The one
 * reading of a past day's T1, T2 and theory share: the city reports and the period summary.
 * @example progressOn({ units, cadres, certificates }, plan, "2026-09-30", "Asia/Ho_Chi_Minh").bloc.fostered
 */
export function progressOn(
  data: Pick<CityData, "units" | "cadres" | "certificates">,
  plan: Plan,
  day: string,
  timeZone: string,
  window: ProgressWindow = { from: plan.period.from, to: day },
): Progress {
  const units = unitsInBlocOn(data.units, day, timeZone);
  const inBloc = new Set(units.map((u) => u.id));
  // A closed unit leaves the targets: people whose post that day was in a unit no longer in the bloc do not count.
  const counted = data.cadres.filter((c) => c.status === "approved" && inBloc.has(postOn(c, day)?.unitId ?? c.unitId));
  return computeProgress({ units, cadres: counted, certificates: data.certificates }, { plan, today: day, window });
}

/**
 * The figures of a report (see the module's comment). `data.cadres` are every record; posts are
 * read as held on `scope.asOf`, and only the approved count.
 * @example const figures = cityFigures(data, yearScope(plans, 2025, "2027-01-10")!, "Asia/Ho_Chi_Minh");
 */
export function cityFigures(data: CityData, scope: ReportScope, timeZone: string): CityFigures {
  const { plan, asOf } = scope;
  const units = unitsInBlocOn(data.units, asOf, timeZone);
  const inBloc = new Set(units.map((u) => u.id));
  // One Secretary per unit: data from before the rule reads by its one rule (oneSecretaryEach).
  const cadres = oneSecretaryEach(
    asHeldOn(
      data.cadres.filter((c) => c.status === "approved"),
      asOf,
    ),
  ).filter((c) => inBloc.has(c.unitId));
  const people = new Map(oneSecretaryEach(asHeldOn(data.cadres, asOf)).map((c) => [c.id, c]));
  const progress = progressOn(data, plan, asOf, timeZone, scope.window);
  const held = heldClasses(plan, data, people, scope, timeZone);
  const leftOpen = data.courses.filter(
    (c) => courseInScope(scope, c, timeZone) && c.status !== "cancelled" && lastSessionDay(c) <= asOf && !isHeld(c, asOf, timeZone),
  );
  const audienceTotals = plan.audiences.map((_, i) => held.reduce((n, h) => n + (h.perAudience[i] ?? 0), 0));
  const needs = [...units]
    .sort((a, b) => compareVi(a.name, b.name))
    .map((unit) => ({
      unit,
      candidates: needsReview(
        cadres.filter((c) => c.unitId === unit.id),
        plan,
        unit.type,
        asOf,
      ),
    }))
    .filter((n) => n.candidates.length > 0);
  const unitById = new Map(data.units.map((u) => [u.id, u]));
  const notes = data.reports
    .filter((r) => inScope(scope, reportDating(r)) && (r.difficulties.trim() || r.proposals.trim() || r.committeeApproved))
    .map((r) => ({
      unit: unitById.get(r.unitId)!,
      period: r.period,
      difficulties: r.difficulties,
      proposals: r.proposals,
      committeeApproved: r.committeeApproved,
    }))
    .filter((n) => !!n.unit)
    .sort((a, b) => a.period.localeCompare(b.period) || compareVi(a.unit.name, b.unit.name));
  return {
    scope,
    units,
    cadres,
    progress,
    held,
    leftOpen,
    audienceTotals,
    certificates: certificateCounts(data.certificates, scope),
    needs,
    notes,
  };
}
