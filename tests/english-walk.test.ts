/**
 * Every command, typed bare by an admin who chose English, answers in English: no Vietnamese letter
 * is left once the names the bloc gave (units, people, classes, the plan) are taken out. Workbooks
 * sent to the city stay Vietnamese, so only the chat text and the buttons are read.
 */
import { describe, expect, it } from "vitest";
import { commandRules } from "../src/app/permissions";
import { createTestBot, seedUnit } from "./helpers/chat";
import { seedCourse } from "./helpers/classes";

const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

describe("English, everywhere in the chat", () => {
  it("answers every command an admin may type in English, outside the names", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01", name: "Sở Tư pháp" }, [{ userId: "binh", fullName: "Trần Thị Bình", position: "secretary" }]);
    await seedCourse(bot.store, { id: "c-1", code: "L26-01", title: "Lớp kỹ năng", quotas: { u01: 2 } });
    // Names the bloc gave (its own, the plan's, units, people, classes, places), each language's own name, the
    // example of a Vietnamese name, and the values a Vietnamese certificate sheet takes: Vietnamese by nature.
    const plan = await bot.runningPlan();
    const bloc = (await bot.store.bloc.get("bloc"))?.name;
    const names = [
      ...(bloc ? [bloc] : []),
      plan.bloc,
      plan.id,
      plan.title,
      "49-KH/ĐTN",
      "Kế hoạch thực hiện Đề án “Đào tạo, bồi dưỡng cán bộ Đoàn, Hội” giai đoạn 2020 - 2022",
      "Sở Tư pháp",
      "Trần Thị Bình",
      "Lớp kỹ năng",
      "Hội trường Đoàn Khối",
      "Đoàn Khối các cơ quan Đảng, Nhà nước và Mặt trận, đoàn thể thành phố Cần Thơ",
      "Đoàn cơ sở",
      "12-KH/ĐTN",
      "Tiếng Việt",
      "Chọn ngôn ngữ", // the language question is asked in both languages, for someone who reads only one
      "Khác",
      "Nguyễn Thị Mai",
      "Sơ cấp, Trung cấp, Cao cấp",
    ];
    await bot.say("admin", "/lang en");
    const leaks: { command: string; text: string }[] = [];
    for (const command of Object.keys(commandRules)) {
      for (const reply of await bot.say("admin", `/${command}`)) {
        const shown = [reply.text, ...(reply.buttons ?? []).flat().map((b) => b.label)].join("\n");
        const rest = [...names].sort((a, b) => b.length - a.length).reduce((text, name) => text.split(name).join(""), shown);
        const line = rest.split("\n").find((l) => VIETNAMESE.test(l));
        if (line) leaks.push({ command, text: line });
      }
      await bot.say("admin", "/cancel");
    }
    expect(leaks).toEqual([]);
  });
});
