import { afterEach, describe, expect, it } from "vitest";
import { drivers, type ChannelDriver } from "../helpers/channels";

describe.each(drivers)("the same conversation on the %s channel", (_name, open) => {
  let driver: ChannelDriver;
  afterEach(async () => driver?.close());

  it("welcomes a newcomer in Vietnamese on /start and lists the commands on /trogiup", async () => {
    driver = await open();
    expect((await driver.say("100", "/start")).join("\n")).toMatch(/^Xin chào!.*\/trogiup/s);
    const help = (await driver.say("100", "/trogiup")).join("\n");
    expect(help).toContain("Các lệnh dành cho bạn");
    expect(help).toContain("/ngonngu (/lang)");
  });

  it("offers the languages as numbered options and switches to English when the person answers 2", async () => {
    driver = await open();
    const [choice] = await driver.say("100", "/ngonngu");
    expect(choice).toContain("1. Tiếng Việt\n2. English");
    expect(await driver.say("100", "2")).toEqual(["Switched to English."]);
    expect((await driver.say("100", "/help")).join("\n")).toContain("/lang (/ngonngu)");
  });
});
