/**
 * Units by chat, for admins: /dsdonvi (/units) lists them a page at a time with a button per unit;
 * a unit's card offers rename (/doitendonvi), merge (/sapnhap) and close (/giaithe), each change
 * confirmed with a button before it is made, and written to the audit log.
 */
import { Id } from "../../domain/fields";
import { z } from "zod";
import { DomainError } from "../../app/errors";
import type { Command, Ctx } from "../../chat/feature";
import type { Reply } from "../../app/messages";
import type { Step, Wizard } from "../../chat/wizard";
import type { Cadre, Unit } from "../../domain/records";
import { compareVi, excerpt, fold } from "../../domain/text";
import { isOpen, openUnits } from "../../domain/units";
import { findUnit as findUnitIn } from "../../app/unit-lookup";
import { dmy } from "../../domain/zoned-time";
import { closeUnit, mergeUnits, openUnit, renameUnit, type MergeResult } from "../../app/unit-changes";
import { secretariesOf } from "../../domain/cadres";

/** Units on one page of /dsdonvi. */
export const PAGE_SIZE = 10;
/** The word that confirms a merge or a close. */
const CONFIRM = "xacnhan";

const sorted = (units: readonly Unit[]) => [...units].sort((a, b) => compareVi(a.name, b.name) || a.id.localeCompare(b.id));

/** The unit a word names: its id, its code, or the only open unit whose name holds every word. */
export function findUnit(ctx: Ctx, word: string): Promise<Unit> {
  return findUnitIn(ctx.deps.store, word);
}

function page(ctx: Ctx, units: Unit[], n: number): Reply {
  const { t } = ctx;
  const pages = Math.max(1, Math.ceil(units.length / PAGE_SIZE));
  const at = Math.min(Math.max(1, n), pages);
  const shown = units.slice((at - 1) * PAGE_SIZE, at * PAGE_SIZE);
  const nav = [
    ...(at > 1 ? [{ label: t("units:list.previous"), data: `/dsdonvi ${at - 1}` }] : []),
    ...(at < pages ? [{ label: t("units:list.next"), data: `/dsdonvi ${at + 1}` }] : []),
  ];
  const text = units.length ? t("units:list.title", { count: units.length, page: at, pages }) : t("units:list.empty");
  return {
    text,
    buttons: [
      ...shown.map((u) => [{ label: excerpt(`${u.code ?? u.id} — ${u.name}`, 60, true), data: `/dsdonvi ${u.id}` }]),
      ...(nav.length ? [nav] : []),
    ],
  };
}

async function card(ctx: Ctx, unit: Unit): Promise<Reply> {
  const { t, deps } = ctx;
  const cadres = (await deps.store.cadres.find({ unitId: unit.id })).filter((c) => c.status === "approved").length;
  const former = (unit.formerNames ?? []).map((f) => t("units:card.former", { name: f.name, until: dmy(f.until) }));
  const lines = [
    t("units:card.title", { name: unit.name }),
    t("units:card.code", { code: unit.code ?? "—", id: unit.id }),
    t("units:card.kind", { kind: t(`units:kinds.${unit.type}`, { defaultValue: unit.type }) }),
    t("units:card.size", { members: unit.members, cadres, groups: unit.groups.length }),
    ...(isOpen(unit) ? [] : [t(`units:card.status.${unit.status}`, { into: unit.mergedInto ?? "" })]),
    ...former,
  ];
  const buttons = isOpen(unit)
    ? [
        [
          { label: t("units:card.rename"), data: `/doitendonvi ${unit.id}` },
          { label: t("units:card.links"), data: `/linkdonvi ${unit.id}` },
        ],
        [
          { label: t("units:card.merge"), data: `/sapnhap ${unit.id}` },
          { label: t("units:card.close"), data: `/giaithe ${unit.id}` },
        ],
        [{ label: t("units:list.back"), data: "/dsdonvi" }],
      ]
    : [[{ label: t("units:list.back"), data: "/dsdonvi" }]];
  return { text: lines.join("\n"), buttons };
}

