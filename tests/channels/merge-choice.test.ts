/**
 * A merge asks who holds the Secretary post, on every channel: numbered options on the console and
 * Zalo, buttons on Telegram; the admin's choice is the Secretary after the merge.
 */
import { afterEach, describe, expect, it } from "vitest";
import { drivers, seedTwoUnits, type ChannelDriver } from "../helpers/channels";
import { seedUnit } from "../helpers/chat";

const joined = (texts: string[]) => texts.join("\n");

describe.each(drivers)("a merge of two units with a Secretary each, on the %s channel", (_name, open) => {
  let d: ChannelDriver;
  afterEach(async () => d?.close());

  it("offers each Secretary to keep the post and merges with the one chosen", async () => {
    d = await open({ adminIds: ["telegram:900", "zalo:900", "console:900"] });
    await seedTwoUnits(d);
    await seedUnit(
      d.bot.store,
      { id: "u02", name: "Đoàn cơ sở Sở Y tế" },
      [{ userId: "603", fullName: "Đặng Văn Ba", position: "secretary", electedOn: "2025-05-01" }],
      d.channel,
    );
    expect(joined(await d.say("900", "/sapnhap u02 u01"))).toContain(
      "Hai đơn vị đang có các Bí thư: Lê Thị Bí Thư (Bí thư Đoàn cơ sở Sở Tư pháp); Đặng Văn Ba (Bí thư Đoàn cơ sở Sở Y tế).",
    );
    expect(await d.options("900")).toEqual([
      "Sáp nhập, Lê Thị Bí Thư giữ chức Bí thư",
      "Sáp nhập, Đặng Văn Ba giữ chức Bí thư",
      "Thôi, giữ nguyên",
    ]);
    expect(joined(await d.press("900", "Sáp nhập, Đặng Văn Ba giữ chức Bí thư"))).toContain(
      "Đặng Văn Ba là Bí thư của Đoàn cơ sở Sở Tư pháp; các Bí thư khác đã chuyển thành Ủy viên BCH, chức Bí thư được giữ trong lịch sử.",
    );
    const u01 = await d.bot.store.cadres.find({ unitId: "u01" });
    expect(u01.filter((c) => c.position === "secretary").map((c) => c.fullName)).toEqual(["Đặng Văn Ba"]);
    expect(u01.find((c) => c.fullName === "Lê Thị Bí Thư")).toMatchObject({ position: "committee", postSince: "2026-11-29" });
  });
});
