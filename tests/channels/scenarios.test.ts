/**
 * The chat-core scenarios of the plan, written once and run through every channel: the console,
 * Zalo and Telegram, each through its real entry, notifications included. Then Zalo as the
 * platform behaves: group mentions, its own messages coming back, transient 403/408, a quota.
 */
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { deliveryApi, telegramChannelSender } from "../../src/channels/telegram/delivery-sender";
import { ZaloClient } from "../../src/channels/zalo/client";
import { zaloChannelSender } from "../../src/channels/zalo/send";
import { newEntry, type OutboxEntry } from "../../src/domain/outbox";
import { Delivery, type Clock } from "../../src/scheduler/delivery";
import { quotaAlert } from "../../src/scheduler/quota-alert";
import { drivers, zaloDriver, type ChannelDriver, type ZaloDriver } from "../helpers/channels";
import { seedUnit } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";
import { startFakeBotApi, type FakeBotApi } from "../telegram/fake-bot-api";

const joined = (texts: string[]) => texts.join("\n");

describe.each(drivers)("the same conversation on the %s channel", (_name, open) => {
  let d: ChannelDriver;
  afterEach(async () => d?.close());

  /** Unit u01 (Sở Tư pháp): Secretary 501, member 502. Unit u02 (Sở Y tế): committee members 601 and 602. */
  async function twoUnits(): Promise<void> {
    await seedUnit(d.bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
      { userId: "501", fullName: "Lê Thị Bí Thư", position: "secretary", electedOn: "2026-03-01", theoryLevel: "basic" },
      { userId: "502", fullName: "Phạm Văn Cường", position: "member", theoryLevel: "none" },
    ], d.channel);
    await seedUnit(d.bot.store, { id: "u02", name: "Đoàn cơ sở Sở Y tế" }, [
      { userId: "601", fullName: "Trần Văn Một", position: "committee" },
      { userId: "602", fullName: "Ngô Thị Hai", position: "committee" },
    ], d.channel);
  }

  it("welcomes a newcomer in Vietnamese on /start and lists the commands on /trogiup", async () => {
    d = await open();
    await twoUnits(); // a bloc that is set up: it has units
    expect(joined(await d.say("100", "/start"))).toMatch(/^Xin chào!.*\/trogiup/s);
    const help = joined(await d.say("100", "/trogiup"));
    expect(help).toContain("Các lệnh dành cho bạn");
    expect(help).toContain("/ngonngu (/lang)");
  });

  it("offers the languages as options and switches to English when the person picks English", async () => {
    d = await open();
    await d.say("100", "/ngonngu");
    expect(await d.options("100")).toEqual(["Tiếng Việt", "English"]);
    expect(await d.press("100", "English")).toEqual(["Switched to English."]);
    expect(joined(await d.say("100", "/help"))).toContain("/lang (/ngonngu)");
  });

  it("registers a newcomer from the unit's link, approved by the unit's Secretary in the notification; then /hoso shows the profile", async () => {
    d = await open();
    await twoUnits();
    expect(joined(await d.say("100", "/start u-u01"))).toContain("Đăng ký hồ sơ cán bộ Đoàn của Đoàn cơ sở Sở Tư pháp");
    await d.say("100", "Nguyễn Văn An");
    expect(await d.options("100")).toContain("Đoàn viên");
    await d.press("100", "Đoàn viên");
    await d.press("100", "Trung cấp");
    await d.press("100", "Đại học");
    await d.say("100", "1998");
    expect(joined(await d.say("100", "0912345678"))).toContain("Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15");
    await d.press("100", "Đồng ý");
    expect(joined(await d.press("100", "Đồng ý"))).toMatch(/Nguyễn Văn An[^]*0912345678/);
    expect(joined(await d.press("100", "Gửi đăng ký"))).toMatch(/Đã gửi đăng ký tới .+ \(Bí thư, Phó Bí thư Đoàn cơ sở Sở Tư pháp\) để duyệt/);

    expect(d.seen("501").at(-1)).toContain("Đăng ký mới cần duyệt: Nguyễn Văn An — Đoàn viên, Đoàn cơ sở Sở Tư pháp.");
    expect(await d.options("501")).toEqual(["Duyệt", "Từ chối"]);
    expect(await d.press("501", "Duyệt")).toEqual(["Đã duyệt đăng ký của Nguyễn Văn An."]);
    expect(d.seen("100").at(-1)).toContain("Đăng ký của bạn ở Đoàn cơ sở Sở Tư pháp đã được duyệt.");

    const profile = joined(await d.say("100", "/hoso"));
    expect(profile).toContain("Họ và tên: Nguyễn Văn An");
    expect(profile).toContain("Trạng thái: Đã duyệt");
  });

  it("shows a class in /lichhoc with each person's standing: the Secretary may enrol, a plain member is not in its audience", async () => {
    d = await open();
    await twoUnits();
    await seedCourse(d.bot.store, { id: "c-1", quotas: { u01: 2, u02: 1 } });
    const secretary = joined(await d.say("501", "/lichhoc"));
    expect(secretary).toContain("Nghiệp vụ công tác Đoàn 2026");
    expect(secretary).toContain("05/12/2026 08:00–11:00");
    expect(secretary).toContain("👉 Bạn có thể ghi danh");
    expect(joined(await d.say("502", "/lichhoc"))).toContain("Không thuộc đối tượng của lớp");
  });

  it("enrols a cadre who presses the class's button, and refuses a second cadre of a unit whose quota is 1 when every seat is allotted, saying why", async () => {
    d = await open();
    await twoUnits();
    await seedCourse(d.bot.store, { id: "c-1", capacity: 3, quotas: { u01: 2, u02: 1 } });
    await d.say("601", "/ghidanh");
    expect(joined(await d.press("601", /^Nghiệp vụ công tác Đoàn 2026/))).toContain(
      "Bạn đã ghi danh lớp “Nghiệp vụ công tác Đoàn 2026”. Buổi đầu tiên: 05/12/2026 08:00–11:00",
    );
    expect(joined(await d.say("601", "/lichhoc"))).toContain("✅ Bạn đã ghi danh");
    await d.say("602", "/ghidanh");
    expect(await d.press("602", /^Nghiệp vụ công tác Đoàn 2026/)).toEqual([
      "Đơn vị của bạn đã dùng hết chỉ tiêu (1 chỗ) của lớp “Nghiệp vụ công tác Đoàn 2026”. Hãy liên hệ Bí thư đơn vị hoặc Ban Thường vụ Đoàn Khối.",
    ]);
    expect((await d.bot.store.enrollments.find({ courseId: "c-1" })).map((e) => [e.personId, e.status])).toEqual([["p-601", "enrolled"]]);
  });

  it("lets a Secretary file the unit's status report through /baocao, answering each question", async () => {
    d = await open();
    await twoUnits();
    const first = joined(await d.say("501", "/baocao"));
    expect(first).toContain("Báo cáo tình hình Quý 4/2026 — Đoàn cơ sở Sở Tư pháp");
    expect(first).toMatch(/1\. Lê Thị Bí Thư\n2\. Phạm Văn Cường/);
    await d.say("501", "2");
    await d.press("501", "Có");
    await d.say("501", "Thiếu kinh phí tổ chức lớp");
    expect(joined(await d.say("501", "-"))).toContain("Đề xuất học lý luận chính trị: Phạm Văn Cường");
    expect(joined(await d.press("501", "Gửi báo cáo"))).toContain("Đã nhận báo cáo Quý 4/2026 của Đoàn cơ sở Sở Tư pháp (lần nộp thứ 1)");
    expect(await d.bot.store.reports.get("u01:2026-Q4")).toMatchObject({ submittedBy: "p-501", proposedForTheory: ["p-502"], committeeApproved: true });
  });
});

