/**
 * The demo data set (data/demo): 66 sample units and a few sample cadres each, for the console,
 * with the year's classes, some enrolments, certificates and reports (see ./demo-activity.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Cadre, Unit } from "../domain/records";
import type { Store } from "../store/store";
import { addDemoActivity, type DemoContext } from "./activity";

export const DEMO_ADMIN = "demo-admin";

/**
 * Loads the demo data into an empty store, its classes placed in the weeks after `ctx.now()`;
 * a store holding units is left alone.
 * @example if (await seedDemo(store, { plan, config, now: () => new Date() })) log.info("demo data loaded");
 */
export async function seedDemo(store: Store, ctx: DemoContext, dir = "data/demo"): Promise<boolean> {
  if ((await store.units.count()) > 0) return false;
  const units = JSON.parse(readFileSync(join(dir, "units.json"), "utf8")) as Unit[];
  const cadres = JSON.parse(readFileSync(join(dir, "cadres.json"), "utf8")) as Cadre[];
  const at = "2026-01-05T02:00:00.000Z";
  await store.transaction(async (tx) => {
    for (const unit of units) await tx.units.put(unit);
    for (const cadre of cadres) {
      await tx.people.put({ id: cadre.id, roles: [], createdAt: at, muted: false });
      await tx.cadres.put(cadre);
      await tx.accounts.put({ id: `console:${cadre.id}`, channel: "console", externalId: cadre.id, personId: cadre.id, lastSeenAt: at, unreachable: false });
    }
    await tx.people.put({ id: DEMO_ADMIN, roles: ["admin"], createdAt: at, muted: false });
    await tx.accounts.put({ id: `console:${DEMO_ADMIN}`, channel: "console", externalId: DEMO_ADMIN, personId: DEMO_ADMIN, lastSeenAt: at, unreachable: false });
    await addDemoActivity(tx, ctx, dir);
  });
  return true;
}
