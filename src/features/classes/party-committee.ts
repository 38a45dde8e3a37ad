/**
 * `/capuy` (/partycommittee): a unit records its party committee's answer on sending cadres to a
 * class (plan V.2: the unit asks its party committee for approval and budget) — agreed, not yet,
 * or refused. Kept on the class per unit; shown in `/cudi`, the class's detail and the city workbook.
 */
import { audit } from "../../app/audit";
import { today } from "../../app/deps";
import { DomainError } from "../../app/errors";
import type { Reply } from "../../app/messages";
import { demand, unitResource } from "../../app/authorize";
import type { Answer, Command, Ctx } from "../../chat/feature";
import { classCode, type Course, PartyCommitteeAnswer } from "../../domain/courses";
import type { T } from "../../i18n";
import { getCourse, isUpcoming, asksPicker, pickClass, words } from "./common";

/** The words an officer types for each answer (`dongy`, `chua`, `khong`), in both languages. */
const ANSWER_WORDS: Record<string, PartyCommitteeAnswer> = {
  dongy: "yes",
  yes: "yes",
  chua: "notYet",
  notyet: "notYet",
  khong: "no",
  no: "no",
};
const WORD_OF: Record<PartyCommitteeAnswer, string> = { yes: "dongy", notYet: "chua", no: "khong" };

/** The party committee's answer for a unit, in words ("chưa ghi nhận" when none). */
export function committeeLine(t: T, course: Pick<Course, "partyCommittee">, unitId: string): string {
  const answer = course.partyCommittee?.[unitId];
  return t("classes:partyCommittee.line", { answer: t(`classes:partyCommittee.answer.${answer ?? "none"}`) });
}

function choose(ctx: Ctx, course: Course, unitId: string, admin: boolean): Reply {
  const target = admin ? `${classCode(course)} ${unitId}` : classCode(course);
  return {
    text: [
      ctx.t("classes:partyCommittee.ask", { code: classCode(course), title: course.title }),
      committeeLine(ctx.t, course, unitId),
    ].join("\n"),
    buttons: PartyCommitteeAnswer.options.map((a) => [
      { label: ctx.t(`classes:partyCommittee.choice.${a}`), data: `/capuy ${target} ${WORD_OF[a]}` },
    ]),
  };
}

/** `/capuy L26-03 [u01] dongy|chua|khong`: records the unit's party-committee answer for the class. */
export const partyCommitteeCommand: Command = {
  name: "capuy",
  alias: "partycommittee",
  run: async (ctx): Promise<Answer> => {
    const [courseId, ...rest] = words(ctx.args);
    if (!courseId || asksPicker(ctx.args)) return pickClass(ctx, "capuy", (c) => isUpcoming(c, today(ctx.deps)));
    const course = await getCourse(ctx.deps.store, courseId);
    const unitWord = rest.find((w) => !(w.toLowerCase() in ANSWER_WORDS));
    const unitId = unitWord ?? ctx.actor.cadre?.unitId;
    if (!unitId) throw new DomainError("classes:partyCommittee.whichUnit", { code: classCode(course) });
    const unit = await ctx.deps.store.units.get(unitId);
    if (!unit) throw new DomainError("classes:errors.noSuchUnit", { id: unitId });
    demand(ctx.actor, "partycommittee", unitResource(unitId));
    const word = rest.find((w) => w.toLowerCase() in ANSWER_WORDS);
    if (!word) return choose(ctx, course, unitId, !!unitWord);
    const answer = ANSWER_WORDS[word.toLowerCase()]!;
    await ctx.deps.store.transaction(async (tx) => {
      const now = await getCourse(tx, course.id);
      await tx.courses.put({ ...now, partyCommittee: { ...now.partyCommittee, [unitId]: answer } });
      await audit(ctx.deps, tx, {
        actorId: ctx.actor.person.id,
        action: "class.partyCommittee",
        subjectId: course.id,
        details: { unitId, answer },
      });
    });
    return {
      text: ctx.t("classes:partyCommittee.saved", {
        unit: unit.name,
        code: classCode(course),
        title: course.title,
        answer: ctx.t(`classes:partyCommittee.answer.${answer}`),
      }),
      buttons: [[{ label: ctx.t("classes:buttons.nominate"), data: `/cudi ${classCode(course)}${unitWord ? ` ${unitId}` : ""}` }]],
    };
  },
};
