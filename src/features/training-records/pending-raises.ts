/**
 * `/chungchicho`'s second list: cadres' own raises of their political theory level waiting for the
 * unit (`Cadre.theoryRaise`, made in /hoso), each with the same Confirm and Reject as the unit's
 * notice (`/hoso duyet|tuchoi <mã>`).
 */
import { authorize, unitResource } from "../../app/authorize";
import type { Reply } from "../../app/messages";
import { theoryRaiseButtons } from "../../app/theory-raise";
import type { Ctx } from "../../chat/feature";
import { dmy, localDate } from "../../domain/zoned-time";

/**
 * The raises the person may confirm (an officer's unit, every unit for an admin), oldest first, at
 * most `max` of them: a title line, then one message each; nothing when none waits.
 */
export async function pendingRaises(ctx: Ctx, unitNames: ReadonlyMap<string, string>, max: number): Promise<Reply[]> {
  const { deps, t, actor } = ctx;
  const waiting = (await deps.store.cadres.all())
    .filter((c) => c.theoryRaise && authorize(actor, "approve", unitResource(c.unitId)).allowed)
    .sort((a, b) => a.theoryRaise!.at.localeCompare(b.theoryRaise!.at) || a.id.localeCompare(b.id));
  if (waiting.length === 0) return [];
  const shown = waiting.slice(0, max);
  return [
    { text: t("trainingRecords:pending.raisesTitle", { count: waiting.length, shown: shown.length }) },
    ...shown.map((c, i): Reply => {
      const raise = c.theoryRaise!;
      return {
        text: t("trainingRecords:pending.raiseItem", {
          n: i + 1,
          name: c.fullName,
          unit: unitNames.get(c.unitId) ?? c.unitId,
          from: t(`cadres:theoryLevels.${c.theoryLevel}`),
          to: t(`cadres:theoryLevels.${raise.level}`),
          asked: dmy(localDate(new Date(raise.at), deps.config.timeZone)),
        }),
        buttons: theoryRaiseButtons(t, c.id),
      };
    }),
  ];
}
