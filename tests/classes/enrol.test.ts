import { describe, expect, it } from "vitest";
import { createTestBot, seedUnit } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";
import { directEnrolmentPlan } from "../helpers/plan";

describe("enrolment", () => {
  it("enrols an eligible Secretary and keeps the seat against the unit's quota", async () => {
    const bot = await createTestBot();
    const [sec] = await seedUnit(bot.store, { id: "u01" }, [{ userId: "1", position: "secretary" }]);
    await seedCourse(bot.store, { id: "c-1", quotas: { u01: 3 } });
    expect(await bot.text("1", "/ghidanh c-1")).toContain(
      "Bạn đã ghi danh lớp “Nghiệp vụ công tác Đoàn 2026”. Buổi đầu tiên: 05/12/2026 08:00–11:00",
    );
    const e = await bot.store.enrollments.get(`c-1:${sec}`);
    expect(e).toMatchObject({ status: "enrolled", unitId: "u01", personId: sec });
    expect(await bot.text("1", "/ghidanh c-1")).toContain("đã ghi danh lớp “Nghiệp vụ công tác Đoàn 2026” rồi");
    expect(await bot.store.enrollments.count()).toBe(1);
  });

  it("refuses a plain member a youth-work class, naming the positions the plan opens it to (R1)", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "1", position: "member" }]);
    await seedCourse(bot.store, { id: "c-1", quotas: { u01: 3 } });
    expect(await bot.text("1", "/ghidanh c-1")).toBe(
      "Lớp “Nghiệp vụ công tác Đoàn 2026” dành cho: Bí thư, Phó Bí thư, Ủy viên BCH. Theo Kế hoạch, bạn không thuộc đối tượng của lớp này.",
    );
    expect(await bot.store.enrollments.count()).toBe(0);
  });

  it("reads the audiences from the plan data: a lecturer class takes lecturers only", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [
      { userId: "1", position: "lecturer" },
      { userId: "2", position: "secretary" },
    ]);
    await seedCourse(bot.store, { id: "c-1", kind: "lecturers", quotas: { u01: 3 } });
    expect(await bot.text("1", "/ghidanh c-1")).toContain("Bạn đã ghi danh");
    expect(await bot.text("2", "/ghidanh c-1")).toContain("dành cho: báo cáo viên cấp Đoàn Khối.");
  });

  it("takes a Secretary who is also a bloc lecturer (marked by an admin) into the lecturer class", async () => {
    const bot = await createTestBot();
    const [sec] = await seedUnit(bot.store, { id: "u01" }, [{ userId: "2", position: "secretary", fullName: "Lê Văn Giảng" }]);
    await seedCourse(bot.store, { id: "c-1", kind: "lecturers", quotas: { u01: 3 } });
    expect(await bot.text("admin", `/baocaovien ${sec}`)).toBe(
      "Đã ghi nhận Lê Văn Giảng là báo cáo viên cấp Đoàn Khối (vẫn giữ chức vụ ở đơn vị).",
    );
    expect(await bot.text("2", "/ghidanh c-1")).toContain("Bạn đã ghi danh");
    expect(await bot.store.cadres.get(sec!)).toMatchObject({ position: "secretary", lecturer: true });
    expect((await bot.store.audit.all()).map((a) => [a.action, a.subjectId])).toContainEqual(["cadre.lecturer", sec]);
  });

  it("enrols a Deputy and a cadre planned for the Secretary post in the title class (plan IV), not an ordinary committee member", async () => {
    const bot = await createTestBot();
    const [, , planned, other] = await seedUnit(bot.store, { id: "u01" }, [
      { userId: "sec", position: "secretary", electedOn: "2024-01-01" },
      { userId: "dep", position: "deputy" },
      { userId: "pl", position: "committee", fullName: "Trần Thị Quy" },
      { userId: "cm", position: "committee" },
    ]);
    await seedCourse(bot.store, {
      id: "c-1",
      kind: "title-secretary",
      title: "Bồi dưỡng chức danh Bí thư",
      capacity: 10,
      quotas: { u01: 10 },
    });
    expect(await bot.text("dep", "/ghidanh c-1")).toContain("Bạn đã ghi danh");
    expect(await bot.text("pl", "/ghidanh c-1")).toContain(
      "dành cho: Bí thư, Phó Bí thư, cán bộ được quy hoạch chức danh Bí thư, Phó Bí thư.",
    );
    expect(await bot.text("sec", `/quyhoach ${planned} bithu`)).toBe(
      "Đã ghi nhận Trần Thị Quy là cán bộ được quy hoạch chức danh Bí thư. Người này có thể ghi danh lớp bồi dưỡng theo chức danh.",
    );
    // A Deputy sends themselves; a planned cadre asks the unit (V.2).
    expect(await bot.text("pl", "/ghidanh c-1")).toContain("Bạn đã xin đi học lớp “Bồi dưỡng chức danh Bí thư”.");
    expect(await bot.text("cm", "/ghidanh c-1")).toContain("không thuộc đối tượng");
    expect(await bot.store.cadres.get(other!)).not.toHaveProperty("plannedFor");
    const statuses = (await bot.store.enrollments.find({ courseId: "c-1" })).map((e) => [e.personId, e.status]);
    expect(statuses).toEqual([
      ["p-dep", "enrolled"],
      ["p-pl", "requested"],
    ]);
  });

  it("lets an officer mark only cadres of their own unit as planned", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "sec", position: "secretary", electedOn: "2024-01-01" }]);
    const [x] = await seedUnit(bot.store, { id: "u02" }, [{ userId: "x", position: "committee", fullName: "Phạm Văn Xa" }]);
    expect(await bot.text("sec", `/quyhoach ${x} phobithu`)).toBe("Bạn chỉ đánh dấu được cán bộ của đơn vị mình.");
    expect(await bot.text("admin", `/quyhoach ${x} phobithu`)).toContain("quy hoạch chức danh Phó Bí thư");
    expect(await bot.text("admin", `/quyhoach ${x} bo`)).toBe("Đã bỏ đánh dấu quy hoạch của Phạm Văn Xa.");
    expect(await bot.store.cadres.get(x!)).not.toHaveProperty("plannedFor");
  });

  it("refuses once the registration deadline has passed", async () => {
    const bot = await createTestBot({ now: "2026-12-01T17:00:00.000Z" });
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "1", position: "secretary" }]);
    await seedCourse(bot.store, { id: "c-1", quotas: { u01: 3 } });
    expect(await bot.text("1", "/ghidanh c-1")).toBe("Lớp “Nghiệp vụ công tác Đoàn 2026” đã hết hạn ghi danh lúc 23:59 ngày 01/12/2026.");
    expect(await bot.store.enrollments.count()).toBe(0);
  });

  it("refuses a 4th cadre from a unit whose quota is 3 while the class still has seats", async () => {
    const bot = await createTestBot({ plan: directEnrolmentPlan() });
    await seedUnit(
      bot.store,
      { id: "u01" },
      ["1", "2", "3", "4"].map((userId) => ({ userId, position: "committee" as const })),
    );
    await seedUnit(bot.store, { id: "u02" });
    await seedCourse(bot.store, { id: "c-1", capacity: 10, quotas: { u01: 3, u02: 7 } });
    for (const u of ["1", "2", "3"]) expect(await bot.text(u, "/ghidanh c-1")).toContain("Bạn đã ghi danh");
    expect(await bot.text("4", "/ghidanh c-1")).toBe(
      "Đơn vị của bạn đã dùng hết số lượng phân bổ (3 chỗ) của lớp “Nghiệp vụ công tác Đoàn 2026”. Hãy liên hệ Bí thư đơn vị hoặc Ban Thường vụ Đoàn Khối.",
    );
    expect((await bot.store.enrollments.find({ courseId: "c-1", unitId: "u01" })).map((e) => e.status)).toEqual([
      "enrolled",
      "enrolled",
      "enrolled",
    ]);
  });

  it("puts a cadre on the waitlist when the class is full, with their place", async () => {
    const bot = await createTestBot();
    await seedUnit(
      bot.store,
      { id: "u01" },
      ["1", "2", "3"].map((userId) => ({ userId, position: "deputy" as const })),
    );
    await seedCourse(bot.store, { id: "c-1", capacity: 1, quotas: { u01: 1 } });
    await bot.say("1", "/ghidanh c-1");
    expect(await bot.text("2", "/ghidanh c-1")).toContain("đã đủ chỗ. Bạn được xếp vào danh sách chờ, vị trí số 1");
    expect(await bot.text("3", "/ghidanh c-1")).toContain("vị trí số 2");
    expect(await bot.text("3", "/lichhoc c-1")).toContain("⏳ Bạn đang chờ, vị trí số 2");
    const statuses = (await bot.store.enrollments.find({ courseId: "c-1" })).map((e) => [e.personId, e.status]);
    expect(statuses).toEqual([
      ["p-1", "enrolled"],
      ["p-2", "waitlisted"],
      ["p-3", "waitlisted"],
    ]);
  });

  it("gives a freed seat to the next waitlisted person of a unit with quota left, and tells them", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [
      { userId: "a1", position: "secretary" },
      { userId: "a2", position: "deputy" },
    ]);
    await seedUnit(bot.store, { id: "u02" }, [
      { userId: "b1", position: "secretary" },
      { userId: "b2", position: "deputy" },
    ]);
    await seedCourse(bot.store, { id: "c-1", capacity: 2, quotas: { u01: 1, u02: 1 } });
    await bot.say("a1", "/ghidanh c-1");
    await bot.say("b1", "/ghidanh c-1");
    expect(await bot.text("b2", "/ghidanh c-1")).toContain("vị trí số 1");
    expect(await bot.text("a2", "/ghidanh c-1")).toContain("vị trí số 2");
    expect(await bot.text("a1", "/rutten c-1 xacnhan")).toBe(
      "Bạn đã rút tên khỏi lớp “Nghiệp vụ công tác Đoàn 2026”.\nChỗ trống đã được chuyển cho người tiếp theo trong danh sách chờ.",
    );
    // The seat belongs to u01's quota: b2 (u02, quota used) keeps waiting, a2 gets it.
    expect(bot.inbox("p-a2")).toEqual([
      "Đã có chỗ cho bạn ở lớp “Nghiệp vụ công tác Đoàn 2026”: bạn chính thức được ghi danh. Buổi đầu tiên: 05/12/2026 08:00–11:00, Hội trường Đoàn Khối.",
    ]);
    expect(bot.inbox("p-b2")).toEqual([]);
    const byPerson = Object.fromEntries((await bot.store.enrollments.find({ courseId: "c-1" })).map((e) => [e.personId, e.status]));
    expect(byPerson).toEqual({ "p-a1": "withdrawn", "p-b1": "enrolled", "p-b2": "waitlisted", "p-a2": "enrolled" });
    expect(await bot.text("b2", "/lichhoc c-1")).toContain("vị trí số 1");
  });

  it("lets an officer send a cadre of the unit within the quota, telling the cadre", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [
      { userId: "s", position: "secretary", fullName: "Lê Văn Bí" },
      { userId: "m", position: "committee", fullName: "Trần Thị Ủy" },
      { userId: "n", position: "committee", fullName: "Phạm Văn Hai" },
    ]);
    await seedUnit(bot.store, { id: "u02" }, [{ userId: "o", position: "secretary" }]);
    await seedCourse(bot.store, { id: "c-1", capacity: 4, quotas: { u01: 1, u02: 3 } });
    // The unit's roster as a numbered checklist (no buttons: Zalo and the console have none).
    expect(await bot.text("s", "/cudi c-1")).toContain(
      "1. Lê Văn Bí — Bí thư\n2. Phạm Văn Hai — Ủy viên BCH\n3. Trần Thị Ủy — Ủy viên BCH",
    );
    expect(await bot.text("s", "3")).toBe("Đã cử Trần Thị Ủy đi học lớp “Nghiệp vụ công tác Đoàn 2026”.");
    expect(bot.inbox("p-m")).toEqual(["Đơn vị đã cử bạn đi học lớp “Nghiệp vụ công tác Đoàn 2026”. Bạn đã được ghi danh."]);
    expect(await bot.store.enrollments.get("c-1:p-m")).toMatchObject({ status: "enrolled", nominatedBy: "p-s" });
    expect(await bot.text("s", "/cudi c-1 p-n")).toContain("đã dùng hết số lượng phân bổ (1 chỗ)");
    expect(await bot.text("o", "/cudi c-1 p-n")).toBe("Bạn chỉ thao tác được với cán bộ của đơn vị mình.");
    expect(await bot.text("m", "/cudi c-1 p-n")).toContain("không có quyền");
    expect(await bot.text("o", "/rutten c-1 p-m xacnhan")).toBe("Bạn chỉ thao tác được với cán bộ của đơn vị mình.");
    expect(await bot.text("s", "/rutten c-1 p-m xacnhan")).toBe("Đã rút tên Trần Thị Ủy khỏi lớp “Nghiệp vụ công tác Đoàn 2026”.");
    expect(bot.inbox("p-m").at(-1)).toBe("Đơn vị đã rút tên bạn khỏi lớp “Nghiệp vụ công tác Đoàn 2026”.");
    expect(await bot.store.enrollments.get("c-1:p-m")).toMatchObject({ status: "withdrawn" });
  });

  it("lists the classes a cadre may join as buttons when /ghidanh has no argument", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "1", position: "lecturer" }]);
    await seedCourse(bot.store, { id: "c-1", quotas: { u01: 3 } });
    await seedCourse(bot.store, { id: "c-2", kind: "lecturers", title: "Bồi dưỡng báo cáo viên 2026", quotas: { u01: 3 } });
    const [r] = await bot.say("1", "/ghidanh");
    expect(r!.buttons!.flat().map((b) => b.data)).toEqual(["/ghidanh c-2"]);
  });

  it("refuses a guest, who has no approved registration", async () => {
    const bot = await createTestBot();
    await seedCourse(bot.store, { id: "c-1" });
    expect(await bot.text("999", "/ghidanh c-1")).toBe(
      "Lệnh /ghidanh dành cho cán bộ Đoàn đã đăng ký hồ sơ. Bạn gõ /dangky để đăng ký; khi đơn vị duyệt, bạn dùng được lệnh này.",
    );
  });
});
