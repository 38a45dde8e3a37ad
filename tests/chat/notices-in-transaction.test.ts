/**
 * A notice is written in the transaction of the change it tells about. When that transaction
 * cannot commit (a full disk), neither the change nor its notice is left, and the update handled
 * again leaves both, the notice delivered once. When the process stops right after the commit,
 * both are left: the delivery that follows the restart sends the notice, once.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ChatAddress, Reply } from "../../src/app/messages";
import { NoticeOutsideTransaction } from "../../src/app/notices";
import type { ChannelSender } from "../../src/app/sender";
import { noticeKey } from "../../src/domain/outbox";
import type { CollectionName } from "../../src/store/collections";
import { openLowdbStore } from "../../src/store/lowdb-store";
import type { Store } from "../../src/store/store";
import { Delivery } from "../../src/scheduler/delivery";
import { createTestBot, seedUnit, type TestBot } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";
import { withCommitFault } from "../helpers/faults";
import { directEnrolmentPlan } from "../helpers/plan";
import { freshPostgresStore } from "../helpers/postgres";

/** Both backends: the embedded store undoes a transaction that throws, PostgreSQL rolls it back. */
const backends: [string, () => Promise<Store>][] = [
  ["the embedded store", () => openLowdbStore()],
  ["PostgreSQL", () => freshPostgresStore()],
];
const opened: Store[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});

/** A new store of the backend, closed after the test. */
async function storeOf(open: () => Promise<Store>): Promise<Store> {
  const store = await open();
  opened.push(store);
  return store;
}

/** A Telegram sender that keeps what it was asked to send, as `chat id: text`. */
function recordingSender(): { sender: ChannelSender; sent: string[] } {
  const sent: string[] = [];
  const sender: ChannelSender = {
    async send(chat: ChatAddress, reply: Reply) {
      sent.push(`${chat.chatId}: ${reply.text}`);
    },
  };
  return { sender, sent };
}

/** The ids of the notices in the outbox with their status, sorted. */
async function notices(bot: TestBot): Promise<string[]> {
  return (await bot.store.outbox.find({ kind: "notice" })).map((e) => `${e.id} ${e.status}`).sort();
}

/** One change a person makes in the chat, and what it leaves when it holds. */
interface Change {
  name: string;
  plan?: ReturnType<typeof directEnrolmentPlan>;
  seed(bot: TestBot): Promise<void>;
  /** Who types what. */
  by: string;
  command: string;
  /** The collection the change writes (the process stops after the transaction that writes it). */
  writes: CollectionName;
  /** What the change is about, read from the store: before it, and once made. */
  state(bot: TestBot): Promise<unknown>;
  before: unknown;
  after: unknown;
  /** The answer when it holds. */
  reply: string;
  /** The notices it queues (id, and status before any delivery). */
  queued: string[];
  /** What the people told receive, sorted. */
  told: string[];
}

const sessions = ["05", "06", "07", "08", "09"].map((d, i) => ({
  id: `s${i + 1}`,
  date: `2026-12-${d}`,
  start: "08:00",
  end: "11:00",
  place: "Hội trường",
}));
const attended = (present: number) =>
  Object.fromEntries(sessions.map((s, i) => [s.id, i < present ? ("present" as const) : ("absent" as const)]));

const RECLAIMED =
  "Ban Thường vụ Đoàn Khối đã thu hồi 2 chỗ chưa dùng trong số lượng phân bổ của đơn vị ở lớp “Nghiệp vụ công tác Đoàn 2026”. Số lượng phân bổ còn lại của đơn vị: 1. Các chỗ này nay mở cho mọi đơn vị.";

