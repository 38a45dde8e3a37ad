/** Small helpers the classes feature shares: finding a class, naming its kind, formatting sessions. */
import { addDays, dmy, localDate } from "../../domain/zoned-time";
import type { Actor } from "../../app/actor";
import { unitOfficers } from "../../app/secretary";
import type { Deps } from "../../app/deps";
import { DomainError } from "../../app/errors";
import type { Incoming } from "../../app/messages";
import { classCode, normalClassCode, type Course, type Session } from "../../domain/courses";
import type { Plan } from "../../domain/plan";
import type { Cadre, Unit } from "../../domain/records";
import { formatDateTime, localeOfT, type T } from "../../i18n";
import type { Ctx } from "../../chat/context";
import type { Reply } from "../../app/messages";
import { excerpt } from "../../domain/text";
import { pageArg, pickerPage } from "../../chat/pages";
import type { Collections } from "../../store/store";

/** The class asked for does not exist. */
export class NoSuchClass extends DomainError {
  constructor(id: string) {
    super("classes:errors.noSuchClass", { id });
    this.name = "NoSuchClass";
  }
}

/** The action needs an approved cadre record (the sentence differs while one is waiting for approval). */
export class NotACadre extends DomainError {
  constructor(pending = false) {
    super(pending ? "classes:errors.pendingCadre" : "classes:errors.notACadre");
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

/**
 * Reads a class by its short code as typed (`L26-03`, `l26-3`) or by its id (classes created before
 * codes, buttons of old messages), or throws `NoSuchClass`.
 */
export async function getCourse(store: Pick<Collections, "courses">, codeOrId: string): Promise<Course> {
  const code = normalClassCode(codeOrId);
  const course = code ? (await store.courses.find({ code }))[0] : codeOrId ? await store.courses.get(codeOrId) : undefined;
  if (!course) throw new NoSuchClass(codeOrId);
  return course;
}

/** The actor's approved cadre record, or throws `NotACadre`. */
export function requireCadre(actor: Actor): Cadre {
  if (actor.cadre?.status !== "approved") throw new NotACadre(actor.cadre?.status === "pending");
  return actor.cadre;
}

/** The plan's name of a course kind, in the reader's language. */
export function kindName(plan: Plan, kindId: string, t: T): string {
  return plan.courseKinds.find((k) => k.id === kindId)?.name[localeOfT(t)] ?? kindId;
}

/** A wall-clock date `2026-12-05` as `05/12/2026`. */
export function dayText(isoDate: string): string {
  return dmy(isoDate.slice(0, 10));
}

/** Today's date (ISO) where the bot runs: a date typed without its year is the next such day from it. */
export function todayOf(deps: Pick<Deps, "now" | "config">): string {
  return localDate(deps.now(), deps.config.timeZone);
}

/**
 * The dates the session prompts show as examples, a week and eight days ahead, so copying an
 * example gives sessions still to come.
 */
export function sessionExamples(deps: Pick<Deps, "now" | "config">): { first: string; second: string } {
  const today = todayOf(deps);
  return { first: dmy(addDays(today, 7)), second: dmy(addDays(today, 8)) };
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

/** The registration deadline as people read it: `23:59 ngày 01/12/2026` (`23:59 on 01/12/2026`). */
export function deadlineText(course: Pick<Course, "deadline">, timeZone: string, t: T): string {
  const [time, date] = momentText(course.deadline, timeZone).split(" ");
  return t("classes:deadlineAt", { time, date });
}

/** The person ids of a unit's approved Secretary and Deputies. */
export async function officersOf(c: Pick<Collections, "cadres">, unitId: string): Promise<string[]> {
  return (await unitOfficers(c, unitId)).map((c) => c.id);
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

/**
 * True when a class command's arguments ask for its picker: none, or only a page (`trang 2`,
 * what the picker's "Xem thêm" sends).
 * @example if (!courseId || asksPicker(ctx.args)) return pickClass(ctx, "huylop", (c) => c.status === "open");
 */
export function asksPicker(args: string): boolean {
  const rest = args.trim();
  return rest === "" || pageArg(rest).rest === "";
}

/**
 * What a class command answers when called without a class: the classes it may act on, as
 * buttons (numbers where a channel has none) sending `/<command> <id>`, earliest first (latest
 * first with `newestFirst`, for a list over all the years), 15 a page with "Xem thêm".
 * @example return pickClass(ctx, "huylop", (c) => c.status === "open");
 */
export async function pickClass(
  ctx: Ctx,
  command: string,
  which: (c: Course) => boolean | Promise<boolean>,
  o: { newestFirst?: boolean } = {},
): Promise<Reply> {
  const all = await ctx.deps.store.courses.all();
  const chosen: Course[] = [];
  for (const c of all) if (c.sessions.length && (await which(c))) chosen.push(c);
  const startOf = (c: Course) => c.sessions[0]!.date + c.sessions[0]!.start;
  chosen.sort((a, b) => (o.newestFirst ? -1 : 1) * startOf(a).localeCompare(startOf(b)));
  if (chosen.length === 0) return { text: ctx.t(`classes:picker.none.${command}`, { defaultValue: ctx.t("classes:picker.none.any") }) };
  const choices = chosen.map((c) => ({
    label: `${classCode(c)} · ${excerpt(c.title, 40, true)} — ${dayText(c.sessions[0]!.date)}`,
    data: `/${command} ${classCode(c)}`,
  }));
  return pickerPage(ctx.t, { head: ctx.t("classes:picker.choose"), choices, page: pageArg(ctx.args).page, command: `/${command}` });
}
