/** /huylop (/cancelclass): an admin cancels an open class; everyone enrolled or waiting is told. */
import { classCode } from "../../domain/courses";
import { noticeKey } from "../../domain/outbox";
import type { T } from "../../i18n";
import type { Answer, Command } from "../../chat/feature";
import { audit } from "../../app/audit";
import { dropPendingAbout } from "../../app/outbox";
import { ClassClosed, getCourse, asksPicker, pickClass, words } from "./common";

/** `/huylop L26-03` asks to confirm; `/huylop L26-03 xacnhan` cancels. */
export const cancelClassCommand: Command = {
  name: "huylop",
  alias: "cancelclass",
  chats: "private",
  run: async (ctx): Promise<Answer> => {
    const { t, deps } = ctx;
    const [courseId, confirm] = words(ctx.args);
    if (!courseId || asksPicker(ctx.args)) return pickClass(ctx, "huylop", (c) => c.status === "open");
    const course = await getCourse(deps.store, courseId);
    if (course.status !== "open") throw new ClassClosed(course.title);
    const people = (await deps.store.enrollments.find({ courseId: course.id })).filter((e) => e.status !== "withdrawn");
    if (/^(giulai|keep)$/i.test(confirm ?? "")) return { text: t("common:kept") };
    if (!/^(xacnhan|confirm)$/i.test(confirm ?? "")) {
      return {
        text: t("classes:cancel.confirm", { title: course.title, count: people.length }),
        buttons: [
          [
            { label: t("classes:cancel.yes"), data: `/huylop ${classCode(course)} xacnhan` },
            { label: t("common:keep"), data: `/huylop ${classCode(course)} giulai` },
          ],
        ],
      };
    }
    await deps.store.transaction(async (tx) => {
      const current = await getCourse(tx, course.id);
      if (current.status !== "open") throw new ClassClosed(current.title);
      await tx.courses.put({ ...current, status: "cancelled" });
      await dropPendingAbout(tx, course.id);
      const told = (tp: T) => ({ text: tp("classes:cancel.told", { title: course.title }) });
      for (const e of people) await deps.notify.toPerson(e.personId, noticeKey("class-cancelled", course.id), told, tx);
      await audit(deps, tx, {
        actorId: ctx.actor.person.id,
        action: "class.cancel",
        subjectId: course.id,
        details: { told: people.length },
      });
    });
    deps.log.info({ by: ctx.actor.person.id, course: course.id, told: people.length }, "class cancelled");
    return { text: t("classes:cancel.done", { title: course.title, count: people.length }) };
  },
};
