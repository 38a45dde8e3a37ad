/**
 * Backs up the embedded store's data directory while the bot runs:
 *   npm run backup -- [--data-dir DIR] [--to BACKUP]
 * DIR is $DATA_DIR or var/data; BACKUP a new directory, by default var/backups/<date and time>.
 * Exit status: 0 written, 2 cannot run (wrong flags, the target exists, unreadable data).
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { BackupTargetExistsError, backupDataDir, NothingToBackUpError } from "../src/store/backup";
import { CorruptDataError, InvalidRecordError } from "../src/store/store";

const USAGE = "usage: npm run backup -- [--data-dir DIR] [--to BACKUP_DIR]";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { "data-dir": { type: "string" }, to: { type: "string" } }, strict: true });
  const dir = values["data-dir"] ?? process.env.DATA_DIR ?? "var/data";
  const to = values.to ?? join("var", "backups", new Date().toISOString().replace(/[:.]/g, "-"));
  const summary = await backupDataDir(dir, to);
  console.log(`Backed up ${summary.records} records of ${dir} into ${summary.dir} (${summary.files.join(", ")}, backup.json).`);
}

main().then(
  () => process.exit(0),
  (e) => {
    if ([BackupTargetExistsError, NothingToBackUpError, CorruptDataError, InvalidRecordError].some((k) => e instanceof k))
      console.error(e.message);
    else if ((e as NodeJS.ErrnoException).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") console.error(`${(e as Error).message}\n${USAGE}`);
    else console.error(e);
    process.exit(2);
  },
);
