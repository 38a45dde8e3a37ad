/**
 * The chat-core scenarios of the plan, written once and run through every channel: the console,
 * Zalo and Telegram, each through its real entry, notifications included. Then Zalo as the
 * platform behaves: group mentions, its own messages coming back, transient 403/408, a quota.
 */
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { senderApi, telegramSender } from "../../src/channels/telegram/sender";
import { ZaloClient } from "../../src/channels/zalo/client";
import { zaloSender } from "../../src/channels/zalo/send";
import { newEntry, type OutboxEntry } from "../../src/domain/outbox";
import { Delivery, type Clock } from "../../src/scheduler/delivery";
import { quotaAlert } from "../../src/scheduler/quota-alert";
import { drivers, zaloDriver, type ChannelDriver, type ZaloDriver } from "../helpers/channels";
import { seedTwoUnits } from "../helpers/channels";
import { seedUnit } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";
import { startFakeBotApi, type FakeBotApi } from "../telegram/fake-bot-api";
import { account } from "../helpers/records";

const joined = (texts: string[]) => texts.join("\n");

describe.each(drivers)("the same conversation on the %s channel", (_name, open) => {
  let d: ChannelDriver;
  afterEach(async () => d?.close());

  const twoUnits = () => seedTwoUnits(d);

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

  it("registers a newcomer from the unit's link in 7 messages, approved by the unit's Secretary in the notification; then /hoso shows the profile and asks the professional level left for later", async () => {
    d = await open();
    await twoUnits();
    let sent = 0;
    const say = (text: string) => (sent++, d.say("100", text));
    const press = (label: string) => (sent++, d.press("100", label));
    expect(joined(await say("/start u-u01"))).toContain("Đăng ký hồ sơ cán bộ Đoàn của Đoàn cơ sở Sở Tư pháp");
    await say("Nguyễn Văn An");
    expect(await d.options("100")).toContain("Đoàn viên");
    await press("Đoàn viên");
    await press("Trung cấp");
    await say("1998");
    const summary = joined(await say("0912345678"));
    expect(summary).not.toContain("Trình độ chuyên môn");
    expect(summary).toContain("Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15");
    expect(summary).toMatch(/Nguyễn Văn An[\s\S]*0912345678/);
    expect(await d.options("100")).toEqual(["Đồng ý cả hai, gửi đăng ký", "Gửi, không lưu số điện thoại", "Sửa thông tin", "Không đồng ý"]);
    expect(joined(await press("Đồng ý cả hai, gửi đăng ký"))).toMatch(
      /Đã gửi đăng ký tới .+ \(Bí thư, Phó Bí thư Đoàn cơ sở Sở Tư pháp\) để duyệt/,
    );
    // 7 from the unit's link (was 10 before issue 15, 8 with the professional level still asked).
    expect(sent).toBe(7);
    expect((await d.bot.store.cadres.find({ fullName: "Nguyễn Văn An" }))[0]).toMatchObject({
      phone: "0912345678",
      consent: { purposes: ["training", "contact"] },
    });

    expect(d.seen("501").at(-1)).toContain("Đăng ký mới cần duyệt: Nguyễn Văn An — Đoàn viên, Đoàn cơ sở Sở Tư pháp.");
    expect(await d.options("501")).toEqual(["Duyệt", "Từ chối"]);
    expect(await d.press("501", "Duyệt")).toEqual(["Đã duyệt đăng ký của Nguyễn Văn An."]);
    expect(d.seen("100").at(-1)).toContain("Đăng ký của bạn ở Đoàn cơ sở Sở Tư pháp đã được duyệt.");
    expect(d.seen("100").at(-1)).toContain("📝 Khi tiện, bạn gõ /hoso để bổ sung trình độ chuyên môn (lúc đăng ký bot chưa hỏi).");

    const profile = joined(await d.say("100", "/hoso"));
    expect(profile).toContain("Họ và tên: Nguyễn Văn An");
    expect(profile).toContain("Trạng thái: Đã duyệt");
    expect(profile).toContain("Trình độ chuyên môn: (chưa có)");
    expect(profile).toContain("📝 Bạn chưa khai trình độ chuyên môn: chọn «Bổ sung trình độ chuyên môn» bên dưới.");
    // Each option keeps its place (its number on Zalo and the console): the professional level is the 5th, given or not.
    const options = (professional: string) => [
      "Sửa họ tên",
      "Đổi đơn vị",
      "Đổi chức vụ",
      "Sửa trình độ LLCT",
      professional,
      "Sửa năm sinh",
      "Sửa số điện thoại",
      "Sửa vị trí việc làm",
      "Sửa ngạch công chức",
    ];
    expect(await d.options("100")).toEqual(options("Bổ sung trình độ chuyên môn"));
    await d.press("100", "Bổ sung trình độ chuyên môn");
    expect(await d.options("100")).toContain("Đại học");
    await d.press("100", "Đại học");
    expect((await d.bot.store.cadres.find({ fullName: "Nguyễn Văn An" }))[0]).toMatchObject({
      professionalLevel: "university",
      status: "approved",
    });
    const given = joined(await d.say("100", "/hoso"));
    expect(given).not.toContain("chưa khai trình độ chuyên môn");
    expect(await d.options("100")).toEqual(options("Sửa trình độ chuyên môn"));
  });

  it("registers without the link in 8 messages, fixes the name from the summary without retyping the rest, and asks to confirm a name without diacritics", async () => {
    d = await open();
    await twoUnits();
    let sent = 0;
    const say = (text: string) => (sent++, d.say("100", text));
    const press = (label: string) => (sent++, d.press("100", label));
    await say("/dangky");
    expect(joined(await say("Nguyen Van An"))).toContain("Bạn ghi họ tên là “Nguyen Van An” — chưa đủ họ và tên, hoặc chưa có dấu.");
    expect(await d.options("100")).toEqual(["Đúng, giữ tên này", "Nhập lại"]);
    sent--; // the confirmation is not part of the count: a name typed with diacritics skips it
    await say("Nguyễn Văn An");
    expect(joined(await say("tư pháp"))).toContain("Chức vụ");
    await press("Đoàn viên");
    await press("Trung cấp");
    await say("1998");
    expect(joined(await say("0912345678"))).toMatch(/Họ và tên: Nguyễn Văn An[\s\S]*Đơn vị: Đoàn cơ sở Sở Tư pháp/);
    expect(sent).toBe(7);

    await d.press("100", "Sửa thông tin");
    await d.press("100", "Họ và tên");
    const fixed = joined(await d.say("100", "Nguyễn Văn Ân"));
    expect(fixed).toMatch(/Họ và tên: Nguyễn Văn Ân[\s\S]*Chức vụ: Đoàn viên[\s\S]*Năm sinh: 1998[\s\S]*Số điện thoại: 0912345678/);
    expect(joined(await press("Gửi, không lưu số điện thoại"))).toMatch(
      /Đã gửi đăng ký tới .+ \(Bí thư, Phó Bí thư Đoàn cơ sở Sở Tư pháp\) để duyệt/,
    );
    // 8 without the link, the fix from the summary included (9 with the professional level still asked).
    expect(sent).toBe(8);
    const [cadre] = await d.bot.store.cadres.find({ fullName: "Nguyễn Văn Ân" });
    expect(cadre).toMatchObject({ unitId: "u01", birthYear: 1998, consent: { purposes: ["training"] } });
    expect(cadre!.phone).toBeUndefined();
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

  it("takes a cadre's pressed class as a request to the unit (V.2); the bloc sends a unit's cadres from its numbered checklist, within its seats", async () => {
    d = await open({ adminIds: ["telegram:900", "zalo:900", "console:900"] });
    await twoUnits();
    await seedCourse(d.bot.store, { id: "c-1", code: "L26-01", capacity: 3, quotas: { u01: 2, u02: 1 } });
    await d.say("601", "/ghidanh");
    expect(joined(await d.press("601", /^L26-01 · Nghiệp vụ công tác Đoàn 2026/))).toContain(
      "Bạn đã xin đi học lớp “Nghiệp vụ công tác Đoàn 2026”. Theo Kế hoạch, đơn vị cử cán bộ đi học trong số lượng phân bổ, nên bot đã chuyển đề nghị của bạn đến Bí thư, Phó Bí thư đơn vị. Bot sẽ báo bạn khi đơn vị trả lời.\n" +
        "Đơn vị của bạn chưa có Bí thư, Phó Bí thư được duyệt trên bot; Ban Thường vụ Đoàn Khối có thể cử bạn bằng /cudi.",
    );
    expect((await d.bot.store.enrollments.find({ courseId: "c-1" })).map((e) => [e.personId, e.status])).toEqual([["p-601", "requested"]]);
    await d.say("900", "/cudi L26-01");
    expect(await d.options("900")).toEqual(["Đoàn cơ sở Sở Tư pháp", "Đoàn cơ sở Sở Y tế"]);
    expect(joined(await d.press("900", "Đoàn cơ sở Sở Y tế"))).toContain(
      "— Đoàn cơ sở Sở Y tế: còn 1 trong 1 chỗ được phân bổ.\nÝ kiến cấp ủy: chưa ghi nhận.\n\n1. Trần Văn Một — Ủy viên BCH · đã xin đi học\n2. Ngô Thị Hai — Ủy viên BCH",
    );
    expect(joined(await d.say("900", "1, 2"))).toContain("Đơn vị chỉ còn 1 chỗ được phân bổ; hãy chọn tối đa 1 người.");
    expect(await d.say("900", "1")).toEqual(["Đã cử Trần Văn Một đi học lớp “Nghiệp vụ công tác Đoàn 2026”."]);
    expect(d.seen("601").at(-1)).toContain("Đơn vị đã cử bạn đi học lớp “Nghiệp vụ công tác Đoàn 2026”. Bạn đã được ghi danh.");
    // The unit's seat is used: the class is no longer offered to its other cadre, who is told why.
    expect(await d.say("602", "/ghidanh")).toEqual([
      "Không hiện L26-01 “Nghiệp vụ công tác Đoàn 2026”: đơn vị của bạn đã dùng hết số lượng phân bổ của lớp. Muốn đi học, hãy liên hệ Bí thư đơn vị để đề nghị Ban Thường vụ Đoàn Khối phân bổ thêm.",
    ]);
    expect((await d.bot.store.enrollments.find({ courseId: "c-1" })).map((e) => [e.personId, e.status])).toEqual([["p-601", "enrolled"]]);
  });

  it("lets a Secretary file the unit's status report through /baocao, answering each question", async () => {
    d = await open();
    await twoUnits();
    const first = joined(await d.say("501", "/baocao"));
    expect(first).toContain("Báo cáo tình hình Quý 4/2026 — Đoàn cơ sở Sở Tư pháp");
    // Phạm Văn Cường is an ordinary member: not proposed for study. The Secretary's R6 finding quotes its source.
    expect(first).toContain("1. Lê Thị Bí Thư\n   ⚠️ chưa đạt trình độ lý luận chính trị tối thiểu (trung cấp) — theo Kế hoạch 49-KH/ĐTN");
    expect(first).not.toContain("Phạm Văn Cường");
    await d.say("501", "1");
    await d.press("501", "Có");
    await d.say("501", "Thiếu kinh phí tổ chức lớp");
    expect(joined(await d.say("501", "-"))).toContain("Đề xuất học lý luận chính trị: Lê Thị Bí Thư");
    expect(joined(await d.press("501", "Gửi báo cáo"))).toContain("Đã nhận báo cáo Quý 4/2026 của Đoàn cơ sở Sở Tư pháp (lần nộp thứ 1)");
    expect(await d.bot.store.reports.get("u01:2026-Q4")).toMatchObject({
      submittedBy: "p-501",
      proposedForTheory: ["p-501"],
      committeeApproved: true,
    });
  });

  it("lists a cadre's certificate from elsewhere to the Secretary in /chungchicho, who rejects it by its option", async () => {
    d = await open();
    await twoUnits();
    expect(joined(await d.say("502", "/chungchingoai khac 77 01/03/2026 Thành đoàn Cần Thơ"))).toContain("Đã gửi chứng chỉ số 77");
    const list = joined(await d.say("501", "/chungchicho"));
    expect(list).toContain("1. Phạm Văn Cường (Đoàn cơ sở Sở Tư pháp): khác, số 77, do Thành đoàn Cần Thơ cấp ngày 01/03/2026");
    expect(await d.options("501")).toEqual(expect.arrayContaining(["Xác nhận chứng chỉ", "Từ chối"]));
    expect(joined(await d.press("501", "Từ chối"))).toContain("Đã từ chối chứng chỉ số 77 của Phạm Văn Cường");
    expect(await d.bot.store.trainingSubmissions.count()).toBe(0);
    expect(await d.bot.store.certificates.find({ personId: "p-502" })).toEqual([]);
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
    await seedUnit(
      d.bot.store,
      { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" },
      [
        { userId: "501", fullName: "Lê Thị Bí Thư", position: "secretary", electedOn: "2026-03-01", theoryLevel: "basic" },
        { userId: "502", fullName: "Phạm Văn Cường", position: "member", theoryLevel: "none" },
      ],
      "zalo",
    );
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
    await z.say("100", "1998");
    await z.say("100", "0912345678");
    z.fake.failNext("sendMessage", 403, 2);
    z.fake.failNext("sendMessage", 408);
    expect((await z.press("100", "Đồng ý cả hai, gửi đăng ký")).join("\n")).toContain(
      "Đã gửi đăng ký tới Lê Thị Bí Thư (Bí thư, Phó Bí thư Đoàn cơ sở Sở Tư pháp) để duyệt.",
    );
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
    await store.outbox.put(
      newEntry(
        {
          id: "reminder:session:c-1:s1:m120:p-502",
          kind: "reminder:session",
          to: { type: "person", personId: "p-502" },
          message: { key: "broadcast:message", vars: { text: "Buổi học bắt đầu lúc 08:00" } },
          essential: true,
          notBefore: NOW.toISOString(),
        },
        NOW,
      ),
    );
    const clock: Clock & { t: number } = { t: 0, now: () => clock.t, sleep: async (ms) => void (clock.t += ms) };
    const tries: number[] = [];
    const sender = zaloSender(new ZaloClient({ token: z.fake.token, apiBase: z.fake.url, retries: 0 }), store, z.bot.deps.now, "vi");
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
    await seedUnit(
      store,
      { id: "u01" },
      Array.from({ length: 20 }, (_, i) => ({ userId: `z${i + 1}` })),
      "zalo",
    );
    await seedUnit(
      store,
      { id: "u02" },
      Array.from({ length: 20 }, (_, i) => ({ userId: `${7001 + i}` })),
      "telegram",
    );
    const [admin] = await seedUnit(store, { id: "u03" }, [{ userId: "9001" }], "telegram");
    await store.people.put({ ...(await store.people.get(admin!))!, roles: ["admin"] });
    await store.accounts.put(account("zalo", "z-admin", admin!, { lastSeenAt: "2026-11-28T02:00:00.000Z" }));
    const NOW = z.bot.deps.now();
    const people = [...(await store.accounts.find({ channel: "zalo" })), ...(await store.accounts.find({ channel: "telegram" }))].filter(
      (a) => a.personId !== admin,
    );
    // the Zalo entries first in the outbox, so Zalo's first try is at 0 s
    for (const a of people) {
      const created = new Date(NOW.getTime() - (a.channel === "zalo" ? 60_000 : 0));
      await store.outbox.put(
        newEntry(
          {
            id: `broadcast:b1:${a.personId}`,
            kind: "broadcast",
            to: { type: "person", personId: a.personId },
            message: { key: "broadcast:message", vars: { text: "Họp BCH lúc 14:00" } },
            essential: true,
            notBefore: NOW.toISOString(),
          },
          created,
        ),
      );
    }

    // virtual time for the pacing; the store's time follows it
    const clock: Clock & { t: number } = { t: 0, now: () => clock.t, sleep: async (ms) => void (clock.t += ms) };
    const zaloTries: number[] = [];
    const telegramTimes: number[] = [];
    const toTelegram = telegramSender(senderApi(telegram.token, telegram.apiRoot));
    const toZalo = zaloSender(new ZaloClient({ token: z.fake.token, apiBase: z.fake.url, retries: 0 }), store, z.bot.deps.now, "vi");
    const deps = { ...z.bot.deps, now: () => new Date(NOW.getTime() + clock.t) };
    const delivery = new Delivery(
      { store, log: pino({ level: "silent" }), now: deps.now, defaultLocale: "vi" },
      {
        zalo: { send: (chat, reply) => (zaloTries.push(clock.t), toZalo.send(chat, reply)) },
        telegram: { send: (chat, reply) => (telegramTimes.push(clock.t), toTelegram.send(chat, reply)) },
      },
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
