/**
 * Imports a roster file (.xlsx or .csv) into the data directory from the command line:
 *   npm run import -- danh-sach.xlsx [--partial]
 * Uses the same checks as a file sent to the bot; by default nothing is imported while any row is
 * invalid (--partial imports the valid rows). Exit status: 0 imported, 1 problems found, 2 cannot run.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { newId } from "../src/build";
import { ConfigError, loadConfig } from "../src/config";
import { describeProblems, importRoster } from "../src/features/rosters/import-export";
import { DomainError } from "../src/app/errors";
import { translator } from "../src/i18n";
import { openLowdbStore } from "../src/store/lowdb-store";
import { CorruptDataError, InvalidRecordError, StoreLockedError } from "../src/store/store";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const files = args.filter((a) => !a.startsWith("--"));
  const unknown = args.filter((a) => a.startsWith("--") && a !== "--partial");
  const t = translator("vi");
  const refuse = (key: string, vars: Record<string, unknown> = {}) => {
    console.error([t(key, vars), t("rosters:cli.usage")].join("\n"));
    return 2;
  };
  if (unknown.length) return refuse("rosters:cli.unknownOption", { option: unknown[0] });
  if (files.length !== 1) return refuse(files.length ? "rosters:cli.oneFile" : "rosters:cli.noFile");
  const file = files[0]!;
  if (!existsSync(file)) return refuse("rosters:cli.notFound", { file });
  const config = loadConfig(process.env);
  const store = await openLowdbStore({ dir: config.dataDir });
  try {
    const deps = { store, now: () => new Date(), newId, config };
    const result = await importRoster(deps, "cli", basename(file), readFileSync(file), { partial: args.includes("--partial") });
    const counts = { created: result.created, updated: result.updated, unchanged: result.unchanged };
    if (result.problems.length) {
      console.error(t("rosters:import.failed", { count: result.problems.length, rows: new Set(result.problems.map((p) => p.row)).size }));
      for (const line of describeProblems(t, result.problems)) console.error(`  ${line}`);
    }
    console.log(result.applied ? t(result.problems.length ? "rosters:import.partialDone" : "rosters:import.done", counts) : t("rosters:import.nothingImported"));
    return result.problems.length ? 1 : 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof DomainError) console.error(translator("vi")(e.key, e.vars));
    else if (e instanceof ConfigError || e instanceof StoreLockedError || e instanceof CorruptDataError || e instanceof InvalidRecordError) console.error(e.message);
    else console.error(e);
    process.exit(2);
  },
);
