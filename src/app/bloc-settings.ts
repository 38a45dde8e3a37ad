/** The bloc's own settings (its name, linked groups), read by the set-up and the group links. */
import { BLOC_ID, type BlocSettings } from "../domain/bloc";
import type { Collections } from "../store/store";
import type { Deps } from "./deps";
import type { Reply } from "./messages";
import { openUnits } from "../domain/units";
import type { T } from "../i18n";

/** The bloc's settings, empty when none were stored yet. */
export async function blocSettings(store: Pick<Collections, "bloc">): Promise<BlocSettings> {
  return (await store.bloc.get(BLOC_ID)) ?? { id: BLOC_ID, groups: [] };
}

/** True while the bloc has no open unit and was never set up: the first admin is then walked through the set-up. */
export async function needsSetup(deps: Pick<Deps, "store">): Promise<boolean> {
  const bloc = await blocSettings(deps.store);
  return !bloc.setUpAt && openUnits(await deps.store.units.all()).length === 0;
}

/** What `/start` says to someone who is not an admin while the bloc has no unit: being set up, whom to contact. */
export async function settingUpReply(ctx: { t: T; deps: Pick<Deps, "store"> }): Promise<Reply> {
  const bloc = await blocSettings(ctx.deps.store);
  return { text: ctx.t("setup:settingUp", { bloc: bloc.name ?? ctx.t("setup:defaultBloc") }) };
}
