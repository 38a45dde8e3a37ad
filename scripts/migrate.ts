/**
 * Copies all the data between the embedded store and PostgreSQL:
 *   npm run migrate -- --to postgres [--data-dir DIR]   from DIR ($DATA_DIR, var/data) into $DATABASE_URL
 *   npm run migrate -- --to dir --data-dir DIR          from $DATABASE_URL into DIR
 * The target must be empty. Stop the bot first: the embedded store's directory is locked while
 * it runs. Exit status: 0 copied, 2 cannot run (wrong flags, a non-empty target, unreadable data).
 */
import { parseArgs } from "node:util";
import { copyStore, TargetNotEmptyError } from "../src/store/copy";
import { openLowdbStore } from "../src/store/lowdb-store";
import { SchemaTooNewError } from "../src/store/postgres/migrate-schema";
import { openPostgresStore } from "../src/store/postgres/postgres-store";
import { CorruptDataError, InvalidRecordError, StoreLockedError, type Store } from "../src/store/store";

const USAGE =
  "usage: npm run migrate -- --to postgres [--data-dir DIR]  |  npm run migrate -- --to dir --data-dir DIR   (DATABASE_URL set)";

class UsageError extends Error {}

async function main(): Promise<void> {
  let values: { to?: string; "data-dir"?: string };
  try {
    ({ values } = parseArgs({
      options: { to: { type: "string" }, "data-dir": { type: "string" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url))
    throw new UsageError("DATABASE_URL must be set to postgres://user:password@host:5432/database");
  if (values.to !== "postgres" && values.to !== "dir") throw new UsageError("--to must be postgres or dir");
  if (values.to === "dir" && !values["data-dir"]) throw new UsageError("--to dir needs --data-dir DIR");
  const dir = values["data-dir"] ?? process.env.DATA_DIR ?? "var/data";

  const opened: Store[] = [];
  try {
    const lowdb = await openLowdbStore({ dir });
    opened.push(lowdb);
    const postgres = await openPostgresStore({ url, poolSize: 2 });
    opened.push(postgres);
    const [from, to, target] = values.to === "postgres" ? [lowdb, postgres, "database"] : [postgres, lowdb, dir];
    const copied = await copyStore(from, to, target);
    const total = Object.values(copied).reduce((a, b) => a + b, 0);
    console.log(`Copied ${total} records into the ${values.to === "postgres" ? "PostgreSQL database" : `data directory ${dir}`}:`);
    for (const [name, n] of Object.entries(copied)) if (n) console.log(`  ${name}: ${n}`);
  } finally {
    for (const s of opened.reverse()) await s.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    if (e instanceof UsageError) console.error(`${e.message}\n${USAGE}`);
    else if ([TargetNotEmptyError, SchemaTooNewError, StoreLockedError, CorruptDataError, InvalidRecordError].some((k) => e instanceof k))
      console.error(e.message);
    else console.error(e);
    process.exit(2);
  },
);