describe("Zalo as the platform behaves (the fake follows Zalo's documentation)", () => {
  let z: ZaloDriver | undefined;
  let telegram: FakeBotApi | undefined;
  afterEach(async () => {
    await z?.close();
    await telegram?.close();
    z = telegram = undefined;
  });

  async function unitWithSecretary(d: ZaloDriver): Promise<void> {
    await seedUnit(d.bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
      { userId: "501", fullName: "Lê Thị Bí Thư", position: "secretary", electedOn: "2026-03-01", theoryLevel: "basic" },
      { userId: "502", fullName: "Phạm Văn Cường", position: "member", theoryLevel: "none" },
    ], "zalo");
  }

  it("answers group commands typed after a mention of the bot, whatever name was typed", async () => {
    z = await zaloDriver();
    await unitWithSecretary(z);
    await seedCourse(z.bot.store, { id: "c-1", quotas: { u01: 2 } });
    await z.push(z.fake.text("501", "@Bot Đoàn Khối /lienket u01", "g-u01"));
    expect(z.fake.sentTo("g-u01").join("\n")).toContain("Nhóm này đã được liên kết với Đoàn cơ sở Sở Tư pháp.");
    const from = z.fake.calls.length;
    await z.push(z.fake.text("502", "@Bot ĐK Cần Thơ cho hỏi /lichhoc", "g-u01"));
    expect(z.fake.sentTo("g-u01", from).join("\n")).toContain("Nghiệp vụ công tác Đoàn 2026");
    expect((await z.bot.store.units.get("u01"))!.groups).toEqual([expect.objectContaining({ channel: "zalo", chatId: "g-u01" })]);
  });

  it("ignores its own messages coming back, so nothing is answered twice and no answer loops", async () => {
    z = await zaloDriver();
    expect(await z.say("100", "xin chào")).toEqual(["Bot chưa hiểu tin nhắn này. Gõ /trogiup để xem bạn có thể làm gì."]);
    await z.say("100", "/start");
    await z.say("100", "/trogiup");
    // every message the bot sent came back as an update: all ignored, none answered
    const sent = z.fake.calls.filter((c) => c.method === "sendMessage").length;
    await z.push(z.fake.text("100", "/start")); // one more exchange: every echo before it has been fetched
    expect(z.adapter.stats.ignored).toBeGreaterThanOrEqual(sent);
    expect(z.fake.sentTo("100").filter((t) => t.startsWith("Bot chưa hiểu"))).toHaveLength(1);
    expect(z.adapter.stats.handled).toBe(4);
  });

  it("still brings a registration to the Secretary through Zalo's transient 403 and 408, who approves it", async () => {
    z = await zaloDriver();
    await unitWithSecretary(z);
    await z.say("100", "/start u-u01");
    await z.say("100", "Nguyễn Văn An");
    await z.press("100", "Đoàn viên");
    await z.press("100", "Trung cấp");
    await z.press("100", "Đại học");
    await z.say("100", "1998");
    await z.say("100", "0912345678");
    await z.press("100", "Đồng ý");
    await z.press("100", "Đồng ý");
    z.fake.failNext("sendMessage", 403, 2);
    z.fake.failNext("sendMessage", 408);
    expect((await z.press("100", "Gửi đăng ký")).join("\n")).toContain("Đã gửi đăng ký tới Lê Thị Bí Thư (Bí thư, Phó Bí thư Đoàn cơ sở Sở Tư pháp) để duyệt.");
    const refused = z.fake.calls.filter((c) => c.method === "sendMessage" && c.ok === false);
    expect(refused.map((c) => c.params.chat_id)).toEqual(["501", "501", "501"]); // the notification met 403, 403, 408
    expect(z.fake.deliveredTo("501").at(-1)).toContain("Đăng ký mới cần duyệt: Nguyễn Văn An — Đoàn viên, Đoàn cơ sở Sở Tư pháp.");
    expect((await z.bot.store.accounts.get("zalo:501"))!.unreachable).toBe(false);
    expect(await z.press("501", "Duyệt")).toEqual(["Đã duyệt đăng ký của Nguyễn Văn An."]);
  });

  it("still brings a scheduled reminder to a Zalo person through 403, 408 and 403 again, retried with backoff", async () => {
    z = await zaloDriver();
    await unitWithSecretary(z);
    const { store } = z.bot;
    const NOW = z.bot.deps.now();
    await store.outbox.put(newEntry({ id: "reminder:session:c-1:s1:m120:p-502", kind: "reminder:session", to: { type: "person", personId: "p-502" }, message: { key: "broadcast:message", vars: { text: "Buổi học bắt đầu lúc 08:00" } }, essential: true, notBefore: NOW.toISOString() }, NOW));
    const clock: Clock & { t: number } = { t: 0, now: () => clock.t, sleep: async (ms) => void (clock.t += ms) };
    const tries: number[] = [];
    const sender = zaloChannelSender(new ZaloClient({ token: z.fake.token, apiBase: z.fake.url, retries: 0 }), store, z.bot.deps.now, "vi");
    const delivery = new Delivery(
      { store, log: pino({ level: "silent" }), now: () => new Date(NOW.getTime() + clock.t), defaultLocale: "vi" },
      { zalo: { send: (chat, reply) => (tries.push(clock.t), sender.send(chat, reply)) } },
      { clock },
    );
    z.fake.failNext("sendMessage", 403);
    z.fake.failNext("sendMessage", 408);
    z.fake.failNext("sendMessage", 403);
    await delivery.kick();
    expect(tries).toEqual([0, 1000, 3000, 7000]); // waits of 1, 2 and 4 s
    expect(z.fake.deliveredTo("502")).toEqual([expect.stringContaining("Buổi học bắt đầu lúc 08:00")]);
    expect(await store.outbox.get("reminder:session:c-1:s1:m120:p-502")).toMatchObject({ status: "sent", attempts: 4 });
    expect((await store.accounts.get("zalo:502"))!.unreachable).toBe(false);
  });

  it("backs off a quota 429 storm, tells the admins once on Telegram, and keeps Telegram delivering meanwhile", async () => {
    z = await zaloDriver(undefined, { adminIds: ["telegram:9001"] });
    const { store } = z.bot;
    telegram = await startFakeBotApi();
    // 20 people on Zalo, 20 on Telegram; the admin uses both, Zalo last
    await seedUnit(store, { id: "u01" }, Array.from({ length: 20 }, (_, i) => ({ userId: `z${i + 1}` })), "zalo");
    await seedUnit(store, { id: "u02" }, Array.from({ length: 20 }, (_, i) => ({ userId: `${7001 + i}` })), "telegram");
    const [admin] = await seedUnit(store, { id: "u03" }, [{ userId: "9001" }], "telegram");
    await store.people.put({ ...(await store.people.get(admin!))!, roles: ["admin"] });
    await store.accounts.put({ id: "zalo:z-admin", channel: "zalo", externalId: "z-admin", personId: admin!, lastSeenAt: "2026-11-28T02:00:00.000Z", unreachable: false });
    const NOW = z.bot.deps.now();
    const people = [...(await store.accounts.find({ channel: "zalo" })), ...(await store.accounts.find({ channel: "telegram" }))].filter((a) => a.personId !== admin);
    // the Zalo entries first in the outbox, so Zalo's first try is at 0 s
    for (const a of people) {
      const created = new Date(NOW.getTime() - (a.channel === "zalo" ? 60_000 : 0));
      await store.outbox.put(newEntry({ id: `broadcast:b1:${a.personId}`, kind: "broadcast", to: { type: "person", personId: a.personId }, message: { key: "broadcast:message", vars: { text: "Họp BCH lúc 14:00" } }, essential: true, notBefore: NOW.toISOString() }, created));
    }

    // virtual time for the pacing; the store's time follows it
    const clock: Clock & { t: number } = { t: 0, now: () => clock.t, sleep: async (ms) => void (clock.t += ms) };
    const zaloTries: number[] = [];
    const telegramTimes: number[] = [];
    const telegramSender = telegramChannelSender(deliveryApi(telegram.token, telegram.apiRoot));
    const zaloSender = zaloChannelSender(new ZaloClient({ token: z.fake.token, apiBase: z.fake.url, retries: 0 }), store, z.bot.deps.now, "vi");
    const deps = { ...z.bot.deps, now: () => new Date(NOW.getTime() + clock.t) };
    const delivery = new Delivery(
      { store, log: pino({ level: "silent" }), now: deps.now, defaultLocale: "vi" },
      { zalo: { send: (chat, reply) => (zaloTries.push(clock.t), zaloSender.send(chat, reply)) }, telegram: { send: (chat, reply) => (telegramTimes.push(clock.t), telegramSender.send(chat, reply)) } },
      { clock, onQuotaRefusing: quotaAlert(deps) },
    );
    z.fake.failNext("sendMessage", 429, 7); // Zalo's quota: no retry_after
    // the scheduler's tick, every minute, until the outbox is empty
    for (let tick = 0; tick < 10 && (await store.outbox.find({ status: "pending" })).length; tick++) {
      await delivery.kick();
      clock.t += 60_000;
    }

    // Zalo was tried once per pause, the pauses doubling (2, 4, 8… 128 s), until it let messages through
    expect(zaloTries.slice(0, 8)).toEqual([0, 2000, 6000, 14_000, 30_000, 62_000, 126_000, 254_000]);
    // Telegram went on: its 20 people had the message before Zalo's second try, at 2 s
    const tgSends = telegram.ok("sendMessage").filter((c) => String(c.params.text).includes("Họp BCH"));
    expect(tgSends).toHaveLength(20);
    expect(telegramTimes.slice(0, 20).every((t) => t < 2000)).toBe(true);
    // the admins were told once, on Telegram although the admin used Zalo last
    const alerts = telegram.ok("sendMessage").filter((c) => String(c.params.text).includes("Zalo đang từ chối tin nhắn của bot"));
    expect(alerts.map((c) => String(c.params.chat_id))).toEqual(["9001"]);
    expect(alerts[0]!.params.text).toBe(
      "⚠️ Zalo đang từ chối tin nhắn của bot vì đã vượt hạn mức sử dụng (lỗi 429), từ 10:00 ngày 29/11/2026. Bot tự gửi lại sau những khoảng chờ dài dần; ai dùng cả kênh khác vẫn nhận thông báo qua kênh đó, còn tin nhắn trên Zalo sẽ được gửi khi hạn mức cho phép. Nếu tình trạng kéo dài, hãy kiểm tra gói dịch vụ của bot trên Zalo.",
    );
    expect(z.fake.sentTo("z-admin")).toEqual([]);
    // every Zalo person got the message once, nothing failed
    for (let i = 1; i <= 20; i++) expect(z.fake.deliveredTo(`z${i}`)).toEqual([expect.stringContaining("Họp BCH lúc 14:00")]);
    expect((await store.outbox.all()).filter((e: OutboxEntry) => e.status !== "sent")).toEqual([]);

    // a second storm the same day: the hook runs again, the admins are not told again
    await quotaAlert(deps)("zalo", deps.now());
    await delivery.kick();
    expect(telegram.ok("sendMessage").filter((c) => String(c.params.text).includes("Zalo đang từ chối"))).toHaveLength(1);
  });
});
