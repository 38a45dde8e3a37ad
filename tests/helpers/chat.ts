/**
 * A bot in a test: the real chat core on an in-memory store, a fixed clock, and the real notifier,
 * which queues notices in the outbox; the bot records what each person or chat was queued. With
 * channel senders, a real delivery sends the outbox through them, and every update resolves once
 * what it queued was delivered. `say` talks to it as a person would.
 */
import pino from "pino";
import { buildChat } from "../../src/build";
import type { Deps, Notifier } from "../../src/app/deps";
import { createNotifier } from "../../src/app/notices";
import { Delivery } from "../../src/scheduler/delivery";
import type { ChannelSender } from "../../src/app/sender";
import type { ChatCore } from "../../src/chat/core";
import type { ChatAddress, Incoming, Reply } from "../../src/app/messages";
import type { Plan } from "../../src/domain/plan";
import { currentPlan, plan49 } from "./plan";
import type { Certificate, Enrollment } from "../../src/domain/courses";
import { account, cadre, certificate, enrollment, linkedGroup, person, statusReport, unit } from "./records";
import type { Cadre, ChannelName, Unit } from "../../src/domain/records";
import type { StatusReport } from "../../src/domain/reports";
import { translator } from "../../src/i18n";
import { openLowdbStore } from "../../src/store/lowdb-store";
import type { Store } from "../../src/store/store";
import { entryId } from "../../src/domain/outbox";
import { planSource } from "../../src/app/plans";

export interface Sent {
  to: { personId: string } | ChatAddress;
  reply: Reply;
  /** The outbox entry's key. */
  key: string;
}

export interface TestBot {
  deps: Deps;
  store: Store;
  /** The chat core's own entry, for channel adapters under test (Zalo, console). */
  handle(msg: Incoming): Promise<Reply[]>;
  /** The features' composers of scheduler messages (for `startScheduler`). */
  composers: ChatCore["composers"];
  /** Messages queued for others than the person who wrote (notices), oldest first. */
  sent: Sent[];
  /** With senders: the delivery that sends the outbox through them. */
  delivery?: Delivery;
  /** Moves the clock. */
  setNow(iso: string): void;
  /** The plan running now, as the next update reads it from the store. */
  runningPlan(): Promise<Plan>;
  /** Sends text (or a button's payload) as a user, in private chat unless `chat` says otherwise. */
  say(userId: string, text: string, chat?: Partial<Incoming>): Promise<Reply[]>;
  /** Same as say, returning the replies' texts joined by a blank line. */
  text(userId: string, text: string, chat?: Partial<Incoming>): Promise<string>;
  /** Notices queued for a person, as text. */
  inbox(personId: string): string[];
  /** Notices queued for a person, with their buttons. */
  inboxReplies(personId: string): Reply[];
}

/** The data of the button labelled `label` in the replies; throws when there is none. */
export function buttonData(replies: Reply | Reply[], label: string | RegExp): string {
  const all = (Array.isArray(replies) ? replies : [replies]).flatMap((r) => (r.buttons ?? []).flat());
  const found = all.find((b) => (typeof label === "string" ? b.label === label : label.test(b.label)));
  if (!found) throw new Error(`no button ${label} among ${all.map((b) => b.label).join(", ")}`);
  return found.data;
}

let counter = 0;

/** What the recording notifier saw queued in each transaction still running: it counts once that transaction commits. */
const queuedIn = new WeakMap<object, (() => void)[]>();
const watched = new WeakSet<Store>();

/**
 * Makes `store`'s transactions report their commit to the recording notifier: a notice queued in a
 * transaction that then fails is not in the inbox, as it is not in the outbox.
 */
function watchCommits(store: Store): void {
  if (watched.has(store)) return;
  watched.add(store);
  const transaction = store.transaction.bind(store);
  store.transaction = async (fn, options) => {
    let queued: (() => void)[] = [];
    const result = await transaction((tx) => {
      queued = [];
      queuedIn.set(tx, queued);
      return fn(tx);
    }, options);
    for (const record of queued) record();
    return result;
  };
}

export interface TestBotOptions {
  now?: string;
  adminIds?: string[];
  plan?: Plan;
  store?: Store;
  /**
   * Channel senders (filled in once the channels run, as main.ts does): notices are then
   * delivered through the real delivery, so they arrive as messages in the person's chat.
   */
  senders?: Partial<Record<ChannelName, ChannelSender>>;
  /** The clock the plan source checks the store by, at most once a second of it (Date.now). */
  planClock?: () => number;
  /** Divides the delivery's durations (its limits, a 429's wait), for a time-scaled fake server (100). */
  timeScale?: number;
}