async function listUnits(ctx: Ctx): Promise<Reply> {
  const arg = ctx.args.trim();
  const open = sorted(openUnits(await ctx.deps.store.units.all()));
  if (!arg || /^\d+$/.test(arg)) return page(ctx, open, Number(arg || 1));
  if (fold(arg) === "da dong" || fold(arg) === "closed") {
    const ended = sorted((await ctx.deps.store.units.all()).filter((u) => !isOpen(u)));
    return {
      text: [ctx.t("units:list.ended", { count: ended.length }), ...ended.map((u) => `• ${u.id} — ${u.name}`)].join("\n"),
    };
  }
  return card(ctx, await findUnit(ctx, arg));
}

const RenameDraft = z.object({ unitId: Id, name: z.string().optional() }).strict();
type RenameDraft = z.infer<typeof RenameDraft> & Record<string, unknown>;

const renameStep: Step<RenameDraft> = {
  id: "name",
  ask: async (ctx, data) => ({
    text: ctx.t("units:rename.ask", { name: (await ctx.deps.store.units.get(data.unitId ?? ""))?.name ?? "" }),
  }),
  answer: (_ctx, input, data) => ({ data: { ...data, name: input } }),
};

async function doRename(ctx: Ctx, unitId: string, name: string): Promise<Reply[]> {
  const { deps, actor, t } = ctx;
  const before = await openUnit(deps.store, unitId);
  const renamed = await deps.store.transaction((tx) => renameUnit(deps, tx, actor.person.id, unitId, name));
  deps.log.info({ unit: unitId, by: actor.person.id }, "unit renamed");
  return [{ text: t("units:rename.done", { from: before.name, to: renamed.name }) }];
}

export const renameWizard: Wizard<RenameDraft> = {
  draft: RenameDraft,
  name: "unit.rename",
  steps: [renameStep],
  finish: (ctx, data) => doRename(ctx, data.unitId!, String(data.name ?? "")),
};

async function rename(ctx: Ctx): Promise<Reply[]> {
  const [word, ...rest] = ctx.args.split(/\s+/).filter(Boolean);
  if (!word) return [{ text: ctx.t("units:rename.usage") }];
  const unit = await findUnit(ctx, word);
  if (!isOpen(unit)) throw new DomainError("units:errors.notOpen", { name: unit.name });
  if (rest.length === 0) return ctx.startWizard("unit.rename", { unitId: unit.id });
  return doRename(ctx, unit.id, rest.join(" "));
}

async function close(ctx: Ctx): Promise<Reply[]> {
  const { deps, actor, t } = ctx;
  const [word, confirm] = ctx.args.split(/\s+/).filter(Boolean);
  if (!word) return [{ text: t("units:close.usage") }];
  const unit = await findUnit(ctx, word);
  if (!isOpen(unit)) throw new DomainError("units:errors.notOpen", { name: unit.name });
  if (confirm !== CONFIRM) {
    const cadres = (await deps.store.cadres.find({ unitId: unit.id })).length;
    return [
      {
        text: t("units:close.confirm", { name: unit.name, cadres }),
        buttons: [
          [
            { label: t("units:close.yes"), data: `/giaithe ${unit.id} ${CONFIRM}` },
            { label: t("common:keep"), data: "/huy" },
          ],
        ],
      },
    ];
  }
  await deps.store.transaction((tx) => closeUnit(deps, tx, actor.person.id, unit.id));
  deps.log.info({ unit: unit.id, by: actor.person.id }, "unit closed");
  return [{ text: t("units:close.done", { name: unit.name }) }];
}

/**
 * What the merge's confirmation says and offers: what moves, and who holds the Secretary post after
 * it. When the two units have more than one Secretary between them, the admin chooses (a button per
 * Secretary, numbered on Zalo and the console); the others become committee members.
 */
