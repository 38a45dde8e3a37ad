/**
 * How to reach each step of each wizard of the bot: who speaks (their role in the seeded world)
 * and the messages that lead from the command to the step (the draft schema is the wizard's own). `tests/wizards/hostile-wizards.test.ts` fails when a wizard or a step
 * exists that this table does not cover, so a new step cannot escape the fuzz test.
 */
import { createTestBot, seedEnrollment, seedUnit, type TestBot } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";

/** The speakers of the seeded world, by role. */
export const speakers = { guest: "g1", cadre: "m1", officer: "s1", admin: "admin" } as const;
export type Speaker = keyof typeof speakers;

/** Ids the world holds, for command arguments. */
export const knownIds = [
  "u01",
  "u02",
  "u03",
  "k1",
  "p-m1",
  "p-s1",
  "p-m2",
  "2026-Q4",
  "2026-11",
  "s1",
  "telegram",
  "zalo",
  "tat",
  "bat",
  "en",
  "vi",
  "u-u01",
  "u-u99",
  "u-",
  "tatca",
];

/**
 * A small bloc: u01 (Secretary s1, member m1), u02 (Secretary s2, member m2), u03 without cadres;
 * a registration of r1 waiting in u01; an open class k1 with m1 enrolled; a guest g1 who has only said hello.
 */
export async function seedWorld(): Promise<TestBot> {
  const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z" });
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp", members: 40 }, [
    { userId: "s1", fullName: "Trần Thị Bình", position: "secretary", electedOn: "2026-03-01" },
    { userId: "m1", fullName: "Phạm Văn Cường", position: "member", theoryLevel: "none" },
    { userId: "r1", fullName: "Võ Văn Chờ", position: "member", status: "pending" },
  ]);
  await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Y tế", members: 25 }, [
    { userId: "s2", fullName: "Ngô Văn Dũng", position: "secretary", electedOn: "2023-05-01" },
    { userId: "m2", fullName: "Lê Thị Em", position: "member" },
  ]);
  await seedUnit(bot.store, { id: "u03", name: "Đoàn Trường Cao đẳng Y tế", members: 10 });
  await seedCourse(bot.store, {
    id: "k1",
    title: "Bồi dưỡng nghiệp vụ công tác Đoàn",
    sessions: [{ id: "s1", date: "2026-12-10", start: "08:00", end: "11:00", place: "Hội trường Đoàn Khối" }],
    deadline: "2026-12-05T10:00:00.000Z",
    capacity: 50,
    quotas: { u01: 3, u02: 2 },
  });
  await seedEnrollment(bot.store, { courseId: "k1", personId: "p-m1", unitId: "u01" });
  await bot.say(speakers.guest, "/start");
  return bot;
}

export interface StepRoute {
  as: Speaker;
  /** Messages sent in order, the first usually the wizard's command. */
  path: string[];
  /** A file sent after the messages (a sheet whose import waits for a confirmation). */
  document?: { fileName: string; content: Buffer };
}

export interface WizardRoutes {
  steps: Record<string, StepRoute>;
}

/** Registration of guest g1, answer by answer. */
const register = ["/dangky", "Nguyễn Văn An", "doan co so", "u01", "secretary", "01/01/2025", "basic", "1995", "0912345678", "both"];
const registerSteps = ["fullName", "unitSearch", "unitPick", "position", "electedOn", "theoryLevel", "birthYear", "phone", "confirm"];

/** A new class by the admin, answer by answer. */
const newClass = [
  "/taolop",
  "youth-work",
  "Bồi dưỡng kỹ năng 2026",
  // Sessions on both sides of the new year: the plan year is asked (sessions in one year answer it).
  "30/12/2026 08:00-11:00 Hội trường A; 05/01/2027 08:00-11:00 Hội trường B",
  "2026",
  "10/12/2026 17:00",
  "10",
  "-",
  "ok",
];
const newClassSteps = ["kind", "title", "sessions", "year", "deadline", "capacity", "lecturers", "quotas", "confirm"];

/** The status report of u01 by its Secretary. */
const report = ["/baocao", "0", "yes", "-", "-", "ok"];
const reportSteps = ["needs", "committee", "difficulties", "proposals", "confirm"];

const prefixes = (steps: string[], answers: string[], as: Speaker) =>
  Object.fromEntries(steps.map((s, i) => [s, { as, path: answers.slice(0, i + 1) }]));

