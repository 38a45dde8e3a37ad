/**
 * Long lists read on a phone: about 15 lines a message, with a "Xem thêm" (more) option that asks
 * for the next page. The command gets the page back as `trang N` at the end of its arguments.
 */
import type { Button, Reply } from "../app/messages";
import type { T } from "../i18n";

/** Lines shown per page. */
export const PAGE_LINES = 15;

/**
 * Splits `trang 3` (or `page 3`) off the end of a command's arguments.
 * @example pageArg("u01 trang 2") // { rest: "u01", page: 2 }
 */
export function pageArg(args: string): { rest: string; page: number } {
  const m = /^(.*?)\s*\b(?:trang|page)\s+(\d{1,4})$/i.exec(args.trim());
  return m ? { rest: m[1]!.trim(), page: Math.max(1, Number(m[2])) } : { rest: args.trim(), page: 1 };
}

/**
 * One page of `lines` under `head` (with "page x/y" when there are several), `footer` on the last
 * page, and "Xem thêm" sending `<command> trang <next>`.
 * @example return pageOf(t, { head, lines, page, command: "/nhatky u01" });
 */
export function pageOf(
  t: T,
  o: { head: string; lines: readonly string[]; page: number; command: string; footer?: readonly string[] },
): Reply {
  const pages = Math.max(1, Math.ceil(o.lines.length / PAGE_LINES));
  const p = Math.min(Math.max(1, o.page), pages);
  const shown = o.lines.slice((p - 1) * PAGE_LINES, p * PAGE_LINES);
  const head = pages > 1 ? `${o.head} ${t("common:page", { page: p, pages })}` : o.head;
  const text = [head, ...shown, ...(p === pages && o.footer?.length ? o.footer : [])].join("\n");
  return p < pages ? { text, buttons: [[{ label: t("common:more"), data: `${o.command} trang ${p + 1}` }]] } : { text };
}

/** Choices a picker offers on one page; more come with "Xem thêm". */
export const PICKER_SIZE = 15;

/**
 * One page of a picker: a button a row (numbered lines where a channel has none), 15 a page, "page
 * x/y" after `head` when there are several, and "Xem thêm" sending `<command> trang <next>`.
 * @example return pickerPage(t, { head, choices, page, command: "/quyhoach u01" });
 */
export function pickerPage(t: T, o: { head: string; choices: readonly Button[]; page: number; command: string }): Reply {
  const pages = Math.max(1, Math.ceil(o.choices.length / PICKER_SIZE));
  const p = Math.min(Math.max(1, o.page), pages);
  const buttons = o.choices.slice((p - 1) * PICKER_SIZE, p * PICKER_SIZE).map((b) => [b]);
  if (p < pages) buttons.push([{ label: t("common:more"), data: `${o.command} trang ${p + 1}` }]);
  return { text: pages > 1 ? `${o.head} ${t("common:page", { page: p, pages })}` : o.head, buttons };
}
