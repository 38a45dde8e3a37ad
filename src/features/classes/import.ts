/**
 * Classes from a workbook (admins): one sheet, one row per class, the sessions one per line in their
 * cell. Every row is checked first; nothing is created while any row is wrong, and each problem is
 * named by row and column. Quotas are spread by unit size, to be edited with /phanbo.
 */
import { authorize } from "../../app/authorize";
import type ExcelJS from "exceljs";
import { cellText, readSheet, SheetRefused, type SheetRow } from "../../app/sheet-reader";
import type { Answer, Ctx } from "../../chat/feature";
import { lengthLimits, numberLimits, sheetRows } from "../../domain/limits";
import { parseCount, parseDeadline, parseLecturers, parseSessions } from "../../domain/course-input";
import { excerpt, fold, tidy } from "../../domain/text";
import { deadlineText, sessionExamples, todayOf } from "./common";
import { Course, classCode } from "../../domain/courses";
import { buildCourse, courseProblems, putNewCourses, type NewCourse } from "./create";
import { openUnits } from "../../domain/units";

/** The columns, by the locale key of their header; a workbook is a class workbook when its first row has them all. */
export const columns = ["kind", "title", "year", "sessions", "deadline", "capacity", "lecturers"] as const;
type Column = (typeof columns)[number];

interface Problem {
  row: number;
  column: Column;
  key: string;
  vars?: Record<string, unknown>;
}

/** Maps each column to its 0-based index by the headers of the first row, in either language; undefined when one is missing. */
function headerIndexes(ctx: Ctx, head: readonly ExcelJS.CellValue[]): Map<Column, number> | undefined {
  const headers = new Map<string, number>();
  head.forEach((value, col) => headers.set(fold(cellText(value)), col));
  const out = new Map<Column, number>();
  for (const c of columns) {
    const index = headers.get(fold(ctx.t(`classes:import.columns.${c}`)));
    if (index === undefined) return undefined;
    out.set(c, index);
  }
  return out;
}

function kindOf(ctx: Ctx, text: string): string | undefined {
  const wanted = fold(text);
  return ctx.deps.plan.courseKinds.find((k) => k.id === text.trim() || fold(k.name.vi) === wanted || fold(k.name.en) === wanted)?.id;
}

function readRow(ctx: Ctx, get: (c: Column) => string, row: number, problems: Problem[]): NewCourse | undefined {
  const before = problems.length;
  const fail = (column: Column, key: string, vars?: Record<string, unknown>) => problems.push({ row, column, key, vars });
  const kind = kindOf(ctx, get("kind"));
  if (!kind) fail("kind", "classes:input.unknownKindImport", { kind: excerpt(get("kind")) });
  const title = tidy(get("title"));
  if (!Course.shape.title.safeParse(title).success) fail("title", "classes:input.badTitle", lengthLimits(Course.shape.title));
  const year = parseCount(get("year"), Course.shape.year);
  if (!year) fail("year", "classes:input.badYear", numberLimits(Course.shape.year));
  const sessions = parseSessions(get("sessions"), todayOf(ctx.deps));
  if (!sessions.ok) fail("sessions", sessions.problem, { line: sessions.line ?? 1, ...sessionExamples(ctx.deps), ...sessions.vars });
  const deadline = parseDeadline(get("deadline"), ctx.deps.config.timeZone, todayOf(ctx.deps));
  if (!deadline.ok) fail("deadline", deadline.problem, deadline.vars);
  const capacity = parseCount(get("capacity"), Course.shape.capacity);
  if (!capacity) fail("capacity", "classes:input.badCapacity", numberLimits(Course.shape.capacity));
  if (problems.length > before) return undefined;
  const course: NewCourse = {
    kind: kind!,
    title,
    year: year!,
    sessions: (sessions as { value: NewCourse["sessions"] }).value,
    deadline: (deadline as { value: string }).value,
    capacity: capacity!,
    lecturers: parseLecturers(get("lecturers")),
  };
  if (Date.parse(course.deadline) <= ctx.deps.now().getTime()) fail("deadline", "classes:input.deadlinePast");
  for (const p of courseProblems(ctx.deps, course)) fail("deadline", p.key, p.vars);
  return problems.length > before ? undefined : course;
}

/** Most classes one workbook creates: a longer one is refused whole, saying so. */
const MAX_CLASS_ROWS = sheetRows("classes");

/** Reads the class workbook (the bounded reader); undefined when the file is not one (another feature may take it). */
export async function readClassWorkbook(ctx: Ctx, content: Buffer): Promise<{ courses: NewCourse[]; problems: Problem[] } | undefined> {
  let sheet: SheetRow[];
  try {
    sheet = await readSheet("classes.xlsx", content);
  } catch (e) {
    if (e instanceof SheetRefused && e.reason === "unreadable") return undefined;
    throw e;
  }
  const indexes = sheet[0]?.number === 1 ? headerIndexes(ctx, sheet[0].values) : undefined;
  if (!indexes) return undefined;
  const courses: NewCourse[] = [];
  const problems: Problem[] = [];
  const beyond = sheet.some((r) => r.number > MAX_CLASS_ROWS + 1 && r.values.some((v) => cellText(v) !== ""));
  if (beyond) throw new SheetRefused("tooManyRows", { max: MAX_CLASS_ROWS });
  for (const { number, values } of sheet) {
    if (number === 1) continue;
    const get = (c: Column) => cellText(values[indexes.get(c)!], { withTime: true });
    if (columns.every((c) => get(c) === "")) continue;
    const course = readRow(ctx, get, number, problems);
    if (course) courses.push(course);
  }
  return { courses, problems };
}

/** The Feature's `onDocument`: imports a class workbook sent by an admin. */
export async function importClasses(ctx: Ctx): Promise<Answer> {
  const doc = ctx.msg.document;
  if (!doc?.content || !authorize(ctx.actor, "newclass").allowed || !/\.xlsx$/i.test(doc.fileName)) return undefined;
  const read = await readClassWorkbook(ctx, doc.content);
  if (!read) return undefined;
  const { t } = ctx;
  if (read.problems.length) {
    const lines = read.problems
      .slice(0, 30)
      .map((p) => t("classes:import.problem", { row: p.row, column: t(`classes:import.columns.${p.column}`), problem: t(p.key, p.vars) }));
    return { text: [t("classes:import.refused", { count: read.problems.length }), ...lines].join("\n") };
  }
  if (read.courses.length === 0) return { text: t("classes:import.empty") };
  const units = openUnits(await ctx.deps.store.units.all());
  const records = read.courses.map((c) => buildCourse(ctx.deps, ctx.actor.person.id, c, units));
  const created = await ctx.deps.store.transaction((tx) => putNewCourses(tx, records));
  const tz = ctx.deps.config.timeZone;
  return {
    text: [
      t("classes:import.done", { classes: created.length }),
      ...created.map((c) => `• ${classCode(c)}: ${c.title} (${deadlineText(c, tz, ctx.t)})`),
    ].join("\n"),
    buttons: [[{ label: t("classes:buttons.schedule"), data: "/lichhoc" }]],
  };
}
