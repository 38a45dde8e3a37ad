/** The bloc the tests of certificates from elsewhere share. */
import { createTestBot, seedUnit, type TestBot } from "../helpers/chat";

/**
 * 29/11/2026, plan 2026–2027. u01 "Sở Tư pháp": Secretary Bình (user sec, trung cấp), committee members An
 * (cb, born 1998, sơ cấp) and Hà (cb2, born 1997, sơ cấp). u02 "Sở Y tế": Secretary Dũng (sec2, trung cấp),
 * committee member Lan (cb3, born 1996, sơ cấp).
 */
export async function twoUnits(): Promise<TestBot> {
  const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z" });
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
    { userId: "sec", fullName: "Trần Thị Bình", position: "secretary", electedOn: "2024-03-01", theoryLevel: "intermediate" },
    { userId: "cb", fullName: "Lê Văn An", position: "committee", theoryLevel: "basic", birthYear: 1998 },
    { userId: "cb2", fullName: "Võ Thị Hà", position: "committee", theoryLevel: "basic", birthYear: 1997 },
  ]);
  await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Y tế" }, [
    { userId: "sec2", fullName: "Ngô Văn Dũng", position: "secretary", electedOn: "2024-03-01", theoryLevel: "intermediate" },
    { userId: "cb3", fullName: "Đặng Thị Lan", position: "committee", theoryLevel: "basic", birthYear: 1996 },
  ]);
  return bot;
}
