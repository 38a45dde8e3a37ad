/**
 * Erasing a person's data frees their places in classes not yet held: each seat goes back to the
 * unit (the waitlist moves up, the promoted are told) and the unit's officers are told, without a
 * name. Places in classes already held or under way stay, holding only the bare id, for the counts.
 */
import { today } from "../../app/deps";
import type { ErasureStep } from "../../app/erasure";
import { approversOf } from "../../domain/cadres";
import type { Course } from "../../domain/courses";
import { promoteWaitlist, tellPromoted } from "./enrol";

/** A class not yet held: open, its first session today or later. */
const notYetHeld = (course: Course, day: string) => course.status === "open" && (course.sessions[0]?.date ?? day) >= day;

/** The classes feature's step of /xoadulieu (see app/erasure.ts). */
export const freeSeatsOnErasure: ErasureStep = async (deps, tx, personId) => {
  const at = deps.now().toISOString();
  const day = today(deps);
  const freed: { course: Course; unitId: string; promoted: Awaited<ReturnType<typeof promoteWaitlist>> }[] = [];
  for (const e of await tx.enrollments.find({ personId })) {
    if (e.status === "withdrawn") continue;
    const course = await tx.courses.get(e.courseId);
    if (!course || !notYetHeld(course, day)) continue;
    await tx.enrollments.put({ ...e, status: "withdrawn", at });
    freed.push({ course, unitId: e.unitId, promoted: await promoteWaitlist(tx, course, at) });
  }
  if (!freed.length) return;
  const officers = new Map<string, string[]>();
  for (const { unitId } of freed)
    if (!officers.has(unitId))
      officers.set(
        unitId,
        approversOf(await tx.cadres.find({ unitId }), unitId)
          .map((c) => c.id)
          .filter((id) => id !== personId),
      );
  return async () => {
    for (const { course, unitId, promoted } of freed) {
      await tellPromoted(deps, course, promoted);
      for (const officer of officers.get(unitId) ?? [])
        await deps.notify.toPerson(officer, (t) => ({ text: t("classes:withdraw.erased", { title: course.title }) }));
    }
  };
};
