/**
 * The views and actions of the web view by path. Downloads and actions run the chat's own commands
 * as the reader (`ctx.run`): the same workbook, calendar file, permission check, audit entry and
 * notifications as in the chat.
 */
import { ownUnitOf, scopeOf } from "../../app/authorize";
import type { Reply } from "../../app/messages";
import { ClassCode } from "../../domain/courses";
import { requireView, WebForbidden } from "../access";
import type { ViewCtx } from "../context";
import { esc } from "../html";
import { blocView } from "./bloc";
import { classesView, reportsView } from "./bloc-tables";
import { meView } from "./me";
import type { Action, FileOut, PageOut, View } from "./types";
import { unitView } from "./unit";

/** Where a person lands: as far as they see by default (`scopeOf`) — the bloc, their unit, or their own record. */
const LANDING = { bloc: "/app/bloc", unit: "/app/unit", person: "/app/me" } as const;
const home: View = async (ctx) => {
  const scope = scopeOf(ctx.actor)?.kind;
  return { redirect: scope === "bloc" || scope === "unit" || scope === "person" ? LANDING[scope] : "/app/me" };
};

/** The file a chat command sends, or a refusal (its text stays in the chat's words). */
async function fileOf(ctx: ViewCtx, command: string): Promise<FileOut> {
  const file = (await ctx.run(command)).find((r) => r.file)?.file;
  if (!file) throw new WebForbidden();
  return { file: { name: file.name, content: file.content, mime: file.mime ?? "application/octet-stream" } };
}

const downloads: Record<string, View> = {
  "/app/download/bloc.xlsx": async (ctx) => {
    requireView(ctx.actor, { kind: "bloc" });
    const period = /^\d{4}-(Q[1-4]|\d{2})$/.test(ctx.query.get("period") ?? "") ? ` ${ctx.query.get("period")}` : "";
    return fileOf(ctx, `/xuat${period}`);
  },
  "/app/download/unit.xlsx": async (ctx) => {
    const id = ctx.query.get("id") ?? ownUnitOf(ctx.actor) ?? ctx.actor.cadre?.unitId ?? "";
    requireView(ctx.actor, { kind: "unit", unitId: id });
    return fileOf(ctx, `/xuatds ${id}`);
  },
  "/app/download/calendar.ics": (ctx) => fileOf(ctx, "/lichhoc ics"),
  "/app/download/class.ics": async (ctx) => {
    const code = ClassCode.safeParse(ctx.query.get("code"));
    if (!code.success) throw new WebForbidden();
    return fileOf(ctx, `/lichhoc ${code.data} ics`);
  },
};

export const views: Record<string, View> = {
  "/app/": home,
  "/app/bloc": blocView,
  "/app/reports": reportsView,
  "/app/classes": classesView,
  "/app/unit": unitView,
  "/app/me": meView,
  ...downloads,
};

/** The chat's answer as the page's notice, with the way back. */
function outcome(ctx: ViewCtx, replies: readonly Reply[], back: string): PageOut {
  const text = replies.map((r) => r.text).join("\n\n");
  return {
    title: ctx.t("web:done.title"),
    nav: ctx.nav(back),
    body: `<p class="notice" role="status">${esc(text)}</p><p><a href="${esc(back)}">${esc(ctx.t("web:done.back"))}</a></p>`,
  };
}

const CADRE_ID = /^[\w-]{1,40}$/;

export const actions: Record<string, Action> = {
  /** Approve a registration: `/duyet <id>`, as the button under the request in the chat. */
  "/app/approve": async (ctx, form) => {
    const id = form.get("id") ?? "";
    if (!CADRE_ID.test(id)) throw new WebForbidden();
    return outcome(ctx, await ctx.run(`/duyet ${id}`), "/app/unit");
  },
  /** Reject with a reason: `/tuchoi <id> <reason>` (`-` for none, as in the chat). */
  "/app/reject": async (ctx, form) => {
    const id = form.get("id") ?? "";
    if (!CADRE_ID.test(id)) throw new WebForbidden();
    const reason = (form.get("reason") ?? "").replace(/\s+/g, " ").trim() || "-";
    return outcome(ctx, await ctx.run(`/tuchoi ${id} ${reason}`), "/app/unit");
  },
  /** Send the checked cadres to a class: `/cudi <class> <cadre>` each, within the unit's seats (the chat's rule). */
  "/app/send": async (ctx, form) => {
    const code = ClassCode.safeParse(form.get("course"));
    const ids = form.getAll("cadre").filter((id) => CADRE_ID.test(id));
    if (!code.success || ids.length === 0 || ids.length > 200) throw new WebForbidden();
    const replies: Reply[] = [];
    for (const id of ids) replies.push(...(await ctx.run(`/cudi ${code.data} ${id}`)));
    return outcome(ctx, replies, "/app/unit");
  },
};
