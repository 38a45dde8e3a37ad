/** /nhatky (/auditlog): admins read the audit log — who did what, when — newest first. */
import type { Answer, Command } from "../../chat/feature";
import { formatDateTime, periodLabel } from "../../i18n";
import { excerpt } from "../../domain/text";
import { PAGE_LINES, pageArg, pageOf } from "../../chat/pages";

/** `/nhatky` the latest entries; `/nhatky p-12` or `/nhatky u01` those about one person, report or unit. */
export const auditLogCommand: Command = {
  name: "nhatky",
  alias: "auditlog",
  chats: "private",
  run: async (ctx): Promise<Answer> => {
    const { t, deps } = ctx;
    const { rest, page } = pageArg(ctx.args);
    const filter = rest.split(/\s+/)[0] ?? "";
    // A unit's entries include those about its people and its classes' quotas.
    const people = filter ? new Set((await deps.store.cadres.find({ unitId: filter })).map((c) => c.id)) : new Set<string>();
    const about = (id: string | undefined) => !filter || id === filter || id?.startsWith(`${filter}:`) || (!!id && people.has(id));
    const entries = (await deps.store.audit.all()).filter(
      (e) => about(e.subjectId) || e.actorId === filter || (!!filter && (e.details.unitId === filter || e.details.plan === filter)),
    );
    if (entries.length === 0) return { text: t(filter ? "audit:auditLog.noneAbout" : "audit:auditLog.none", { id: filter.slice(0, 60) }) };
    const latest = entries.sort((a, b) => b.at.localeCompare(a.at)).slice((page - 1) * PAGE_LINES, page * PAGE_LINES);
    // Names, never raw ids: a person, a class, a unit, a unit's report ("Sở Y tế — Quý 4/2026"), a broadcast.
    const nameOf = async (id: string | undefined): Promise<string> => {
      if (!id) return "—";
      const report = await deps.store.reports.get(id);
      if (report) return t("audit:auditLog.report", { unit: await nameOf(report.unitId), period: periodLabel(t, report.period) });
      const broadcast = await deps.store.broadcasts.get(id);
      if (broadcast) return t("audit:auditLog.broadcast", { text: excerpt(broadcast.text, 40) });
      return (
        (await deps.store.cadres.get(id))?.fullName ??
        (await deps.store.courses.get(id))?.title ??
        (await deps.store.units.get(id))?.name ??
        id
      );
    };
    const lines = await Promise.all(
      latest.map(async (e) =>
        t("audit:auditLog.line", {
          at: formatDateTime(e.at, deps.config.timeZone),
          actor: await nameOf(e.actorId),
          action: t(`audit:auditLog.actions.${e.action}`, { defaultValue: e.action }),
          // A plan's id ("KH-2026/ĐTN") is no record id: its entries name it in their details.
          subject: e.subjectId || typeof e.details.plan !== "string" ? await nameOf(e.subjectId) : e.details.plan,
        }),
      ),
    );
    // Only this page's entries are written out; the pager sees placeholders for the others.
    const all = [...Array((page - 1) * PAGE_LINES).fill(""), ...lines, ...Array(Math.max(0, entries.length - page * PAGE_LINES)).fill("")];
    return pageOf(t, {
      head: t("audit:auditLog.title", { count: entries.length }),
      lines: all,
      page,
      command: `/nhatky${filter ? ` ${filter}` : ""}`,
    });
  },
};
