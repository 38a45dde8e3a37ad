/**
 * Scheduler: (1) a broadcast's completion time against the minimum Telegram's limits allow
 * (30 messages/s overall), through a time-scaled fake Bot API; (2) the planner's cost per tick
 * for 66 units, 10k cadres and 50 classes, and at twice that (growth should be about 2×).
 */
import pino from "pino";
import type { Course, Enrollment } from "../src/domain/courses";
import { loadPlan } from "../src/domain/plan";
import type { Cadre, Unit } from "../src/domain/records";
import { audienceRecipients } from "../src/features/broadcast/audience";
import { senderApi, telegramSender } from "../src/channels/telegram/sender";
import { Delivery } from "../src/scheduler/delivery";
import { entryId, newEntry } from "../src/domain/outbox";
import { plan, type PlannerData } from "../src/scheduler/planner";
import { openLowdbStore } from "../src/store/lowdb-store";
import { seedBloc } from "../tests/helpers/chat";
import { startFakeBotApi } from "../tests/telegram/fake-bot-api";
import { report } from "./report";
import { samplePosition } from "./sample-people";

const NOW = new Date("2026-11-29T03:00:00.000Z");
const SCALE = 5;

/** `concurrency`: messages in flight; 1 (the default) keeps the crash guarantee of at most one repeat. */
async function broadcastRatio(units: number, perUnit: number, concurrency: number): Promise<void> {
  const store = await openLowdbStore();
  await seedBloc(store, { units, cadresPerUnit: perUnit, linkedGroups: Math.floor(units / 2) });
  const recipients = await audienceRecipients(store, { kind: "everyone" });
  await store.transaction(async (tx) => {
    for (const to of recipients) {
      const message = { key: "broadcast:message", vars: { text: "Thông báo" } };
      await tx.outbox.put(
        newEntry(
          {
            id: entryId("broadcast:b-1", to),
            kind: "broadcast",
            to,
            message,
            essential: true,
            notBefore: NOW.toISOString(),
            broadcastId: "b-1",
          },
          NOW,
        ),
      );
    }
  });
  const api = await startFakeBotApi({ limits: true, timeScale: SCALE });
  const sender = telegramSender(senderApi(api.token, api.apiRoot));
  const delivery = new Delivery(
    { store, log: pino({ level: "silent" }), now: () => NOW, defaultLocale: "vi" },
    { telegram: sender },
    { timeScale: SCALE, concurrency },
  );
  const started = performance.now();
  await delivery.kick();
  const seconds = (performance.now() - started) / 1000;
  await api.close();
  const minimum = recipients.length / 30 / SCALE;
  report(
    `scheduler broadcast to ${recipients.length} recipients, ${concurrency} in flight, time ×${SCALE} (vs the 30/s minimum ${minimum.toFixed(1)} s; target ≤ 1.10)`,
    seconds,
    "s",
    seconds / minimum,
  );
}

function plannerData(scale: number): PlannerData {
  const at = "2026-01-05T02:00:00.000Z";
  const positions: Cadre["position"][] = ["secretary", "deputy", "committee", "committee", "member", "member", "member", "member"];
  const units: Unit[] = Array.from({ length: 66 * scale }, (_, i) => ({
    id: `u${i}`,
    name: `Đoàn cơ sở ${i}`,
    type: "agency",
    members: 150,
    groups: [{ channel: "telegram", chatId: `-100${i}`, linkedBy: "p-a", at }],
  }));
  const cadres: Cadre[] = Array.from({ length: 10_000 * scale }, (_, i) => ({
    id: `p-${i}`,
    fullName: "Nguyễn Văn Mẫu",
    unitId: `u${i % units.length}`,
    position: samplePosition(i, units.length, positions),
    electedOn: i % 97 === 0 ? "2026-06-01" : undefined,
    theoryLevel: "basic",
    professionalLevel: "university",
    birthYear: 1995,
    status: "approved",
    consent: { purposes: ["training"], at },
    registeredAt: at,
  }));
  const courses: Course[] = Array.from({ length: 50 * scale }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, "0");
    return {
      id: `c${i}`,
      kind: ["youth-work", "supplementary", "title-secretary"][i % 3]!,
      title: `Lớp ${i}`,
      year: 2026,
      sessions: [1, 2, 3].map((s) => ({ id: `s${s}`, date: `2026-12-${day}`, start: "08:00", end: "11:00", place: "Hội trường" })),
      deadline: `2026-12-${day}T01:00:00.000Z`,
      capacity: 200,
      lecturers: [],
      quotas: Object.fromEntries(units.map((u) => [u.id, 3])),
      status: "open",
      createdBy: "p-a",
      createdAt: "2026-11-01T02:00:00.000Z",
    };
  });
  const enrollments: Enrollment[] = courses.flatMap((c, ci) =>
    Array.from({ length: 40 }, (_, k) => ({
      id: `e${ci}-${k}`,
      courseId: c.id,
      personId: `p-${(ci * 40 + k) % cadres.length}`,
      unitId: "u0",
      status: "enrolled" as const,
      at,
      seq: k,
      attendance: {},
    })),
  );
  return {
    plan: loadPlan("data/plan.json"),
    timeZone: "Asia/Ho_Chi_Minh",
    units,
    cadres,
    courses,
    enrollments,
    certificates: [],
    reports: [],
  };
}

/** Mean ms of `plan` over a day of minute ticks (each covering the minute since the last). */
function plannerCost(scale: number): { ms: number; dues: number } {
  const data = plannerData(scale);
  const ticks = 1440;
  let dues = 0;
  plan({ ...data, lastTickAt: new Date(NOW.getTime() - 60_000) }, NOW); // warm up
  const started = performance.now();
  for (let i = 1; i <= ticks; i++) {
    const now = new Date(Date.parse("2026-11-30T00:00:00.000Z") + i * 60_000);
    dues += plan({ ...data, lastTickAt: new Date(now.getTime() - 60_000) }, now).length;
  }
  return { ms: (performance.now() - started) / ticks, dues };
}

export async function run(): Promise<void> {
  await broadcastRatio(20, 50, 1);
  await broadcastRatio(20, 50, 4);
  const one = plannerCost(1);
  report(
    `scheduler planner per tick, 66 units / 10k cadres / 50 classes (${one.dues} dues over a day; vs 20 ms target)`,
    one.ms,
    "ms",
    one.ms / 20,
  );
  const two = plannerCost(2);
  report(`scheduler planner per tick at 2× data (growth vs 1×, linear ≈ 2)`, two.ms, "ms", two.ms / one.ms);
}
