/**
 * Marks on a cadre that the plan's audiences read (R1): planned for a post (cán bộ quy hoạch,
 * plan IV; set by the unit's officers or admins) and bloc-level lecturer (báo cáo viên cấp Đoàn
 * Khối, audience 1.5; set by admins). Each change is audited.
 */
import { audit } from "../../app/audit";
import { DomainError } from "../../app/errors";
import { demand, unitResource } from "../../app/authorize";
import type { Answer, Command, Ctx, Feature } from "../../chat/feature";
import type { Cadre, PlannedPost } from "../../domain/records";

const posts: Record<string, PlannedPost | null> = {
  bithu: "secretary",
  secretary: "secretary",
  phobithu: "deputy",
  deputy: "deputy",
  bo: null,
  none: null,
};

async function cadreIn(ctx: Ctx, id: string | undefined): Promise<Cadre> {
  const cadre = id ? await ctx.deps.store.cadres.get(id) : undefined;
  if (!cadre || cadre.status !== "approved") throw new DomainError("cadreMarks:errors.noSuchCadre", { id: (id ?? "").slice(0, 40) });
  demand(ctx.actor, "planned", unitResource(cadre.unitId));
  return cadre;
}

/** `/quyhoach p-12 bithu|phobithu|bo`: marks (or unmarks) a cadre as planned for a post. */
export const plannedCommand: Command = {
  name: "quyhoach",
  alias: "planned",
  run: async (ctx): Promise<Answer> => {
    const [id, word] = ctx.args.split(/\s+/).filter(Boolean);
    if (!id || !word || !(word.toLowerCase() in posts)) return { text: ctx.t("cadreMarks:planned.usage") };
    const cadre = await cadreIn(ctx, id);
    const post = posts[word.toLowerCase()]!;
    await ctx.deps.store.transaction(async (tx) => {
      const { plannedFor: _old, ...rest } = cadre;
      await tx.cadres.put(post ? { ...rest, plannedFor: post } : rest);
      await audit(ctx.deps, tx, {
        actorId: ctx.actor.person.id,
        action: "cadre.planned",
        subjectId: cadre.id,
        details: { plannedFor: post },
      });
    });
    return {
      text: post
        ? ctx.t("cadreMarks:planned.set", { name: cadre.fullName, post: ctx.t(`cadreMarks:posts.${post}`) })
        : ctx.t("cadreMarks:planned.cleared", { name: cadre.fullName }),
    };
  },
};

/** `/baocaovien p-12 [bo]`: marks (or unmarks) a person as a bloc-level lecturer. */
export const lecturerCommand: Command = {
  name: "baocaovien",
  alias: "lecturer",
  run: async (ctx): Promise<Answer> => {
    const [id, word] = ctx.args.split(/\s+/).filter(Boolean);
    if (!id || (word && !/^(bo|none)$/i.test(word))) return { text: ctx.t("cadreMarks:lecturer.usage") };
    const cadre = await cadreIn(ctx, id);
    const lecturer = !word;
    await ctx.deps.store.transaction(async (tx) => {
      await tx.cadres.put({ ...cadre, lecturer });
      await audit(ctx.deps, tx, { actorId: ctx.actor.person.id, action: "cadre.lecturer", subjectId: cadre.id, details: { lecturer } });
    });
    return { text: ctx.t(lecturer ? "cadreMarks:lecturer.set" : "cadreMarks:lecturer.cleared", { name: cadre.fullName }) };
  },
};

export const cadreMarksFeature: Feature = { name: "cadreMarks", commands: [plannedCommand, lecturerCommand] };