export async function createTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const store = options.store ?? (await openLowdbStore());
  let now = new Date(options.now ?? "2026-11-29T03:00:00.000Z");
  const sent: Sent[] = [];
  watchCommits(store);
  /** Records a notice once the transaction it was queued in has committed. */
  const record = (tx: object, notice: Sent) => {
    const queued = queuedIn.get(tx);
    if (queued) queued.push(() => sent.push(notice));
    else sent.push(notice);
  };
  const base: Omit<Deps, "notify"> = {
    store,
    plan: options.plan ?? currentPlan(),
    config: { adminIds: options.adminIds ?? ["telegram:admin"], defaultLocale: "vi", timeZone: "Asia/Ho_Chi_Minh" },
    now: () => now,
    log: pino({ level: "silent" }),
    newId: (prefix) => `${prefix}-${++counter}`,
  };
  // Plans are store records: Plan 49 kept as history, and the plan the bot runs with.
  if ((await store.plans.count()) === 0) {
    if (base.plan.id !== plan49().id) await store.plans.put(plan49());
    await store.plans.put(base.plan);
  }
  // Every update and tick reads the plan running that day from the store, as in main.ts.
  base.plans = planSource(store, base.config.timeZone, base.plan, { clock: options.planClock });
  const delivery =
    options.senders && new Delivery({ ...base, defaultLocale: "vi" }, options.senders, { timeScale: options.timeScale ?? 100 });
  const real = createNotifier(base, () => void delivery?.kick());
  const recording = (inner: Notifier): Notifier => ({
    async toPerson(personId, key, render, tx) {
      const queued = !(await tx.outbox.get(entryId(key, { type: "person", personId })));
      await inner.toPerson(personId, key, render, tx);
      if (queued) record(tx, { to: { personId }, key, reply: render(translator((await tx.people.get(personId))?.locale ?? "vi")) });
    },
    async toChat(chat, key, render, tx) {
      await inner.toChat(chat, key, render, tx);
      record(tx, { to: { channel: chat.channel, chatId: chat.chatId }, key, reply: render(translator("vi")) });
    },
    scope: () => recording(inner.scope()),
    flush: () => inner.flush(),
  });
  const notify = recording(real);
  const deps: Deps = { ...base, notify };
  const core = buildChat(deps);
  /** The core's answer, once what the update queued was delivered (with senders). */
  const handle = async (msg: Incoming) => {
    const replies = await core.handle(msg);
    await delivery?.kick();
    return replies;
  };
  const say = (userId: string, text: string, chat: Partial<Incoming> = {}) =>
    handle({ channel: "telegram", chatId: userId, userId, chatType: "private", text, ...chat });
  return {
    deps,
    store,
    handle,
    delivery,
    composers: core.composers,
    sent,
    setNow: (iso) => void (now = new Date(iso)),
    runningPlan: () => base.plans!.running(now),
    say,
    text: async (userId, text, chat) => (await say(userId, text, chat)).map((r) => r.text).join("\n\n"),
    inbox: (personId) => sent.filter((s) => "personId" in s.to && s.to.personId === personId).map((s) => s.reply.text),
    inboxReplies: (personId) => sent.filter((s) => "personId" in s.to && s.to.personId === personId).map((s) => s.reply),
  };
}

/** Puts a unit and approved cadres (plain members unless said) straight into the store, with accounts on `channel` (Telegram unless said); returns the person ids. */
export async function seedUnit(
  store: Store,
  u: Partial<Unit> & { id: string },
  cadres: (Partial<Cadre> & { userId: string })[] = [],
  channel: ChannelName = "telegram",
): Promise<string[]> {
  await store.units.put(unit(u.id, u));
  const ids: string[] = [];
  for (const { userId, ...c } of cadres) {
    const id = `p-${userId}`;
    await store.people.put(person(id));
    await store.accounts.put(account(channel, userId, id));
    await store.cadres.put(cadre(id, u.id, { position: "member", ...c, id }));
    ids.push(id);
  }
  return ids;
}

// ---- Seeders for enrolments, certificates and reports (classes: helpers/classes.ts) ----

/** Puts an enrolment straight into the store. */
export async function seedEnrollment(
  store: Store,
  e: Partial<Enrollment> & { courseId: string; personId: string; unitId: string },
): Promise<Enrollment> {
  return store.enrollments.put(enrollment(e.courseId, e.personId, e.unitId, e));
}

/** Puts a certificate straight into the store (a title certificate with `title: true`). */
export async function seedCertificate(
  store: Store,
  c: Partial<Certificate> & { personId: string; issuedOn: string },
): Promise<Certificate> {
  return store.certificates.put(certificate(c.personId, c.issuedOn, c));
}

/** Puts a unit's status report straight into the store (no history). */
export async function seedReport(
  store: Store,
  r: { unitId: string; period: string; submittedAt: string; late?: boolean; submittedBy?: string },
): Promise<StatusReport> {
  const { unitId, period, submittedAt, ...extra } = r;
  return store.reports.put(statusReport(unitId, period, submittedAt, extra));
}

/**
 * Seeds a whole bloc in one transaction: `units` units (`u1`…), each with `cadresPerUnit` approved
 * cadres on Telegram (user ids `<unit>-<n>`, the first a Secretary, the others plain members) and,
 * for the first `linkedGroups` units, a linked Telegram group (chat id `-100<n>`). Returns the person ids.
 */
export async function seedBloc(store: Store, options: { units: number; cadresPerUnit: number; linkedGroups?: number }): Promise<string[]> {
  const ids: string[] = [];
  await store.transaction(async (tx) => {
    for (let u = 1; u <= options.units; u++) {
      const unitId = `u${u}`;
      const groups = u <= (options.linkedGroups ?? 0) ? [linkedGroup(`-100${u}`)] : [];
      await tx.units.put(unit(unitId, { members: options.cadresPerUnit, groups }));
      for (let n = 1; n <= options.cadresPerUnit; n++) {
        const userId = `${unitId}-${n}`;
        const id = `p-${userId}`;
        await tx.people.put(person(id));
        await tx.accounts.put(account("telegram", userId, id));
        await tx.cadres.put(cadre(id, unitId, { position: n === 1 ? "secretary" : "member" }));
        ids.push(id);
      }
    }
  });
  return ids;
}
