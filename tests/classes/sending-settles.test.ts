/**
 * V.2 on Zalo and the console, where options are numbers: a cadre's request reaches the unit's
 * Secretary as a notification offering "Cử đi học" / "Không cử". Found on the demo's console: a
 * number typed in the unit's checklist (/cudi) answered that notification instead of the list, and
 * once the Secretary sent the cadre from the checklist, the request came back as "⏳ … Bạn có cử
 * người này đi học không?".
 */
import { afterEach, describe, expect, it } from "vitest";
import { consoleDriver, zaloDriver, type ChannelDriver, type OpenDriver } from "../helpers/channels";
import { seedUnit } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";

const numbered: [string, OpenDriver][] = [
  ["console", consoleDriver],
  ["zalo", (options) => zaloDriver(undefined, options)],
];

let d: ChannelDriver | undefined;
afterEach(async () => {
  await d?.close();
  d = undefined;
});

describe.each(numbered)("a request answered from the unit's checklist (%s)", (_, open) => {
  it("keeps the checklist's numbers its own, and the request leaves the waiting list once its cadre is sent from it", async () => {
    d = await open({ now: "2026-11-20T03:00:00.000Z" });
    await seedUnit(
      d.bot.store,
      { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" },
      [
        { userId: "501", fullName: "Lê Thị Bí Thư", position: "secretary", electedOn: "2026-03-01" },
        { userId: "503", fullName: "Bùi Quốc Khoa", position: "committee" },
        { userId: "504", fullName: "Trương Minh Nam", position: "committee" },
      ],
      d.channel,
    );
    await seedCourse(d.bot.store, { id: "c-1", code: "L26-01", capacity: 5, quotas: { u01: 3 } });
    await d.say("503", "/ghidanh L26-01");
    expect(d.seen("501").at(-1)).toContain("Bùi Quốc Khoa (Ủy viên BCH) xin đi học lớp L26-01");
    expect(await d.options("501")).toEqual(["Cử đi học", "Không cử"]);

    // The checklist's numbers are its own: "2" picks the second person listed, not the request's "Không cử".
    expect((await d.say("501", "/cudi L26-01")).join("\n")).toContain(
      "1. Bùi Quốc Khoa — Ủy viên BCH · đã xin đi học\n2. Lê Thị Bí Thư — Bí thư\n3. Trương Minh Nam — Ủy viên BCH",
    );
    expect(await d.options("501")).toEqual(["Cử đi học", "Không cử"]);
    expect(await d.say("501", "2")).toContain("Đã cử Lê Thị Bí Thư đi học lớp “Nghiệp vụ công tác Đoàn 2026”.");
    const enrolments = async () => (await d!.bot.store.enrollments.find({ courseId: "c-1" })).map((e) => [e.personId, e.status]).sort();
    expect(await enrolments()).toEqual([
      ["p-501", "enrolled"],
      ["p-503", "requested"],
    ]);

    // Sending the one who asked, with another, from the checklist answers the request: it leaves the waiting list.
    await d.say("501", "/cudi L26-01");
    expect(await d.say("501", "1, 2")).toContain(
      "Đã cử Bùi Quốc Khoa đi học lớp “Nghiệp vụ công tác Đoàn 2026”.\nĐã cử Trương Minh Nam đi học lớp “Nghiệp vụ công tác Đoàn 2026”.",
    );
    // What still waits is the Secretary's own enrolment notice ("Xem chi tiết"), not the request.
    expect(await d.options("501")).toEqual(["Xem chi tiết"]);
    expect(await enrolments()).toEqual([
      ["p-501", "enrolled"],
      ["p-503", "enrolled"],
      ["p-504", "enrolled"],
    ]);
  });
});
