/** The /taolop (/newclass) wizard: kind, title, sessions, year, deadline, capacity, lecturers, quotas, confirm. */
import { z } from "zod";
import { classCode } from "../../domain/courses";
import type { Command, Ctx } from "../../chat/feature";
import type { Reply } from "../../app/messages";
import type { Step, Wizard } from "../../chat/wizard";
import { Course, type Session } from "../../domain/courses";
import { lengthLimits, numberLimits } from "../../domain/limits";
import { parseCount, parseDeadline, parseLecturers, parseQuotaEdits, parseSessions } from "../../domain/course-input";
import { excerpt, tidy } from "../../domain/text";
import { sessionSpan } from "../../domain/attendance";
import { dayText, deadlineText, kindName, sessionExamples, sessionLine, todayOf } from "./common";
import { courseProblems, createCourse, spreadQuotas, type NewCourse } from "./create";
import { offerToTell } from "./title-list";
import { openUnits } from "../../domain/units";

/** The class being created, field by field. */
const Draft = Course.pick({
  kind: true,
  title: true,
  year: true,
  sessions: true,
  deadline: true,
  capacity: true,
  lecturers: true,
  quotas: true,
})
  .partial()
  .extend({ quotasEdited: z.array(z.string()).optional() })
  .strict();
/** `quotasEdited`: the units the last quota edit changed, shown instead of the whole list again. */
type Draft = Partial<NewCourse> & { quotasEdited?: string[] } & Record<string, unknown>;

const kindStep: Step<Draft> = {
  id: "kind",
  ask: (ctx) => ({
    text: ctx.t("classes:create.askKind"),
    buttons: ctx.deps.plan.courseKinds.map((k) => [{ label: k.name[ctx.actor.locale], data: k.id }]),
  }),
  answer: (ctx, input, data) =>
    ctx.deps.plan.courseKinds.some((k) => k.id === input.trim())
      ? { data: { ...data, kind: input.trim() } }
      : { retry: ctx.t("classes:input.unknownKind", { kind: excerpt(input) }) },
};

const titleStep: Step<Draft> = {
  id: "title",
  ask: (ctx) => ({ text: ctx.t("classes:create.askTitle") }),
  answer: (ctx, input, data) => {
    const title = tidy(input);
    return Course.shape.title.safeParse(title).success
      ? { data: { ...data, title } }
      : { retry: ctx.t("classes:input.badTitle", lengthLimits(Course.shape.title)) };
  },
};

const sessionsStep: Step<Draft> = {
  id: "sessions",
  ask: (ctx) => ({ text: ctx.t("classes:create.askSessions", sessionExamples(ctx.deps)) }),
  answer: (ctx, input, data) => {
    const parsed = parseSessions(input, todayOf(ctx.deps));
    if (!parsed.ok) return { retry: ctx.t(parsed.problem, { line: parsed.line ?? 1, ...sessionExamples(ctx.deps), ...parsed.vars }) };
    const past = parsed.value.find((s) => sessionSpan(s, ctx.deps.config.timeZone).start <= ctx.deps.now());
    if (past) return { retry: ctx.t("classes:input.sessionPast", { session: `${dayText(past.date)} ${past.start}` }) };
    const years = yearsOf(parsed.value);
    // Sessions all in one year answer the plan-year question; spanning two, the year step asks.
    return { data: { ...data, sessions: parsed.value, year: years.length === 1 ? Number(years[0]) : undefined } };
  },
};

/** The calendar years a class's sessions fall in, in order. */
const yearsOf = (sessions: Session[]): string[] => [...new Set(sessions.map((s) => s.date.slice(0, 4)))];

const yearStep: Step<Draft> = {
  id: "year",
  skip: (data) => yearsOf(data.sessions ?? []).length === 1,
  ask: (ctx, data) => ({
    text: ctx.t("classes:create.askYear"),
    buttons: [yearsOf(data.sessions!).map((year) => ({ label: year, data: year }))],
  }),
  answer: (ctx, input, data) => {
    const year = parseCount(input, Course.shape.year);
    return year ? { data: { ...data, year } } : { retry: ctx.t("classes:input.badYear", numberLimits(Course.shape.year)) };
  },
};

const deadlineStep: Step<Draft> = {
  id: "deadline",
  ask: (ctx) => ({ text: ctx.t("classes:create.askDeadline") }),
  answer: (ctx, input, data) => {
    const parsed = parseDeadline(input, ctx.deps.config.timeZone, todayOf(ctx.deps));
    if (!parsed.ok) return { retry: ctx.t(parsed.problem, parsed.vars) };
    if (Date.parse(parsed.value) <= ctx.deps.now().getTime()) return { retry: ctx.t("classes:input.deadlinePast") };
    const draft = { ...data, deadline: parsed.value };
    const late = courseProblems(ctx.deps, { ...draft, kind: data.kind!, capacity: 1 } as NewCourse).find(
      (p) => p.key === "classes:input.deadlineAfterStart",
    );
    return late ? { retry: ctx.t(late.key) } : { data: draft };
  },
};

const capacityStep: Step<Draft> = {
  id: "capacity",
  ask: (ctx) => ({ text: ctx.t("classes:create.askCapacity") }),
  answer: (ctx, input, data) => {
    const capacity = parseCount(input, Course.shape.capacity);
    return capacity
      ? { data: { ...data, capacity, quotas: undefined } }
      : { retry: ctx.t("classes:input.badCapacity", numberLimits(Course.shape.capacity)) };
  },
};

