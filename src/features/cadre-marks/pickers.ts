/**
 * The pickers of /quyhoach and /baocaovien, so that nobody types a cadre's code: an admin first
 * chooses the unit, then one of its approved cadres (a button each, 15 a page with "Xem thêm"),
 * then, for /quyhoach, the post. Every button sends the full command, which checks authorization.
 */
import { label } from "../../app/cadre-labels";
import type { Button, Reply } from "../../app/messages";
import type { Ctx } from "../../chat/feature";
import { pickerPage } from "../../chat/pages";
import type { Cadre, Unit } from "../../domain/records";
import { compareVi, excerpt } from "../../domain/text";
import { openUnits } from "../../domain/units";

/** Which mark a picker sets: planned for a post (`/quyhoach`) or bloc-level lecturer (`/baocaovien`). */
export type Mark = "planned" | "lecturer";

const commandOf: Record<Mark, string> = { planned: "/quyhoach", lecturer: "/baocaovien" };

/** The open units as buttons sending `/quyhoach u01` (or `/baocaovien u01`), by name, 15 a page. */
export async function unitPicker(ctx: Ctx, mark: Mark, page: number): Promise<Reply> {
  const units = openUnits(await ctx.deps.store.units.all()).sort((a, b) => compareVi(a.name, b.name) || a.id.localeCompare(b.id));
  if (units.length === 0) return { text: ctx.t("cadreMarks:picker.noUnits") };
  const choices = units.map((u) => ({ label: excerpt(`${u.code ?? u.id} — ${u.name}`, 60, true), data: `${commandOf[mark]} ${u.id}` }));
  return pickerPage(ctx.t, { head: ctx.t(`cadreMarks:${mark}.pickUnit`), choices, page, command: commandOf[mark] });
}

function plannedChoice(ctx: Ctx, c: Cadre): Button {
  const now = ctx.t(`cadreMarks:planned.now.${c.plannedFor ?? "none"}`);
  const position = label(ctx.t, "position", c.position);
  return {
    label: excerpt(ctx.t("cadreMarks:planned.cadreLabel", { name: c.fullName, position, now }), 60, true),
    data: `/quyhoach ${c.id}`,
  };
}

function lecturerChoice(ctx: Ctx, c: Cadre): Button {
  const vars = { name: c.fullName, position: label(ctx.t, "position", c.position) };
  return c.lecturer
    ? { label: excerpt(ctx.t("cadreMarks:lecturer.clearLabel", vars), 60, true), data: `/baocaovien ${c.id} bo` }
    : { label: excerpt(ctx.t("cadreMarks:lecturer.setLabel", vars), 60, true), data: `/baocaovien ${c.id}` };
}

/**
 * The unit's approved cadres as buttons, by name, 15 a page: for /quyhoach each with what they are
 * planned for now, sending `/quyhoach p-12`; for /baocaovien saying whether it sets or removes the
 * mark, sending `/baocaovien p-12` or `/baocaovien p-12 bo`.
 */
export async function cadrePicker(ctx: Ctx, mark: Mark, unit: Unit, page: number): Promise<Reply> {
  const cadres = (await ctx.deps.store.cadres.find({ unitId: unit.id }))
    .filter((c) => c.status === "approved")
    .sort((a, b) => compareVi(a.fullName, b.fullName) || a.id.localeCompare(b.id));
  if (cadres.length === 0) return { text: ctx.t("cadreMarks:picker.noCadres", { unit: unit.name }) };
  const choices = cadres.map((c) => (mark === "planned" ? plannedChoice(ctx, c) : lecturerChoice(ctx, c)));
  const head = ctx.t(`cadreMarks:${mark}.pickCadre`, { unit: unit.name });
  return pickerPage(ctx.t, { head, choices, page, command: `${commandOf[mark]} ${unit.id}` });
}

/** The posts one cadre may be planned for, as buttons sending `/quyhoach p-12 bithu|phobithu|bo`. */
export async function postPicker(ctx: Ctx, cadre: Cadre): Promise<Reply> {
  const unit = await ctx.deps.store.units.get(cadre.unitId);
  const vars = { name: cadre.fullName, position: label(ctx.t, "position", cadre.position), unit: unit?.name ?? cadre.unitId };
  const text = cadre.plannedFor
    ? ctx.t("cadreMarks:planned.choosePost", { ...vars, post: ctx.t(`cadreMarks:posts.${cadre.plannedFor}`) })
    : ctx.t("cadreMarks:planned.choosePostNone", vars);
  const button = (key: string, word: string) => [
    { label: ctx.t(`cadreMarks:planned.buttons.${key}`), data: `/quyhoach ${cadre.id} ${word}` },
  ];
  return { text, buttons: [button("secretary", "bithu"), button("deputy", "phobithu"), button("clear", "bo")] };
}
