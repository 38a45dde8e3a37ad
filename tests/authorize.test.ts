/**
 * The one authorization rule asked the web view's questions: an admin sees the bloc, an officer their
 * own unit only, a cadre their own record only; a class is run by the admins and its lecturers.
 */
import { describe, expect, it } from "vitest";
import type { Actor } from "../src/app/actor";
import { authorize, classResource, scopeOf } from "../src/app/authorize";
import type { Cadre } from "../src/domain/records";
import type { Role } from "../src/app/permissions";
import { account, cadre, course, person } from "./helpers/records";

function actor(id: string, role: Role, extra?: Partial<Cadre> & { unitId: string }): Actor {
  return {
    person: person(id),
    account: account("telegram", id, id),
    cadre: extra ? cadre(id, extra.unitId, extra) : undefined,
    role,
    locale: "vi",
  };
}

const admin = actor("p-admin", "admin");
const officer = actor("p-officer", "officer", { unitId: "u01", position: "secretary" });
const member = actor("p-cadre", "cadre", { unitId: "u01" });
const lecturer = actor("p-lecturer", "cadre", { unitId: "u02", fullName: "Trần Thị Giảng", lecturer: true });
const guest = actor("p-guest", "guest");

describe("authorize", () => {
  it("lets an officer read their own unit's roster and refuses another unit's, saying why", () => {
    expect(authorize(officer, "readUnit", { kind: "unit", unitId: "u01" })).toEqual({ allowed: true });
    expect(authorize(officer, "readUnit", { kind: "unit", unitId: "u02" })).toEqual({
      allowed: false,
      reason: "otherUnit",
      key: "cadres:errors.otherUnit",
      vars: { unit: "u02" },
    });
    expect(authorize(admin, "readUnit", { kind: "unit", unitId: "u02" })).toEqual({ allowed: true });
  });

  it("refuses a cadre any unit's roster, by role", () => {
    expect(authorize(member, "readUnit", { kind: "unit", unitId: "u01" })).toEqual({
      allowed: false,
      reason: "role",
      key: "common:errors.notAllowed",
      vars: { command: "readUnit" },
    });
  });

  it("lets a cadre read their own record only; their officer and an admin read it too", () => {
    const own = { kind: "person", personId: "p-cadre", unitId: "u01" } as const;
    const officers = { kind: "person", personId: "p-officer", unitId: "u01" } as const;
    expect(authorize(member, "readPerson", own)).toEqual({ allowed: true });
    expect(authorize(member, "readPerson", officers)).toMatchObject({ allowed: false, reason: "otherUnit" });
    expect(authorize(officer, "readPerson", own)).toEqual({ allowed: true });
    expect(authorize(lecturer, "readPerson", own)).toMatchObject({ allowed: false, reason: "otherUnit" });
    expect(authorize(admin, "readPerson", own)).toEqual({ allowed: true });
    expect(authorize(guest, "readPerson", own)).toMatchObject({ allowed: false, reason: "role" });
  });

  it("gives the whole bloc to admins only, with the action's own sentence", () => {
    expect(authorize(admin, "link", { kind: "bloc" })).toEqual({ allowed: true });
    expect(authorize(officer, "link", { kind: "bloc" })).toEqual({
      allowed: false,
      reason: "bloc",
      key: "groups:link.blocAdminsOnly",
      vars: {},
    });
  });

  it("lets the lecturers assigned to a class and the admins open its check-in, and no one else", () => {
    const taught = classResource(course("c-1", { title: "Nghiệp vụ công tác Đoàn 2026", lecturers: ["Trần Thị Giảng"] }));
    const other = classResource(course("c-2", { title: "Kỹ năng mềm 2026", lecturers: ["p-someone"] }));
    expect(authorize(lecturer, "opencheckin", taught)).toEqual({ allowed: true });
    expect(authorize(lecturer, "opencheckin", other)).toEqual({
      allowed: false,
      reason: "class",
      key: "classes:errors.lecturersOnly",
      vars: { title: "Kỹ năng mềm 2026" },
    });
    expect(authorize(admin, "opencheckin", other)).toEqual({ allowed: true });
    expect(authorize(officer, "opencheckin", taught)).toEqual({
      allowed: false,
      reason: "position",
      key: "classes:errors.lecturersOnlyCommand",
      vars: { command: "opencheckin" },
    });
  });

  it("tells how far each person sees by default", () => {
    expect(scopeOf(admin)).toEqual({ kind: "bloc" });
    expect(scopeOf(officer)).toEqual({ kind: "unit", unitId: "u01" });
    expect(scopeOf(member)).toEqual({ kind: "person", personId: "p-cadre", unitId: "u01" });
    expect(scopeOf(guest)).toBeUndefined();
  });
});
