/** Small helpers the classes feature shares: finding a class, naming its kind, formatting sessions. */
import type { Actor } from "../../app/actor";
import { approversOf } from "../../domain/cadres";
import type { Deps } from "../../app/deps";
import { DomainError } from "../../app/errors";
import type { Incoming } from "../../app/messages";
import type { Course, Session } from "../../domain/courses";
import type { Plan } from "../../domain/plan";
import type { Cadre, Locale, Unit } from "../../domain/records";
import { formatDateTime, type T } from "../../i18n";
import type { Collections } from "../../store/store";

/** The class asked for does not exist. */
export class NoSuchClass extends DomainError {
  constructor(id: string) {
    super("classes:errors.noSuchClass", { id });
    this.name = "NoSuchClass";
  }
}

/** The action needs an approved cadre record. */
export class NotACadre extends DomainError {
  constructor() {
    super("classes:errors.notACadre");
    this.name = "NotACadre";
  }
}

/** The class is no longer open (completed or cancelled). */
export class ClassClosed extends DomainError {
  constructor(title: string) {
    super("classes:errors.classClosed", { title });
    this.name = "ClassClosed";
  }
}

/** Reads a class by id, or throws `NoSuchClass`. */
export async function getCourse(store: Pick<Collections, "courses">, id: string): Promise<Course> {
  const course = id ? await store.courses.get(id) : undefined;
  if (!course) throw new NoSuchClass(id);
  return course;
}

/** The actor's approved cadre record, or throws `NotACadre`. */
export function requireCadre(actor: Actor): Cadre {
  if (actor.cadre?.status !== "approved") throw new NotACadre();
  return actor.cadre;
}

/** The language a translate function speaks. */
export function localeOf(t: T): Locale {
  return (t as unknown as { lng?: string }).lng === "en" ? "en" : "vi";
}

/** The plan's name of a course kind, in the reader's language. */
export function kindName(plan: Plan, kindId: string, t: T): string {
  return plan.courseKinds.find((k) => k.id === kindId)?.name[localeOf(t)] ?? kindId;
}

/** A wall-clock date `2026-12-05` as `05/12/2026`. */
export function dayText(isoDate: string): string {
  return `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
}

/** `05/12/2026 08:00–11:00, Hội trường A`. */
export function sessionLine(session: Session, _timeZone?: string): string {
  return `${dayText(session.date)} ${session.start}–${session.end}, ${session.place}`;
}

const moments = new Map<string, string>();

/** An instant as `HH:mm dd/mm/yyyy` in the time zone, remembered (deadlines repeat on every schedule). */
export function momentText(iso: string, timeZone: string): string {
  const key = `${timeZone} ${iso}`;
  let text = moments.get(key);
  if (text === undefined) {
    if (moments.size > 5000) moments.clear();
    moments.set(key, (text = formatDateTime(iso, timeZone)));
  }
  return text;
}

/** The registration deadline, `23:59 01/12/2026`. */
export function deadlineText(course: Course, timeZone: string): string {
  return momentText(course.deadline, timeZone);
}

/** The person ids of a unit's approved Secretary and Deputies. */
export async function officersOf(deps: Deps, unitId: string): Promise<string[]> {
  return approversOf(await deps.store.cadres.find({ unitId, status: "approved" }), unitId).map((c) => c.id);
}

/** The unit a group chat is linked to, if any. */
export async function unitOfChat(deps: Deps, msg: Incoming): Promise<Unit | undefined> {
  if (msg.chatType !== "group") return undefined;
  const units = await deps.store.units.all();
  return units.find((u) => u.groups.some((g) => g.channel === msg.channel && g.chatId === msg.chatId));
}

/** Splits command arguments on spaces. */
export function words(args: string): string[] {
  return args.split(/\s+/).filter(Boolean);
}

/** A class is upcoming while it is open and its last session has not passed. */
export function isUpcoming(course: Course, today: string): boolean {
  return course.status === "open" && course.sessions.some((s) => s.date >= today);
}
