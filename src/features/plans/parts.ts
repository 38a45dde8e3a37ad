/**
 * The parts of a plan the editor (./edit.ts) changes, in its menu's order, and how each one is
 * changed: the items to pick (a target, an audience, a course kind), the options to tick or the
 * value to type, and the plan each answer makes (checked by the editor afterwards).
 */
import { parseDate, parseDayMonth } from "../../domain/date-input";
import { OTHER_KIND, type Plan } from "../../domain/plan";
import { PlannedPost, Position, TheoryLevel } from "../../domain/records";
import { localeOfT, type T } from "../../i18n";
import { dmy } from "../../domain/zoned-time";

/** The parts of a plan the editor changes, in the menu's order. */
export const FIELDS = [
  "period",
  "target",
  "targetKinds",
  "cadres",
  "newlyElected",
  "theoryStandard",
  "audience",
  "kindAudiences",
  "yearly",
  "warning",
  "cadence",
  "deadline",
] as const;
export type FieldId = (typeof FIELDS)[number];

export interface Option {
  id: string;
  label: string;
}

/** How one part is changed: pick an item first (a target, an audience, a course kind), then tick options or type a value. */
export interface Editor {
  items?(plan: Plan, t: T): Option[];
  /** Picking the item is the change itself (the reporting cadence). */
  choose?(plan: Plan, item: string): unknown;
  toggle?: {
    options(plan: Plan, item: string, t: T): Option[];
    current(plan: Plan, item: string): string[];
    apply(plan: Plan, item: string, picked: string[]): unknown;
  };
  value?: {
    current(plan: Plan, item: string, t: T): Record<string, string | number>;
    /** The changed plan (checked afterwards), or undefined when the text is no value at all. */
    parse(input: string, plan: Plan, item: string): unknown;
  };
}

const lang = (t: T) => localeOfT(t);
const positionLabel = (t: T, p: string) => t(`cadres:positions.${p}`);
const kindOptions = (plan: Plan, t: T): Option[] => plan.courseKinds.map((k) => ({ id: k.id, label: k.name[lang(t)] }));
const targetItems = (plan: Plan, t: T): Option[] =>
  plan.targets.map((x) => ({ id: x.id, label: `${x.id} — ${x.name[lang(t)]} (${x.percent}%)` }));
const dayMonth = (mmdd: string) => mmdd.split("-").reverse().join("/");

