/** Small builders of planner data for the planner tests: units, cadres and classes as plain records. */
import type { Course, Enrollment } from "../../src/domain/courses";
import { currentPlan } from "../helpers/plan";
import type { Cadre, Unit } from "../../src/domain/records";
import type { PlannerData } from "../../src/scheduler/planner";

const at = "2026-01-05T02:00:00.000Z";

export function unit(id: string, groups: string[] = []): Unit {
  return {
    id,
    name: `Đoàn cơ sở ${id}`,
    type: "agency",
    members: 30,
    groups: groups.map((chatId) => ({ channel: "telegram", chatId, linkedBy: "p-admin", at })),
  };
}

export function cadre(id: string, unitId: string, position: Cadre["position"], extra: Partial<Cadre> = {}): Cadre {
  return {
    id,
    fullName: "Nguyễn Văn Mẫu",
    unitId,
    position,
    theoryLevel: "basic",
    professionalLevel: "university",
    birthYear: 1995,
    status: "approved",
    consent: { purposes: ["training"], at },
    registeredAt: at,
    ...extra,
  };
}

export function course(id: string, extra: Partial<Course> = {}): Course {
  return {
    id,
    kind: "youth-work",
    title: `Lớp ${id}`,
    year: 2026,
    sessions: [{ id: "s1", date: "2026-03-25", start: "08:00", end: "11:00", place: "Hội trường Đoàn Khối" }],
    deadline: "2026-03-20T16:59:00.000Z",
    capacity: 100,
    lecturers: [],
    quotas: {},
    status: "open",
    createdBy: "p-admin",
    createdAt: "2026-03-01T02:00:00.000Z",
    ...extra,
  };
}

export function enrolment(courseId: string, personId: string, unitId: string, status: Enrollment["status"] = "enrolled"): Enrollment {
  return { id: `e-${courseId}-${personId}`, courseId, personId, unitId, status, at, seq: 0, attendance: {} };
}

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
