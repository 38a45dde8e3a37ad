/**
 * Imports a roster file (.xlsx or .csv) into the data directory (or DATABASE_URL) from the command line:
 *   npm run import -- danh-sach.xlsx [--partial] [--dry-run]
 * Uses the same checks as a file sent to the bot. Units the sheet names (a unit-name column) that
 * the data directory lacks are created first and listed, then the cadres are imported; a sheet
 * with unit columns only creates units. By default nothing is imported while any row is invalid
 * (--partial imports the valid rows; --dry-run only says what would be done).
 * Exit status: 0 imported, 1 problems found, 2 cannot run.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { newId } from "../src/build";
import { ConfigError, loadConfig } from "../src/config";
import { describeProblems, importRoster } from "../src/features/rosters/roster-import";
import { describeSecretaryNotes } from "../src/features/rosters/import-secretaries";
import { DomainError } from "../src/app/errors";
import { translator } from "../src/i18n";
import { openLowdbStore } from "../src/store/lowdb-store";
import { openPostgresStore } from "../src/store/postgres/postgres-store";
import { CorruptDataError, InvalidRecordError, StoreLockedError } from "../src/store/store";

const OPTIONS = { partial: { type: "boolean", default: false }, "dry-run": { type: "boolean", default: false } } as const;

async function main(): Promise<number> {
  const t = translator("vi");
  /** Says what is wrong in plain words, then how to call the command. */
  const refuse = (key: string, vars: Record<string, unknown> = {}) => {
    console.error([t(key, vars), t("rosters:cli.usage")].join("\n"));
    return 2;
  };
  const unknown = process.argv.slice(2).find((a) => a.startsWith("-") && !Object.keys(OPTIONS).includes(a.replace(/^--?/, "")));
  if (unknown) return refuse("rosters:cli.unknownOption", { option: unknown });
  const parsed = parseArgs({ allowPositionals: true, options: OPTIONS });
  const [file, ...extra] = parsed.positionals;
  if (!file) return refuse("rosters:cli.noFile");
  if (extra.length) return refuse("rosters:cli.oneFile");
  if (!existsSync(file)) return refuse("rosters:cli.notFound", { file });
  const config = loadConfig(process.env);
  const dryRun = parsed.values["dry-run"];
  // A dry run writes nothing: the embedded store is read from a copy (or empty when there is no data yet), never opened in place.
  const scratch = dryRun && !config.databaseUrl ? mkdtempSync(join(tmpdir(), "doan-import-dry-")) : undefined;
  if (scratch && existsSync(config.dataDir))
    cpSync(config.dataDir, scratch, { recursive: true, filter: (src) => basename(src) !== ".lock" });
  const store = config.databaseUrl
    ? await openPostgresStore({ url: config.databaseUrl })
    : await openLowdbStore({ dir: scratch ?? config.dataDir });
  try {
    const deps = { store, now: () => new Date(), newId, config };
    const options = { partial: parsed.values.partial, dryRun: parsed.values["dry-run"] };
    const result = await importRoster(deps, "cli", basename(file), readFileSync(file), options);
    if (result.problems.length) {
      console.error(t("rosters:import.failed", { count: result.problems.length, rows: new Set(result.problems.map((p) => p.row)).size }));
      for (const line of describeProblems(t, result.problems)) console.error(`  ${line}`);
    }
    if (result.unitsCreated.length && (result.applied || options.dryRun)) {
      console.log(t(result.applied ? "rosters:cli.unitsCreated" : "rosters:cli.unitsToCreate", { count: result.unitsCreated.length }));
      for (const u of result.unitsCreated) console.log(t("rosters:cli.unitLine", { code: u.code ?? u.id, id: u.id, name: u.name }));
    }
    if (result.applied || options.dryRun) for (const line of describeSecretaryNotes(t, result.secretaryNotes, "cli")) console.log(line);
    const counts = { created: result.created, updated: result.updated, unchanged: result.unchanged };
    if (options.dryRun) console.log(t("rosters:cli.dryRun", { count: result.cadreRows }));
    else if (!result.applied) console.log(t("rosters:cli.nothingImported"));
    else if (result.cadreRows) console.log(t(result.problems.length ? "rosters:import.partialDone" : "rosters:import.done", counts));
    else if (!result.unitsCreated.length) console.log(t("rosters:import.unitsOnlyDone"));
    return result.problems.length ? 1 : 0;
  } finally {
    await store.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof DomainError) console.error(translator("vi")(e.key, e.vars));
    else if (e instanceof StoreLockedError) console.error(translator("vi")("rosters:cli.locked", { dir: e.dir, pid: e.pid }));
    else if (e instanceof ConfigError || e instanceof CorruptDataError || e instanceof InvalidRecordError) console.error(e.message);
    else console.error(e);
    process.exit(2);
  },
);
