/**
 * The demo data set (data/demo): 66 sample units and a few sample cadres each, for the console,
 * with the year's classes, some enrolments, certificates and reports (see ./demo-activity.ts).
 */
import { markPlansChanged } from "../app/plans";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Plan } from "../domain/plan";
import type { Cadre, Unit } from "../domain/records";
import type { Store } from "../store/store";
import { addDemoActivity, type DemoContext } from "./activity";
import { addPlan49History, PLAN_49 } from "./plan49-history";
import { addDays, DAY_MS, daysBetween, localDate } from "../domain/zoned-time";

export const DEMO_ADMIN = "demo-admin";

/** The day the sample cadres' dates (elections, consents) were written for: they move with the load day. */
export const DEMO_WRITTEN_ON = "2026-11-29";

const shiftMoment = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString();

/** A sample cadre with its dates moved by `days`. */
function shiftCadre(c: Cadre, days: number): Cadre {
  const at = shiftMoment(c.registeredAt, days);
  return {
    ...c,
    electedOn: c.electedOn && addDays(c.electedOn, days),
    registeredAt: at,
    consent: { ...c.consent, at: shiftMoment(c.consent.at, days) },
  };
}

/**
 * The demo's sample plan, marked "(mẫu)": the running plan's structure over the years around the
 * day the demo is loaded (data/demo/plan.json), so that the demo never runs outside a plan.
 */
export function samplePlan(ctx: DemoContext, dir = "data/demo"): Plan {
  const sample = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")) as { id: string; title: string; years: number };
  const year = Number(localDate(ctx.now(), ctx.config.timeZone).slice(0, 4));
  return Plan.parse({
    ...ctx.plan,
    id: `${sample.id}-${year}`,
    title: sample.title,
    sample: true,
    basedOn: ctx.plan.id,
    issuedOn: `${year - 1}-01-01`,
    // From the year before (the demo's past classes may fall there), for `years` years.
    period: { from: `${year - 1}-01-01`, to: `${year - 2 + sample.years}-12-31` },
  });
}

/**
 * Loads the demo data into an empty store, its classes placed in the weeks after `ctx.now()`;
 * a store holding units is left alone.
 * @example if (await seedDemo(store, { plan, config, now: () => new Date() })) log.info("demo data loaded");
 */
export async function seedDemo(store: Store, ctx: DemoContext, dir = "data/demo"): Promise<boolean> {
  if ((await store.units.count()) > 0) return false;
  const units = JSON.parse(readFileSync(join(dir, "units.json"), "utf8")) as Unit[];
  // The sample's dates were written as seen on DEMO_WRITTEN_ON; moved to the load day, the demo never ages.
  const days = daysBetween(DEMO_WRITTEN_ON, localDate(ctx.now(), ctx.config.timeZone));
  const cadres = (JSON.parse(readFileSync(join(dir, "cadres.json"), "utf8")) as Cadre[]).map((c) => shiftCadre(c, days));
  const at = shiftMoment("2026-01-05T02:00:00.000Z", days);
  await store.transaction(async (tx) => {
    for (const unit of units) await tx.units.put(unit);
    for (const cadre of cadres) {
      await tx.people.put({ id: cadre.id, roles: [], createdAt: at, muted: false });
      await tx.cadres.put(cadre);
      await tx.accounts.put({
        id: `console:${cadre.id}`,
        channel: "console",
        externalId: cadre.id,
        personId: cadre.id,
        lastSeenAt: at,
        unreachable: false,
      });
    }
    await tx.people.put({ id: DEMO_ADMIN, roles: ["admin"], createdAt: at, muted: false });
    await tx.accounts.put({
      id: `console:${DEMO_ADMIN}`,
      channel: "console",
      externalId: DEMO_ADMIN,
      personId: DEMO_ADMIN,
      lastSeenAt: at,
      unreachable: false,
    });
    const plan = samplePlan(ctx, dir);
    await tx.plans.put(plan);
    if (!(await tx.plans.get(PLAN_49)) && ctx.plan.id === PLAN_49) await tx.plans.put(ctx.plan);
    await addPlan49History(tx, ctx, dir);
    await markPlansChanged(tx, ctx.now());
    await addDemoActivity(tx, { ...ctx, plan }, dir);
  });
  return true;
}
