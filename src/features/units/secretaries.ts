/**
 * Units with two Secretaries, from data stored before the rule "one Secretary per unit": the admins
 * are told once per unit (the scheduler's `warn:two-secretaries`, written by the composer below with
 * a button per Secretary) and choose with `/chonbithu` (/choosesecretary) who keeps the post; the
 * others become committee members, the post kept in their history. Until then counts and contact
 * lists read the latest elected as the Secretary (`presumedSecretary`, domain/cadres.ts).
 */
import type { Deps } from "../../app/deps";
import { DomainError } from "../../app/errors";
import type { Reply } from "../../app/messages";
import { chooseSecretary } from "../../app/secretary";
import type { Command, Composer, Ctx } from "../../chat/feature";
import { secretariesOf, presumedSecretary, unitsWithTwoSecretaries } from "../../domain/cadres";
import type { Cadre, Unit } from "../../domain/records";
import { excerpt } from "../../domain/text";
import { isOpen, unitCoded } from "../../domain/units";
import { dmy } from "../../domain/zoned-time";
import type { T } from "../../i18n";

/** The choice for one unit: its Secretaries (with their election dates), who counts until then, a button each. */
function choice(t: T, unit: Unit, secretaries: readonly Cadre[]): Reply {
  const presumed = presumedSecretary(secretaries)!;
  const names = secretaries.map((c) =>
    c.electedOn
      ? t("units:secretaries.elected", { name: c.fullName, date: dmy(c.electedOn) })
      : t("units:secretaries.noDate", { name: c.fullName }),
  );
  return {
    text: t("units:secretaries.choose", {
      unit: unit.name,
      count: secretaries.length,
      names: names.join("; "),
      presumed: presumed.fullName,
    }),
    buttons: secretaries.map((c) => [{ label: t("units:secretaries.keep", { name: c.fullName }), data: `/chonbithu ${unit.id} ${c.id}` }]),
  };
}

async function secretariesIn(deps: Pick<Deps, "store">, unitId: string): Promise<Cadre[]> {
  const list = secretariesOf(await deps.store.cadres.find({ unitId }), unitId);
  const presumed = presumedSecretary(list);
  return presumed ? [presumed, ...list.filter((c) => c.id !== presumed.id)] : [];
}

/** The scheduler's notice of a unit with two Secretaries, written at send time: the choice, or that it was made. */
export const twoSecretariesComposer: Composer = async (deps, vars, t) => {
  const unit = await deps.store.units.get(String(vars.unitId));
  const secretaries = unit && isOpen(unit) ? await secretariesIn(deps, unit.id) : [];
  if (!unit || secretaries.length < 2) return { text: t("units:secretaries.settled", { unit: unit?.name ?? String(vars.unitId) }) };
  return choice(t, unit, secretaries);
};

async function chooseFor(ctx: Ctx, unit: Unit, personId: string | undefined): Promise<Reply[]> {
  const { deps, actor, t } = ctx;
  const secretaries = await secretariesIn(deps, unit.id);
  if (!personId) return [secretaries.length > 1 ? choice(t, unit, secretaries) : { text: t("units:secretaries.one", { unit: unit.name }) }];
  const { kept, replaced } = await deps.store.transaction((tx) => chooseSecretary(deps, tx, actor.person.id, unit.id, personId));
  deps.log.info({ unit: unit.id, kept: kept.id, by: actor.person.id }, "secretary chosen");
  return [
    {
      text: replaced.length
        ? t("units:secretaries.done", { name: kept.fullName, unit: unit.name, others: replaced.map((c) => c.fullName).join(", ") })
        : t("units:secretaries.one", { unit: unit.name }),
    },
  ];
}

/** `/chonbithu` lists the units with two Secretaries, each with its choice; `/chonbithu u01` one unit; `/chonbithu u01 p-3` chooses. */
async function run(ctx: Ctx): Promise<Reply[]> {
  const { deps, t } = ctx;
  const [unitWord, personId] = ctx.args.split(/\s+/).filter(Boolean);
  const units = await deps.store.units.all();
  if (unitWord) {
    const unit = unitCoded(units, unitWord);
    if (!unit) throw new DomainError("cadres:errors.unitNotFound", { unit: excerpt(unitWord) });
    if (!isOpen(unit)) throw new DomainError("units:errors.notOpen", { name: unit.name });
    return chooseFor(ctx, unit, personId);
  }
  const open = new Map(units.filter(isOpen).map((u) => [u.id, u]));
  const found = unitsWithTwoSecretaries(await deps.store.cadres.all()).filter((f) => open.has(f.unitId));
  if (!found.length) return [{ text: t("units:secretaries.none") }];
  return [
    { text: t("units:secretaries.title", { count: found.length }) },
    ...found.map((f) => choice(t, open.get(f.unitId)!, f.secretaries)),
  ];
}

export const chooseSecretaryCommand: Command = { name: "chonbithu", alias: "choosesecretary", chats: "private", run };