const changes: Change[] = [
  {
    name: "a registration approved",
    async seed(bot) {
      await seedUnit(bot.store, { id: "u01", name: "Chi đoàn Văn phòng" }, [
        { userId: "sec1", position: "secretary", fullName: "Trần Thị Bí Thư" },
        { userId: "new1", status: "pending", fullName: "Lê Văn Mới" },
      ]);
    },
    by: "sec1",
    command: "/duyet p-new1",
    writes: "cadres",
    state: async (bot) => (await bot.store.cadres.get("p-new1"))!.status,
    before: "pending",
    after: "approved",
    reply: "Đã duyệt đăng ký của Lê Văn Mới.",
    queued: ["notice:registration-decided:p-new1:2026-11-29T03-00-00.000Z:p-new1 pending"],
    told: ["new1: Đăng ký của bạn ở Chi đoàn Văn phòng đã được duyệt. Gõ /hoso để xem hồ sơ, /trogiup để xem các lệnh dành cho bạn."],
  },
  {
    name: "a class closed with certificates",
    async seed(bot) {
      await seedUnit(bot.store, { id: "u01" }, [
        { userId: "a", position: "secretary" },
        { userId: "b", position: "secretary" },
      ]);
      const title = "Bồi dưỡng chức danh Bí thư 2026";
      await seedCourse(bot.store, { id: "c-1", kind: "title-secretary", title, sessions, quotas: { u01: 5 } });
      await bot.say("a", "/ghidanh c-1");
      await bot.say("b", "/ghidanh c-1");
      await bot.store.enrollments.put({ ...(await bot.store.enrollments.get("c-1:p-a"))!, attendance: attended(4) });
      await bot.store.enrollments.put({ ...(await bot.store.enrollments.get("c-1:p-b"))!, attendance: attended(3) });
      bot.setNow("2026-12-09T10:00:00.000Z");
    },
    by: "admin",
    command: "/ketthuc c-1",
    writes: "courses",
    state: async (bot) => [(await bot.store.courses.get("c-1"))!.status, (await bot.store.certificates.all()).map((c) => c.number)],
    before: ["open", []],
    after: ["completed", ["2026-C-1-001"]],
    reply: "Đã kết thúc lớp “Bồi dưỡng chức danh Bí thư 2026”: cấp 1 chứng chỉ cho 2 học viên (dự từ 80% số buổi).",
    queued: ["notice:class-completed:c-1:p-a pending", "notice:class-completed:c-1:p-b pending"],
    told: [
      "a: Chúc mừng! Bạn đã hoàn thành lớp “Bồi dưỡng chức danh Bí thư 2026” và được cấp chứng chỉ số 2026-C-1-001. Gõ /chungchi để xem.",
      "b: Lớp “Bồi dưỡng chức danh Bí thư 2026” đã kết thúc. Bạn chưa dự đủ số buổi nên chưa được cấp chứng chỉ; hãy liên hệ Ban Thường vụ Đoàn Khối nếu cần.",
    ],
  },
  {
    name: "seats reclaimed",
    plan: directEnrolmentPlan(),
    async seed(bot) {
      await seedUnit(bot.store, { id: "u01" }, [
        { userId: "s1", position: "secretary" },
        { userId: "d1", position: "deputy" },
        { userId: "m1", position: "committee" },
      ]);
      await seedUnit(bot.store, { id: "u02" }, [{ userId: "s2", position: "secretary" }]);
      await seedCourse(bot.store, { id: "c-1", capacity: 4, quotas: { u01: 3, u02: 1 } });
      await bot.say("m1", "/ghidanh c-1");
      await bot.say("s2", "/ghidanh c-1");
    },
    by: "admin",
    command: "/thuhoi c-1",
    writes: "courses",
    state: async (bot) => (await bot.store.courses.get("c-1"))!.quotas,
    before: { u01: 3, u02: 1 },
    after: { u01: 1, u02: 1 },
    reply:
      "Đã thu hồi 2 chỗ chưa dùng của 1 đơn vị ở lớp “Nghiệp vụ công tác Đoàn 2026”. Hiện có 2 chỗ mở cho mọi đơn vị đến 23:59 ngày 01/12/2026; 0 người trong danh sách chờ đã được xếp chỗ.",
    queued: [
      "notice:seats-reclaimed:c-1:u01:2026-11-29T03-00-00.000Z:p-d1 pending",
      "notice:seats-reclaimed:c-1:u01:2026-11-29T03-00-00.000Z:p-s1 pending",
    ],
    told: [`d1: ${RECLAIMED}`, `s1: ${RECLAIMED}`],
  },
];

describe.each(backends)("a notice commits with its change, or neither does, on %s", (_, open) => {
  for (const change of changes) {
    it(`${change.name}: a failed commit leaves neither; the update handled again leaves both, the notice delivered once`, async () => {
      const faulty = withCommitFault(await storeOf(open));
      const { sender, sent } = recordingSender();
      const bot = await createTestBot({ plan: change.plan, store: faulty.store, senders: { telegram: sender } });
      await change.seed(bot);
      sent.length = 0;

      faulty.fault = "commit";
      const recorded = bot.sent.length;
      await expect(bot.say(change.by, change.command)).rejects.toThrow("ENOSPC");
      expect(await change.state(bot)).toEqual(change.before);
      expect(await notices(bot)).toEqual([]);
      expect(sent).toEqual([]);
      expect(bot.sent.slice(recorded)).toEqual([]); // the test bot's inbox too

      // The channel hands the update over again once the disk has room.
      faulty.fault = undefined;
      expect(await bot.text(change.by, change.command)).toBe(change.reply);
      expect(await change.state(bot)).toEqual(change.after);
      expect(await notices(bot)).toEqual(change.queued.map((q) => q.replace(/ pending$/, " sent")));
      expect([...sent].sort()).toEqual(change.told);

      // Asked a third time, nothing changes and no one is told again.
      await bot.say(change.by, change.command);
      expect(sent).toHaveLength(change.told.length);
    });

    it(`${change.name}: the process stopping right after the commit leaves both; the delivery after the restart tells once`, async () => {
      const faulty = withCommitFault(await storeOf(open));
      // No channel while the process runs: what it queued waits in the outbox.
      const bot = await createTestBot({ plan: change.plan, store: faulty.store });
      await change.seed(bot);

      faulty.fault = { crashAfter: change.writes };
      await bot.say(change.by, change.command);
      expect(faulty.fault).toBeUndefined(); // the crash happened, right after the change's commit
      expect(await change.state(bot)).toEqual(change.after);
      expect(await notices(bot)).toEqual(change.queued);

      const { sender, sent } = recordingSender();
      const clock = { t: 0, now: () => clock.t, sleep: async (ms: number) => void (clock.t += ms) };
      const delivery = new Delivery({ ...bot.deps, defaultLocale: "vi" }, { telegram: sender }, { clock });
      await delivery.kick();
      await delivery.kick();
      expect([...sent].sort()).toEqual(change.told);
    });
  }
});

describe("a notice apart from any change", () => {
  it("is refused when queued on the store itself", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "m1" }]);
    const render = () => ({ text: "Tin không kèm thay đổi nào" });
    await expect(bot.deps.notify.toPerson("p-m1", noticeKey("test", "1"), render, bot.store)).rejects.toThrow(NoticeOutsideTransaction);
    expect(await bot.store.outbox.count()).toBe(0);
  });
});
