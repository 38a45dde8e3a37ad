/** Valid sample records for the store tests and fixtures: small builders over the real schemas. */
import type { Course, Enrollment } from "../../src/domain/courses";
import type { Cadre, Person, Unit } from "../../src/domain/records";

const at = "2026-03-01T02:00:00.000Z";

export function unit(id: string, name = `Đơn vị mẫu ${id}`): Unit {
  return { id, name, type: "agency", members: 30, groups: [] };
}

export function person(id: string): Person {
  return { id, roles: [], createdAt: at, muted: false };
}

export function cadre(id: string, unitId: string, extra: Partial<Cadre> = {}): Cadre {
  return {
    id,
    fullName: "Nguyễn Văn Mẫu",
    unitId,
    position: "secretary",
    theoryLevel: "basic",
    professionalLevel: "university",
    birthYear: 1995,
    status: "approved",
    consent: { purposes: ["training"], at },
    registeredAt: at,
    ...extra,
  };
}

export function course(id: string, capacity: number): Course {
  return {
    id,
    kind: "basic",
    title: "Lớp bồi dưỡng mẫu",
    year: 2026,
    sessions: [{ id: "s1", date: "2026-04-10", start: "08:00", end: "11:00", place: "Hội trường" }],
    deadline: "2026-04-01T10:00:00.000Z",
    capacity,
    lecturers: [],
    quotas: {},
    status: "open",
    createdBy: "p-admin",
    createdAt: at,
  };
}

export function enrollment(id: string, courseId: string, personId: string): Enrollment {
  return { id, courseId, personId, unitId: "u01", status: "enrolled", at, seq: 0, attendance: {} };
}
