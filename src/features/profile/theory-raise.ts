/**
 * A cadre raising their own political theory level in /hoso: like training done elsewhere
 * (`/chungchingoai`), the raise waits for an officer of the unit, who confirms or rejects it
 * (`/hoso duyet <mã>`, `/hoso tuchoi <mã>`); until then the recorded level counts. Lowering it, a
 * change of the same rank, or one who may confirm the unit's records (an officer, an admin) is
 * saved at once.
 */
import { notifyAdmins } from "../../app/approval-request";
import { audit } from "../../app/audit";
import { authorize, demand, unitResource } from "../../app/authorize";
import { DomainError } from "../../app/errors";
import { theoryRaiseButtons } from "../../app/theory-raise";
import type { Reply } from "../../app/messages";
import type { Ctx } from "../../chat/feature";
import { unitOfficers } from "../../app/secretary";
import { noticeKey } from "../../domain/outbox";
import { meetsTheory } from "../../domain/plan";
import type { Cadre } from "../../domain/records";
import { changeTheory } from "../../domain/theory";
import { localDate } from "../../domain/zoned-time";
import type { T } from "../../i18n";
import type { Collections } from "../../store/store";

/**
 * The record to save for a change made in /hoso: a raise of the theory level by one who may not
 * confirm it keeps the recorded level and holds the raise as waiting; any other change of the
 * level drops a raise still waiting.
 */
export function withTheoryRaise(ctx: Ctx, current: Cadre, next: Cadre): Cadre {
  if (next.theoryLevel === current.theoryLevel) return next;
  const { theoryRaise: _, ...settled } = next;
  const raises = !meetsTheory(current.theoryLevel, next.theoryLevel);
  const confirms = authorize(ctx.actor, "approve", unitResource(current.unitId)).allowed;
  if (!raises || confirms || current.status !== "approved") return settled;
  return { ...next, theoryLevel: current.theoryLevel, theoryRaise: { level: next.theoryLevel, at: ctx.deps.now().toISOString() } };
}

/** Asks the unit's officers (else the admins) to confirm a cadre's waiting raise, in the transaction that saves it. */
export async function askToConfirmRaise(ctx: Ctx, tx: Collections, cadre: Cadre): Promise<void> {
  const { deps } = ctx;
  const level = cadre.theoryRaise?.level;
  if (!level) return;
  const render = (t: T): Reply => ({
    text: t("profile:theoryRaise.toOfficer", {
      name: cadre.fullName,
      from: t(`cadres:theoryLevels.${cadre.theoryLevel}`),
      to: t(`cadres:theoryLevels.${level}`),
    }),
    buttons: theoryRaiseButtons(t, cadre.id),
  });
  const key = noticeKey("theory-raise", cadre.id, cadre.theoryRaise!.at);
  const officers = (await unitOfficers(tx, cadre.unitId)).filter((o) => o.id !== cadre.id);
  for (const officer of officers) await deps.notify.toPerson(officer.id, key, render, tx);
  if (officers.length === 0) await notifyAdmins(deps, tx, key, render);
}

/** An officer of the unit (or an admin) confirms or rejects a cadre's waiting raise; the cadre is told. */
export async function decideRaise(ctx: Ctx, id: string | undefined, confirmed: boolean): Promise<Reply> {
  const { deps, actor } = ctx;
  const found = id ? await deps.store.cadres.get(id) : undefined;
  if (!found?.theoryRaise) throw new DomainError("profile:theoryRaise.none", { id: (id ?? "").slice(0, 40) });
  demand(actor, "approve", unitResource(found.unitId));
  const decided = await deps.store.transaction(async (tx) => {
    const cadre = await tx.cadres.get(found.id);
    if (!cadre?.theoryRaise) throw new DomainError("profile:theoryRaise.none", { id: found.id });
    const { theoryRaise: raise, ...rest } = cadre;
    // A confirmed raise is held from the day the cadre gave it; the level left goes into the history.
    const day = localDate(new Date(raise.at), deps.config.timeZone);
    await tx.cadres.put(confirmed ? changeTheory(rest, raise.level, day) : rest);
    const by = confirmed ? "confirmed" : "rejected";
    await audit(deps, tx, { actorId: actor.person.id, action: "cadre.edit", subjectId: cadre.id, details: { field: "theoryLevel", by } });
    const told = (t: T): Reply => ({ text: t(`profile:theoryRaise.${by}ToCadre`, { level: t(`cadres:theoryLevels.${raise.level}`) }) });
    await deps.notify.toPerson(cadre.id, noticeKey(`theory-${by}`, cadre.id, raise.at), told, tx);
    return { cadre, level: raise.level };
  });
  const key = confirmed ? "confirmed" : "rejected";
  return {
    text: ctx.t(`profile:theoryRaise.${key}`, { name: decided.cadre.fullName, level: ctx.t(`cadres:theoryLevels.${decided.level}`) }),
  };
}
