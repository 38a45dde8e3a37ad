/**
 * The data of the tests of a plan ended early and a new plan starting within its last year
 * (tests/plans/plan-switch.test.ts, tests/plans/shared-year.test.ts).
 */
import { createTestBot, seedCertificate, seedReport, seedUnit, type TestBot } from "./chat";
import { seedCourse } from "./classes";

const session = (date: string) => [{ id: "s1", date, start: "08:00", end: "11:00", place: "Hội trường Đoàn Khối" }];

/**
 * 20/06/2027, KH-2026 running. u01: Secretary An (elected 01/03/2026), committee member Bình.
 * L27-01, youth-work, 15/03/2027, closed 17/03/2027: An and Bình certified that day.
 * L27-02, supplementary, 15/09/2027, open (created 10/06/2027). A status report of 2027-Q3 from u01.
 */
export async function setup(): Promise<TestBot> {
  const bot = await createTestBot({ now: "2027-06-20T03:00:00.000Z" });
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
    { userId: "an", fullName: "Lê Văn An", position: "secretary", electedOn: "2026-03-01", theoryLevel: "intermediate" },
    { userId: "binh", fullName: "Trần Thị Bình", position: "committee", theoryLevel: "basic" },
  ]);
  await seedCourse(bot.store, {
    id: "c-mar",
    code: "L27-01",
    year: 2027,
    title: "Nghiệp vụ công tác Đoàn 2027",
    sessions: session("2027-03-15"),
    status: "completed",
    completedAt: "2027-03-17T02:00:00.000Z",
    createdAt: "2027-02-01T02:00:00.000Z",
  });
  await seedCourse(bot.store, {
    id: "c-sep",
    code: "L27-02",
    year: 2027,
    kind: "supplementary",
    title: "Kiến thức bổ trợ 2027",
    sessions: session("2027-09-15"),
    createdAt: "2027-06-10T02:00:00.000Z",
  });
  for (const p of ["p-an", "p-binh"])
    await seedCertificate(bot.store, { id: `k-${p}`, personId: p, issuedOn: "2027-03-17", courseId: "c-mar", kind: "youth-work" });
  await seedReport(bot.store, { unitId: "u01", period: "2027-Q3", submittedAt: "2027-10-05T02:00:00.000Z" });
  return bot;
}

/** KH-2026 ended on 30/06/2027 (confirmed), and KH-2027 (01/07/2027 – 31/12/2030) saved. */
export async function switched(): Promise<TestBot> {
  const bot = await setup();
  await bot.say("admin", "/kehoach ketthuc KH-2026 30/06/2027 xacnhan");
  await bot.say("admin", "/kehoach moi KH-2027 01/07/2027 31/12/2030 Kế hoạch đào tạo cán bộ Đoàn 2027 - 2030");
  await bot.say("admin", "ok");
  return bot;
}