export const editors: Record<FieldId, Editor> = {
  period: {
    value: {
      current: (plan) => ({ from: dmy(plan.period.from), to: dmy(plan.period.to) }),
      parse: (input, plan) => {
        const [from, to, ...rest] = input
          .trim()
          .split(/\s*(?:\s|–|-(?=\s)|đến|to)\s*/i)
          .filter(Boolean);
        const [a, b] = [from && parseDate(from), to && parseDate(to)];
        return a && b && rest.length === 0 ? { ...plan, period: { from: a, to: b } } : undefined;
      },
    },
  },
  target: {
    items: targetItems,
    value: {
      current: (plan, item) => ({ target: item, percent: plan.targets.find((x) => x.id === item)?.percent ?? 0 }),
      parse: (input, plan, item) => {
        const text = input.trim().replace(",", ".").replace(/\s*%$/, "");
        if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
        return { ...plan, targets: plan.targets.map((x) => (x.id === item ? { ...x, percent: Number(text) } : x)) };
      },
    },
  },
  targetKinds: {
    items: targetItems,
    toggle: {
      options: (plan, _item, t) => [...kindOptions(plan, t), { id: OTHER_KIND, label: t("plans:edit.otherKind") }],
      current: (plan, item) => plan.targets.find((x) => x.id === item)?.certificateKinds ?? [],
      apply: (plan, item, picked) => ({
        ...plan,
        targets: plan.targets.map((x) => {
          if (x.id !== item) return x;
          const { certificateKinds: _, ...rest } = x;
          return picked.length ? { ...rest, certificateKinds: picked } : rest;
        }),
      }),
    },
  },
  cadres: {
    toggle: {
      options: (_plan, _item, t) => Position.options.map((p) => ({ id: p, label: positionLabel(t, p) })),
      current: (plan) => plan.cadrePositions,
      apply: (plan, _item, picked) => ({ ...plan, cadrePositions: picked }),
    },
  },
  newlyElected: {
    value: {
      current: (plan) => ({ months: plan.newlyElectedLeadInMonths }),
      parse: (input, plan) => {
        const months = /^\d{1,2}$/.test(input.trim()) ? Number(input.trim()) : Number.NaN;
        return months >= 0 && months <= 24 ? { ...plan, newlyElectedLeadInMonths: months } : undefined;
      },
    },
  },
  theoryStandard: {
    items: (_plan, t) => TheoryLevel.options.filter((l) => l !== "none").map((l) => ({ id: l, label: t(`cadres:theoryLevels.${l}`) })),
    choose: (plan, item) => ({ ...plan, theoryStandard: item }),
  },
  audience: {
    items: (plan, t) => plan.audiences.map((a) => ({ id: a.id, label: `${a.id} — ${a.name[lang(t)]}` })),
    toggle: {
      options: (_plan, _item, t) => [
        ...Position.options.map((p) => ({ id: `post:${p}`, label: positionLabel(t, p) })),
        ...PlannedPost.options.map((p) => ({ id: `planned:${p}`, label: t("plans:edit.planned", { post: positionLabel(t, p) }) })),
        { id: "lecturers", label: t("plans:edit.lecturers") },
      ],
      current: (plan, item) => {
        const a = plan.audiences.find((x) => x.id === item);
        return a
          ? [...a.positions.map((p) => `post:${p}`), ...a.plannedFor.map((p) => `planned:${p}`), ...(a.lecturers ? ["lecturers"] : [])]
          : [];
      },
      apply: (plan, item, picked) => ({
        ...plan,
        audiences: plan.audiences.map((a) =>
          a.id === item
            ? {
                ...a,
                positions: Position.options.filter((p) => picked.includes(`post:${p}`)),
                plannedFor: PlannedPost.options.filter((p) => picked.includes(`planned:${p}`)),
                lecturers: picked.includes("lecturers"),
              }
            : a,
        ),
      }),
    },
  },
  kindAudiences: {
    items: kindOptions,
    toggle: {
      options: (plan, _item, t) => plan.audiences.map((a) => ({ id: a.id, label: `${a.id} — ${a.name[lang(t)]}` })),
      current: (plan, item) => plan.courseKinds.find((k) => k.id === item)?.audiences ?? [],
      apply: (plan, item, picked) => ({
        ...plan,
        courseKinds: plan.courseKinds.map((k) =>
          k.id === item ? { ...k, audiences: plan.audiences.map((a) => a.id).filter((a) => picked.includes(a)) } : k,
        ),
      }),
    },
  },
  yearly: {
    toggle: {
      options: (plan, _item, t) => kindOptions(plan, t),
      current: (plan) => plan.courseKinds.filter((k) => k.yearly).map((k) => k.id),
      apply: (plan, _item, picked) => ({ ...plan, courseKinds: plan.courseKinds.map((k) => ({ ...k, yearly: picked.includes(k.id) })) }),
    },
  },
  warning: {
    value: {
      current: (plan) => ({ date: dayMonth(plan.reminders.yearlyClassesWarning) }),
      parse: (input, plan) => {
        const mmdd = parseDayMonth(input);
        return mmdd ? { ...plan, reminders: { ...plan.reminders, yearlyClassesWarning: mmdd } } : undefined;
      },
    },
  },
  cadence: {
    items: (_plan, t) => ["monthly", "quarterly"].map((c) => ({ id: c, label: t(`plans:edit.cadence.${c}`) })),
    choose: (plan, item) => ({ ...plan, reporting: { ...plan.reporting, cadence: item } }),
  },
  deadline: {
    value: {
      current: (plan) => ({ day: plan.reporting.deadlineDay }),
      parse: (input, plan) => {
        const day = /^\d{1,2}$/.test(input.trim()) ? Number(input.trim()) : Number.NaN;
        return day >= 1 && day <= 28 ? { ...plan, reporting: { ...plan.reporting, deadlineDay: day } } : undefined;
      },
    },
  },
};
