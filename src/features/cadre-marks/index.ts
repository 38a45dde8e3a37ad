/**
 * Marks on a cadre that the plan's audiences read (R1): planned for a post (cán bộ quy hoạch,
 * plan IV; set by the unit's officers or admins) and bloc-level lecturer (báo cáo viên cấp Đoàn
 * Khối, audience 1.5; set by admins). Each change is audited. Without a cadre's code both commands
 * offer pickers (`pickers.ts`): the unit (admins), its cadres, then the post.
 */
import { audit } from "../../app/audit";
import { DomainError } from "../../app/errors";
import { demand, ownUnitOf, unitResource } from "../../app/authorize";
import { findUnit, NoSuchUnit } from "../../app/unit-lookup";
import { excerpt } from "../../domain/text";
import type { Answer, Command, Ctx, Feature } from "../../chat/feature";
import { pageArg } from "../../chat/pages";
import type { Cadre, PlannedPost } from "../../domain/records";
import { cadrePicker, type Mark, postPicker, unitPicker } from "./pickers";

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

/**
 * What a command without a cadre's code answers: an officer their unit's cadres, an admin the units
 * (`/quyhoach`, `/quyhoach trang 2`), or the cadres of the unit typed by code or name
 * (`/quyhoach u01`, `/quyhoach tu phap trang 2`); undefined when the first word is a cadre's code,
 * or when `meantCadre` says the words are a cadre's command (a code and a post).
 */
async function picker(ctx: Ctx, mark: Mark, meantCadre: (second: string | undefined) => boolean): Promise<Answer | undefined> {
  const { rest, page } = pageArg(ctx.args);
  const [first, second] = rest.split(/\s+/);
  if (!first) {
    const own = ownUnitOf(ctx.actor);
    const unit = own ? await ctx.deps.store.units.get(own) : undefined;
    return unit ? cadrePicker(ctx, mark, unit, page) : unitPicker(ctx, mark, page);
  }
  if ((await ctx.deps.store.cadres.get(first)) || meantCadre(second)) return undefined;
  const unit = await findUnit(ctx.deps.store, rest).catch((e: unknown) => {
    throw e instanceof NoSuchUnit ? new DomainError(`cadreMarks:${mark}.noSuchTarget`, { query: excerpt(rest) }) : e;
  });
  demand(ctx.actor, mark, unitResource(unit.id));
  return cadrePicker(ctx, mark, unit, page);
}

/** `/quyhoach p-12 bithu|phobithu|bo`: marks (or unmarks) a cadre as planned for a post; `/quyhoach p-12` offers the posts. */
export const plannedCommand: Command = {
  name: "quyhoach",
  alias: "planned",
  run: async (ctx): Promise<Answer> => {
    const choose = await picker(ctx, "planned", (second) => second !== undefined && second.toLowerCase() in posts);
    if (choose) return choose;
    const [id, word] = ctx.args.split(/\s+/).filter(Boolean);
    if (!word) return postPicker(ctx, await cadreIn(ctx, id));
    if (!(word.toLowerCase() in posts)) return { text: ctx.t("cadreMarks:planned.usage") };
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

/** `/baocaovien p-12 [bo]`: marks (or unmarks) a person as a bloc-level lecturer; without a code, the pickers. */
export const lecturerCommand: Command = {
  name: "baocaovien",
  alias: "lecturer",
  run: async (ctx): Promise<Answer> => {
    const choose = await picker(ctx, "lecturer", (second) => second !== undefined && /^(bo|none)$/i.test(second));
    if (choose) return choose;
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
