/**
 * Every unit's registration link, ready to post in the unit's group: one message per unit (its
 * button opens the private chat on Telegram; on Zalo the person types `/start u-<id>`) and a sheet
 * with every link (/linkdonvi, /unitlinks; also sent at the end of the set-up).
 */
import ExcelJS from "exceljs";
import type { Deps } from "./deps";
import type { Reply } from "./messages";
import type { Unit } from "../domain/records";
import { openUnits, unitDeepLink } from "../domain/units";
import type { T } from "../i18n";

/** Most per-unit messages sent in one answer; the sheet holds every unit. */
const MAX_MESSAGES = 100;

/** The message to post in a unit's group: how to register, with the deep link as a button. */
export function unitLinkReply(t: T, unit: Pick<Unit, "id" | "name">): Reply {
  const link = unitDeepLink(unit.id);
  return { text: t("units:links.message", { name: unit.name, link }), buttons: [[{ label: t("units:links.button"), data: link }]] };
}

/** The sheet of every open unit's link: code, name, the command that opens its registration. */
export async function linksSheet(t: T, units: readonly Unit[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t("units:links.sheet"));
  sheet.columns = [
    { header: t("units:links.columns.code"), key: "code", width: 14 },
    { header: t("units:links.columns.name"), key: "name", width: 48 },
    { header: t("units:links.columns.link"), key: "link", width: 28 },
    { header: t("units:links.columns.howTo"), key: "howTo", width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const u of units) {
    sheet.addRow({
      code: u.code ?? u.id,
      name: u.name,
      link: unitDeepLink(u.id),
      howTo: t("units:links.howTo", { link: unitDeepLink(u.id) }),
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The links of the given units (every open unit when none given): the sheet, then a message per unit. */
export async function unitLinksReplies(ctx: { t: T; deps: Pick<Deps, "store"> }, only?: Unit[]): Promise<Reply[]> {
  const { t, deps } = ctx;
  const units = only ?? openUnits(await deps.store.units.all());
  if (units.length === 0) return [{ text: t("units:links.none") }];
  const content = await linksSheet(t, units);
  const head: Reply = {
    text: t("units:links.intro", { count: units.length }),
    file: { name: "lien-ket-dang-ky-don-vi.xlsx", content, mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  };
  const each = units.slice(0, MAX_MESSAGES).map((u) => unitLinkReply(t, u));
  return [head, ...each];
}
