/**
 * What every kind of due message shares: the data the planner reads, indexed once per tick,
 * the window of time a tick covers, and the `Due` it produces.
 */
import type { Certificate, Course, Enrollment } from "../../domain/courses";
import type { GroupLink } from "../../domain/fields";
import type { MessageSpec } from "../../domain/outbox";
import { oneSecretaryEach } from "../../domain/cadres";
import { satisfies } from "../../domain/counting";
import type { Plan } from "../../domain/plan";
import type { Cadre, ChannelName, Position, Unit } from "../../domain/records";
import type { StatusReport } from "../../domain/reports";
import { deferQuiet } from "../../domain/zoned-time";

/** Everything the planner reads; the store's collections, as arrays. */
export interface PlannerData {
  plan: Plan;
  timeZone: string;
  units: readonly Unit[];
  cadres: readonly Cadre[];
  courses: readonly Course[];
  enrollments: readonly Enrollment[];
  certificates: readonly Certificate[];
  reports: readonly StatusReport[];
  /** The bloc's Standing Committee groups (`/lienket khoi`); none linked: absent or empty. */
  blocGroups?: readonly GroupLink[];
  /** When the previous tick planned; absent on the first start. */
  lastTickAt?: Date;
}

/** Who a due message goes to; `admins` is expanded to each admin when it enters the outbox. */
export type DueRecipient =
  | { type: "person"; personId: string }
  | { type: "chat"; channel: ChannelName; chatId: string; group: boolean }
  | { type: "admins" };

/** One message the data says is due now. */
export interface Due {
  /** Kind, subject and step, without the recipient: `nudge:report:2026-Q4:u17:d-3`. */
  key: string;
  kind: string;
  recipient: DueRecipient;
  message: MessageSpec;
  /** Essential messages reach people who muted nudges (/nhacnho). */
  essential: boolean;
  /** When it became due. */
  at: Date;
  /** When it may be sent: `at`, or the end of the quiet hours. */
  notBefore: Date;
  /** After this it has lost its point. */
  staleAt: Date;
}

/** The data indexed for one tick, and the window `(from, to]` the tick covers. */
export class PlanContext {
  readonly unitById = new Map<string, Unit>();
  readonly approved: Cadre[] = [];
  readonly cadresByUnit = new Map<string, Cadre[]>();
  /** People holding a certificate the plan counts for newly elected Secretaries (T2, R3). */
  readonly trainedSecretaries = new Set<string>();
  readonly reported = new Set<string>();
  private readonly takers = new Map<string, Set<string>>();
  private readonly seats = new Map<string, number>();
  private readonly enrolledBy = new Map<string, string[]>();

  constructor(
    readonly data: PlannerData,
    readonly now: Date,
    /** Start of the window, exclusive (ms). */
    readonly from: number,
  ) {
    for (const u of data.units) this.unitById.set(u.id, u);
    for (const c of data.cadres) {
      if (c.status !== "approved") continue;
      this.approved.push(c);
      push(this.cadresByUnit, c.unitId, c);
    }
    for (const cert of data.certificates) if (satisfies(data.plan, "newlyElected", cert)) this.trainedSecretaries.add(cert.personId);
    for (const r of data.reports) this.reported.add(`${r.unitId}:${r.period}`);
    for (const e of data.enrollments) {
      if (e.status === "withdrawn") continue;
      let set = this.takers.get(e.courseId);
      if (!set) this.takers.set(e.courseId, (set = new Set()));
      set.add(e.personId);
      if (e.status === "enrolled") {
        const k = `${e.courseId}:${e.unitId}`;
        this.seats.set(k, (this.seats.get(k) ?? 0) + 1);
        push(this.enrolledBy, e.courseId, e.personId);
      }
    }
  }

  get plan(): Plan {
    return this.data.plan;
  }

  get timeZone(): string {
    return this.data.timeZone;
  }

  /** True when `at` falls in this tick's window and its point is not lost by now. */
  due(at: Date, staleAt: Date): boolean {
    const t = at.getTime();
    return t > this.from && t <= this.now.getTime() && staleAt.getTime() > this.now.getTime();
  }

  /** Makes a Due, deferring it past the quiet hours. */
  make(d: Omit<Due, "notBefore">): Due {
    return { ...d, notBefore: deferQuiet(d.at, this.plan.reminders.quietHours, this.timeZone) };
  }

  /** The chats linked to a unit, as recipients. */
  groupsOf(unitId: string): DueRecipient[] {
    return (this.unitById.get(unitId)?.groups ?? []).map((g) => ({ type: "chat", channel: g.channel, chatId: g.chatId, group: true }));
  }

  /** Every linked group of every unit. */
  allGroups(): DueRecipient[] {
    return this.data.units.flatMap((u) => this.groupsOf(u.id));
  }

  /** The bloc's Standing Committee groups, as recipients. */
  blocGroups(): DueRecipient[] {
    return (this.data.blocGroups ?? []).map((g) => ({ type: "chat", channel: g.channel, chatId: g.chatId, group: true }));
  }

  /** Approved Secretaries and Deputies of a unit. */
  officersOf(unitId: string): Cadre[] {
    return oneSecretaryEach(this.cadresByUnit.get(unitId) ?? []).filter((c) => c.position === "secretary" || c.position === "deputy");
  }

  /** Positions eligible for a course kind (R1), from the plan's audiences. */
  eligiblePositions(kindId: string): Set<Position> {
    const kind = this.plan.courseKinds.find((k) => k.id === kindId);
    const audiences = this.plan.audiences.filter((a) => kind?.audiences.includes(a.id));
    return new Set(audiences.flatMap((a) => a.positions));
  }

  /** People enrolled or waitlisted in a course. */
  takersOf(courseId: string): Set<string> {
    return this.takers.get(courseId) ?? new Set();
  }

  /** People holding a seat (enrolled) in a course. */
  enrolledIn(courseId: string): string[] {
    return this.enrolledBy.get(courseId) ?? [];
  }

  /** Seats of a unit taken in a course. */
  seatsUsed(courseId: string, unitId: string): number {
    return this.seats.get(`${courseId}:${unitId}`) ?? 0;
  }

  /** The kind's name in both languages, for message variables. */
  kindName(kindId: string): { vi: string; en: string } {
    return this.plan.courseKinds.find((k) => k.id === kindId)?.name ?? { vi: kindId, en: kindId };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A person recipient. */
export function person(personId: string): DueRecipient {
  return { type: "person", personId };
}

export const admins: DueRecipient = { type: "admins" };