const lecturersStep: Step<Draft> = {
  id: "lecturers",
  ask: (ctx) => ({ text: ctx.t("classes:create.askLecturers"), buttons: [[{ label: ctx.t("classes:create.noLecturers"), data: "-" }]] }),
  answer: (_ctx, input, data) => ({ data: { ...data, lecturers: parseLecturers(input) } }),
};

async function quotaLines(ctx: Ctx, quotas: Record<string, number>): Promise<string> {
  const units = openUnits(await ctx.deps.store.units.all());
  return units.map((u) => `${u.id} ${quotas[u.id] ?? 0} — ${u.name}`).join("\n");
}

/** After an edit: the units changed and the seats allotted, instead of the whole list again. */
async function quotaChanges(ctx: Ctx, data: Draft): Promise<Reply> {
  const names = new Map((await ctx.deps.store.units.all()).map((u) => [u.id, u.name]));
  const quotas = data.quotas ?? {};
  const changes = (data.quotasEdited ?? []).map((id) => `${id} ${quotas[id] ?? 0} — ${names.get(id) ?? id}`).join("; ");
  const allotted = Object.values(quotas).reduce((a, b) => a + b, 0);
  return {
    text: ctx.t("classes:create.quotasChanged", { changes, allotted, capacity: data.capacity }),
    buttons: [[{ label: ctx.t("classes:create.keepQuotas"), data: "ok" }]],
  };
}

const quotasStep: Step<Draft> = {
  id: "quotas",
  ask: async (ctx, data) => {
    if (data.quotasEdited) return quotaChanges(ctx, data);
    const quotas = data.quotas ?? (await spreadQuotas(ctx.deps, data.capacity!));
    const text = `${ctx.t("classes:create.askQuotas", { capacity: data.capacity })}\n${await quotaLines(ctx, quotas)}`;
    return { text: text, buttons: [[{ label: ctx.t("classes:create.keepQuotas"), data: "ok" }]] };
  },
  reask: (ctx, data) => ({
    text: ctx.t("classes:create.askQuotas", { capacity: data.capacity }),
    buttons: [[{ label: ctx.t("classes:create.keepQuotas"), data: "ok" }]],
  }),
  answer: async (ctx, input, data) => {
    const quotas = data.quotas ?? (await spreadQuotas(ctx.deps, data.capacity!));
    if (/^(ok|dong y|đồng ý)$/i.test(input.trim())) return { data: { ...data, quotas, quotasEdited: undefined } };
    const ids = new Set(openUnits(await ctx.deps.store.units.all()).map((u) => u.id));
    const edits = parseQuotaEdits(input, ids);
    if (!edits.ok) return { retry: ctx.t(edits.problem, { line: edits.line ?? 1 }) };
    const next = { ...quotas, ...edits.value };
    const allotted = Object.values(next).reduce((a, b) => a + b, 0);
    if (allotted > data.capacity!) return { retry: ctx.t("classes:errors.quotasOverCapacity", { allotted, capacity: data.capacity }) };
    return { data: { ...data, quotas: next, quotasEdited: Object.keys(edits.value) }, next: "quotas" };
  },
};

function summary(ctx: Ctx, d: Draft): string {
  const tz = ctx.deps.config.timeZone;
  return [
    ctx.t("classes:create.summary"),
    `📚 ${d.title} — ${kindName(ctx.deps.plan, d.kind!, ctx.t)} (${d.year})`,
    ...(d.sessions as Session[]).map((s, i) => `  ${i + 1}. ${sessionLine(s, tz)}`),
    ctx.t("classes:detail.deadline", { deadline: deadlineText({ deadline: d.deadline! }, tz, ctx.t) }),
    ctx.t("classes:create.capacityLine", { capacity: d.capacity, units: Object.values(d.quotas ?? {}).filter((n) => n > 0).length }),
    d.lecturers?.length ? ctx.t("classes:detail.lecturers", { names: d.lecturers.join(", ") }) : "",
  ]
    .filter(Boolean)
    .join("\n");
}

const confirmStep: Step<Draft> = {
  id: "confirm",
  ask: (ctx, data) => ({
    text: summary(ctx, data),
    buttons: [
      [
        { label: ctx.t("classes:create.confirm"), data: "yes" },
        { label: ctx.t("common:cancel"), data: "/huy" },
      ],
    ],
  }),
  answer: (ctx, input, data) => (/^(yes|co|có|ok)$/i.test(input.trim()) ? { data } : { retry: ctx.t("classes:create.confirmHint") }),
};

/** The class creation wizard. */
export const createWizard: Wizard<Draft> = {
  draft: Draft,
  name: "newclass",
  steps: [kindStep, titleStep, sessionsStep, yearStep, deadlineStep, capacityStep, lecturersStep, quotasStep, confirmStep],
  async finish(ctx, data): Promise<Reply[]> {
    const { quotasEdited: _shown, ...draft } = data;
    const course = await createCourse(ctx.deps, ctx.actor.person.id, draft as NewCourse);
    return [
      {
        text: ctx.t("classes:create.created", {
          title: course.title,
          id: classCode(course),
          deadline: deadlineText(course, ctx.deps.config.timeZone, ctx.t),
        }),
        buttons: [[{ label: ctx.t("classes:buttons.details"), data: `/lichhoc ${classCode(course)}` }]],
      },
      // A title-based class: those waiting for it (R4) can be told at once.
      ...[await offerToTell(ctx, course)].filter((r) => r !== undefined),
    ];
  },
};

/** `/taolop`: starts the wizard, in private chat. */
export const newClassCommand: Command = {
  name: "taolop",
  alias: "newclass",
  chats: "private",
  run: (ctx) => ctx.startWizard("newclass"),
};
