/**
 * The bloc the web view's tests read: two units, the officer Trần Thị Lan of the Sở Tư pháp with a
 * member and two registrations waiting, the Secretary of the Báo Cần Thơ, an admin, and an open class
 * with two seats for the Sở Tư pháp; the Báo Cần Thơ filed its report for Q4 2026 on 20/11/2026. Telegram accounts have numeric ids, as Telegram's users do.
 */
import { seedReport, seedUnit, createTestBot, type TestBot } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";
import { account, person } from "../helpers/records";

export const ADMIN = "9001";
export const OFFICER = "1001";
export const MEMBER = "1002";
export const OTHER_OFFICER = "2001";

/** A test bot at 29/11/2026 10:00 (Asia/Ho_Chi_Minh) holding the bloc above. */
export async function webBloc(): Promise<TestBot> {
  const bot = await createTestBot({ adminIds: [`telegram:${ADMIN}`] });
  await bot.store.people.put(person("p-admin"));
  await bot.store.accounts.put(account("telegram", ADMIN, "p-admin"));
  await seedUnit(bot.store, { id: "u-tp", name: "Đoàn cơ sở Sở Tư pháp" }, [
    { userId: OFFICER, fullName: "Trần Thị Lan", position: "secretary", electedOn: "2026-06-01" },
    { userId: MEMBER, fullName: "Lê Văn Bình", position: "committee", theoryLevel: "intermediate" },
    { userId: "1003", fullName: "Phạm Minh Châu", position: "committee", status: "pending" },
    { userId: "1004", fullName: "Đỗ Thu Hà", position: "committee", status: "pending" },
  ]);
  await seedUnit(bot.store, { id: "u-bao", name: "Đoàn cơ sở Báo Cần Thơ", type: "enterprise" }, [
    { userId: OTHER_OFFICER, fullName: "Võ Thị Dung", position: "secretary" },
  ]);
  await seedCourse(bot.store, {
    id: "c-1",
    code: "L26-01",
    title: "Nghiệp vụ công tác Đoàn 2026",
    deadline: "2026-12-10T16:59:00.000Z",
    sessions: [{ id: "s1", date: "2026-12-12", start: "08:00", end: "11:00", place: "Hội trường Đoàn Khối" }],
    quotas: { "u-tp": 2, "u-bao": 1 },
  });
  await seedReport(bot.store, { unitId: "u-bao", period: "2026-Q4", submittedAt: "2026-11-20T02:00:00.000Z", submittedBy: "p-2001" });
  return bot;
}
