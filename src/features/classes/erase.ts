/**
 * Erasing a person's data frees their places in classes not yet held: each seat goes back to the
 * unit (the waitlist moves up, the promoted are told) and the unit's officers are told, without a
 * name. Places in classes already held or under way stay, holding only the bare id, for the counts.
 */
import { today } from "../../app/deps";
import type { ErasureStep } from "../../app/erasure";
import { unitOfficers } from "../../app/secretary";
import type { Course } from "../../domain/courses";
import { noticeKey } from "../../domain/outbox";
import { promoteWaitlist, tellPromoted } from "./enrol";

/** A class not yet held: open, its first session today or later. */
const notYetHeld = (course: Course, day: string) => course.status === "open" && (course.sessions[0]?.date ?? day) >= day;

/** The classes feature's step of /xoadulieu (see app/erasure.ts): its notices go out with the erasure's transaction. */
export const freeSeatsOnErasure: ErasureStep = async (deps, tx, personId) => {
  const at = deps.now().toISOString();
  const day = today(deps);
  for (const e of await tx.enrollments.find({ personId })) {
    if (e.status === "withdrawn") continue;
    const course = await tx.courses.get(e.courseId);
    if (!course || !notYetHeld(course, day)) continue;
    await tx.enrollments.put({ ...e, status: "withdrawn", at });
    await tellPromoted(deps, course, await promoteWaitlist(tx, course, at), tx);
    // The key names the class and the moment, not the person: the notice is about nobody.
    const key = noticeKey("seat-freed", course.id, at);
    for (const officer of await unitOfficers(tx, e.unitId))
      if (officer.id !== personId)
        await deps.notify.toPerson(officer.id, key, (t) => ({ text: t("classes:withdraw.erased", { title: course.title }) }), tx);
  }
};