async function mergeConfirmation(ctx: Ctx, from: Unit, into: Unit): Promise<Reply> {
  const { deps, t } = ctx;
  const moving = await deps.store.cadres.find({ unitId: from.id });
  const staying = await deps.store.cadres.find({ unitId: into.id });
  const reports = (await deps.store.reports.find({ unitId: from.id })).length;
  const secretaries = [...secretariesOf(staying, into.id), ...secretariesOf(moving, from.id)];
  const unitOf = (c: Cadre) => (c.unitId === into.id ? into.name : from.name);
  const deputies = [...staying, ...moving].filter((c) => c.status === "approved" && c.position === "deputy");
  const head = t("units:merge.confirm", { from: from.name, into: into.name, cadres: moving.length, reports, groups: from.groups.length });
  const deputyLine =
    deputies.length > 1 ? [t("units:merge.deputies", { names: deputies.map((c) => `${c.fullName} (${unitOf(c)})`).join(", ") })] : [];
  const keep = { label: t("common:keep"), data: "/huy" };
  if (secretaries.length < 2)
    return {
      text: [head, ...deputyLine].join("\n"),
      buttons: [[{ label: t("units:merge.yes"), data: `/sapnhap ${from.id} ${into.id} ${CONFIRM}` }, keep]],
    };
  const names = secretaries.map((c) => t("units:merge.secretaryOf", { name: c.fullName, unit: unitOf(c) }));
  return {
    text: [head, ...deputyLine, t("units:merge.chooseSecretary", { names: names.join("; ") })].join("\n"),
    buttons: [
      ...secretaries.map((c) => [
        {
          label: t("units:merge.keepSecretary", { name: c.fullName, unit: unitOf(c) }),
          data: `/sapnhap ${from.id} ${into.id} ${CONFIRM} ${c.id}`,
        },
      ]),
      [keep],
    ],
  };
}

async function merge(ctx: Ctx): Promise<Reply[]> {
  const { deps, actor, t } = ctx;
  const [fromWord, intoWord, confirm, keepSecretary] = ctx.args.split(/\s+/).filter(Boolean);
  if (!fromWord) return [{ text: t("units:merge.usage") }];
  const from = await findUnit(ctx, fromWord);
  if (!intoWord) return [{ text: t("units:merge.askInto", { name: from.name, id: from.id }) }];
  const into = await findUnit(ctx, intoWord);
  if (from.id === into.id) throw new DomainError("units:errors.mergeSelf");
  if (!isOpen(into)) throw new DomainError("units:errors.mergeIntoClosed", { name: into.name });
  if (confirm !== CONFIRM) return [await mergeConfirmation(ctx, from, into)];
  let result: MergeResult;
  try {
    result = await deps.store.transaction((tx) => mergeUnits(deps, tx, actor.person.id, from.id, into.id, keepSecretary));
  } catch (e) {
    // A confirmation typed without the choice (or naming someone else): ask again, with the choice.
    if (e instanceof DomainError && e.key === "units:errors.mergeChooseSecretary") return [await mergeConfirmation(ctx, from, into)];
    throw e;
  }
  deps.log.info({ from: from.id, into: into.id, by: actor.person.id }, "units merged");
  const kept = keepSecretary ? await deps.store.cadres.get(keepSecretary) : undefined;
  return [
    {
      text: [
        t("units:merge.done", { from: from.name, into: into.name, cadres: result.cadres, reports: result.reports, groups: result.groups }),
        ...(kept?.position === "secretary" ? [t("units:merge.secretaryKept", { name: kept.fullName, into: into.name })] : []),
      ].join("\n"),
    },
  ];
}

export const unitCommands: Command[] = [
  { name: "dsdonvi", alias: "units", chats: "private", run: listUnits },
  { name: "doitendonvi", alias: "renameunit", chats: "private", run: rename },
  { name: "sapnhap", alias: "mergeunit", chats: "private", run: merge },
  { name: "giaithe", alias: "closeunit", chats: "private", run: close },
];
