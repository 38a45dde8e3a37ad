/** Plans for tests: Plan 49 as shipped (history since 2022), and a current plan of the same shape covering 2026–2027. */
import { loadPlan, Plan } from "../../src/domain/plan";

/** Plan 49-KH/ĐTN (2020–2022), as data/plan.json ships it. */
export const plan49 = (): Plan => loadPlan("data/plan.json");

/**
 * The plan the tests run under: Plan 49's structure over 01/01/2026 – 31/12/2027. The warning of
 * yearly classes not yet created is moved to 31/12 so that tests of other messages are not crowded
 * by it; its own tests set the date (tests/scheduler/yearly-classes.test.ts).
 */
export function currentPlan(overrides: Partial<Plan> = {}): Plan {
  const base = plan49();
  return Plan.parse({
    ...base,
    reminders: { ...base.reminders, yearlyClassesWarning: "12-31" },
    id: "KH-2026",
    title: "Kế hoạch đào tạo, bồi dưỡng cán bộ Đoàn, Hội giai đoạn 2026 - 2027",
    issuedOn: "2026-01-01",
    basedOn: "49-KH/ĐTN",
    period: { from: "2026-01-01", to: "2027-12-31" },
    ...overrides,
  });
}

/**
 * The current plan with every course kind open to direct enrolment (a cadre's `/ghidanh` takes a
 * seat at once): for tests of seats, quotas and the waitlist, not of the unit sending its cadres (V.2).
 */
export function directEnrolmentPlan(): Plan {
  const plan = currentPlan();
  return Plan.parse({ ...plan, courseKinds: plan.courseKinds.map((k) => ({ ...k, sending: "direct" })) });
}
