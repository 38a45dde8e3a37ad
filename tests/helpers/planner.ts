/** What the planner tests hand the pure planner: its data, and a tick. Records come from `records.ts`. */
import type { PlannerData } from "../../src/scheduler/planner";
import { currentPlan } from "./plan";

/** What the planner reads: the plan the tests run under, in Asia/Ho_Chi_Minh, and the given records. */
export function data(parts: Partial<PlannerData> = {}): PlannerData {
  return {
    plan: currentPlan(),
    timeZone: "Asia/Ho_Chi_Minh",
    units: [],
    cadres: [],
    courses: [],
    enrollments: [],
    certificates: [],
    reports: [],
    ...parts,
  };
}

/** A tick at `iso`, the previous one a minute earlier. */
export function tickAt(iso: string): { now: Date; lastTickAt: Date } {
  const now = new Date(iso);
  return { now, lastTickAt: new Date(now.getTime() - 60_000) };
}