/** Wizard name → how to reach each of its steps. */
export const wizardRoutes: Record<string, WizardRoutes> = {
  register: {
    steps: {
      ...prefixes(registerSteps, register, "guest"),
      fullNameCheck: { as: "guest", path: ["/dangky", "Nguyen Van An"] },
      fixWhich: { as: "guest", path: [...register.slice(0, -1), "fix"] },
    },
  },
  "profile-edit": {
    steps: {
      fullName: { as: "officer", path: ["/hoso fullName"] },
      fullNameCheck: { as: "officer", path: ["/hoso fullName", "Binh"] },
      unitSearch: { as: "officer", path: ["/hoso unit"] },
      unitPick: { as: "officer", path: ["/hoso unit", "doan co so"] },
      position: { as: "cadre", path: ["/hoso position"] },
      electedOn: { as: "cadre", path: ["/hoso position", "deputy"] },
      theoryLevel: { as: "officer", path: ["/hoso theoryLevel"] },
      professionalLevel: { as: "cadre", path: ["/hoso professionalLevel"] },
      birthYear: { as: "cadre", path: ["/hoso birthYear"] },
      phone: { as: "cadre", path: ["/hoso phone"] },
      consentContact: { as: "cadre", path: ["/hoso phone", "0912345678"] },
      confirmReapproval: { as: "officer", path: ["/hoso unit", "u02"] },
      jobPosition: { as: "cadre", path: ["/hoso jobPosition"] },
      civilServiceGrade: { as: "cadre", path: ["/hoso civilServiceGrade"] },
    },
  },
  "classes.send": {
    steps: { pick: { as: "officer", path: ["/cudi k1"] } },
  },
  "outside-cert-details": {
    steps: { details: { as: "cadre", path: ["/chungchingoai khac"] } },
  },
  reject: {
    steps: { reason: { as: "officer", path: ["/tuchoi p-r1"] } },
  },
  newclass: {
    steps: prefixes(newClassSteps, newClass, "admin"),
  },
  report: {
    steps: prefixes(reportSteps, report, "officer"),
  },
  broadcast: {
    steps: {
      audience: { as: "admin", path: ["/thongbao"] },
      units: { as: "admin", path: ["/thongbao", "units"] },
      role: { as: "admin", path: ["/thongbao", "role"] },
      text: { as: "admin", path: ["/thongbao", "units", "u01, Sở Y tế"] },
      confirm: { as: "admin", path: ["/thongbao", "role", "secretary", "Họp Ban Chấp hành lúc 14:00 ngày 05/12/2026."] },
    },
  },
  "unit.create": {
    steps: prefixes(["name", "kind", "members", "code"], ["/taodonvi", "Đoàn cơ sở Sở Xây dựng", "agency", "35", "SXD"], "admin"),
  },
  "plan-edit": {
    steps: {
      menu: { as: "admin", path: ["/kehoach chitieu T1 90"] },
      item: { as: "admin", path: ["/kehoach sua", "edit:audience"] },
      toggle: { as: "admin", path: ["/kehoach sua", "edit:audience", "item:IV"] },
      value: { as: "admin", path: ["/kehoach sua", "edit:period"] },
    },
  },
  "unit.rename": { steps: { name: { as: "admin", path: ["/doitendonvi u03"] } } },
  setup: {
    steps: {
      ...prefixes(["blocName", "units"], ["/thietlap", "Đoàn Khối Cần Thơ"], "admin"),
      ...Object.fromEntries(
        ["admins", "group", "confirm"].map((step, i) => {
          const path = [
            "/thietlap",
            "Đoàn Khối Cần Thơ",
            "Đoàn cơ sở Sở Nội vụ | SNV | 30\nĐoàn cơ sở Công ty Điện lực | | 80 | Doanh nghiệp",
            "xong",
            "telegram:777",
            "ok",
          ];
          return [step, { as: "admin" as const, path: path.slice(0, 4 + i) }];
        }),
      ),
    },
  },
  "roster.confirm": {
    steps: {
      confirm: {
        as: "admin",
        path: [],
        document: {
          fileName: "ds.csv",
          content: Buffer.from(
            "Họ và tên,Tên đơn vị,Chức vụ,Trình độ LLCT,Trình độ chuyên môn,Năm sinh,Ngày đồng ý\nĐỗ Thị Hoa,Đoàn cơ sở Sở Nội vụ,Đoàn viên,Sơ cấp,Đại học,1995,05/01/2026",
          ),
        },
      },
    },
  },
  "trainingRecords.import": {
    steps: {
      confirm: {
        as: "officer",
        path: [],
        document: {
          fileName: "chung-chi.csv",
          content: Buffer.from(
            "Mã cán bộ,Loại chứng chỉ,Số chứng chỉ,Ngày cấp,Nơi cấp\np-m1,trungcap,TC-1,15/06/2026,Trường Chính trị TP. Cần Thơ",
          ),
        },
      },
    },
  },
};

/** Every answer of every route: valid input the fuzzer mixes in to reach deeper code. */
export const validAnswers = [
  ...new Set(Object.values(wizardRoutes).flatMap((w) => Object.values(w.steps).flatMap((s) => s.path.slice(1)))),
];
