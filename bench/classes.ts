/**
 * Enrolment throughput at 10k cadres and 50 classes: `/ghidanh` through the chat core (on the lowdb
 * store in a temp directory, so enrolments are acknowledged after fsync, and in memory), beside a bare
 * grammY bot answering a text in the same run (an API transformer answers its calls locally).
 * `/lichhoc` as a person feels it is measured by bench/webhook.ts.
 */
import { benchDeps } from "./deps";
import { rate } from "./rate";
import { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildChat } from "../src/build";
import type { ChatCore } from "../src/chat/core";
import type { Course } from "../src/domain/courses";
import { defaultQuotas, isEligible } from "../src/domain/enrolment";
import { loadPlan, type Plan } from "../src/domain/plan";
import type { Position } from "../src/domain/records";
import { openLowdbStore } from "../src/store/lowdb-store";
import type { Store } from "../src/store/store";
import { report } from "./report";
import { putSamplePerson, samplePosition } from "./sample-people";

const CADRES = 10_000;
const CLASSES = 50;
const UNITS = 66;
const CALLERS = 100;
const NOW = "2026-11-29T03:00:00.000Z";
const AT = "2026-01-05T02:00:00.000Z";
const positions: Position[] = ["member", "member", "committee", "committee", "secretary", "deputy", "lecturer"];

const botInfo: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: "bench",
  username: "bench_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
} as UserFromGetMe;

function textUpdate(id: number, userId: number, text: string) {
  return {
    update_id: id,
    message: {
      message_id: id,
      date: 0,
      chat: { id: userId, type: "private" as const, first_name: "A" },
      from: { id: userId, is_bot: false, first_name: "A" },
      text,
    },
  };
}

/** A grammY bot whose API calls are answered locally, without network. */
function offlineBot(): Bot {
  const bot = new Bot("1:bench", { botInfo });
  bot.api.config.use(async (_prev, _method, payload) => {
    const p = payload as { chat_id?: number; text?: string };
    return { ok: true, result: { message_id: 1, date: 0, chat: { id: p.chat_id ?? 0, type: "private" }, text: p.text ?? "" } } as never;
  });
  return bot;
}

/** 66 units, 10k approved cadres with Telegram accounts, 50 open classes half full. */
export async function seed(store: Store, plan: Plan): Promise<void> {
  const units = Array.from({ length: UNITS }, (_, i) => ({
    id: `u${i + 1}`,
    name: `Đoàn cơ sở mẫu ${i + 1}`,
    type: "agency",
    members: 20 + ((i * 37) % 120),
    groups: [],
  }));
  const quotas = defaultQuotas(60, units);
  await store.transaction(async (tx) => {
    for (const u of units) await tx.units.put(u);
    for (let i = 0; i < CADRES; i++) {
      await putSamplePerson(tx, i, units[i % UNITS]!.id, { position: samplePosition(i, UNITS, positions) });
    }
    const kinds = ["youth-work", "supplementary", "lecturers", "title-secretary"];
    for (let c = 0; c < CLASSES; c++) {
      const day = String(1 + (c % 28)).padStart(2, "0");
      const course: Course = {
        id: `c-${c}`,
        kind: kinds[c % kinds.length]!,
        title: `Lớp bồi dưỡng số ${c}`,
        year: 2027,
        sessions: [1, 2, 3].map((s) => ({
          id: `s${s}`,
          date: `2027-0${s}-${day}`,
          start: "08:00",
          end: "11:00",
          place: "Hội trường Đoàn Khối",
        })),
        deadline: "2026-12-31T16:59:00.000Z",
        capacity: 60,
        lecturers: [],
        quotas,
        status: "open",
        createdBy: "p-0",
        createdAt: AT,
      };
      await tx.courses.put(course);
      // Half the seats already taken, by eligible cadres spread over the units.
      for (let k = 0, i = c; k < 30; i += 7) {
        const cadre = (await tx.cadres.get(`p-${i % CADRES}`))!;
        if (!isEligible(plan, course.kind, cadre)) continue;
        await tx.enrollments.put({
          id: `${course.id}:${cadre.id}`,
          courseId: course.id,
          personId: cadre.id,
          unitId: cadre.unitId,
          status: "enrolled",
          at: AT,
          seq: ++k,
          attendance: {},
        });
      }
    }
  });
}

function say(core: ChatCore, user: number, text: string) {
  return core.handle({ channel: "telegram", chatId: String(user), userId: String(user), chatType: "private", text });
}

/** Runs the classes bench and prints its lines. */
export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "doan-bench-classes-"));
  const store = await openLowdbStore({ dir });
  try {
    const plan = loadPlan("data/plan.json");
    await seed(store, plan);
    const deps = benchDeps(store, plan, NOW, []);
    const core = buildChat(deps);

    const bare = offlineBot();
    bare.on("message:text", (ctx) => ctx.reply("pong"));
    const bareRate = await rate(1, (n) => bare.handleUpdate(textUpdate(n, n % CADRES, "hello")));
    console.log(
      `classes at ${CADRES} cadres, ${CLASSES} classes (baseline: bare grammY bot answering a text, ${Math.round(bareRate)} updates/s)`,
    );
    const enrolRate = await rate(CALLERS, (n) => say(core, n % CADRES, `/ghidanh c-${Math.floor(n / CADRES) % CLASSES}`));
    report(`classes /ghidanh via chat core (${CALLERS} callers, lowdb on disk, fsync'd)`, enrolRate, "updates/s", enrolRate / bareRate);
    const memory = await openLowdbStore();
    await seed(memory, plan);
    const memoryCore = buildChat({ ...deps, store: memory });
    const memoryRate = await rate(CALLERS, (n) => say(memoryCore, n % CADRES, `/ghidanh c-${Math.floor(n / CADRES) % CLASSES}`));
    report(`classes /ghidanh via chat core (${CALLERS} callers, in-memory store)`, memoryRate, "updates/s", memoryRate / bareRate);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
