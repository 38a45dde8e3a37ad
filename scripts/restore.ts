/**
 * Restores a backup written by `npm run backup` into the embedded store's data directory:
 *   npm run restore -- --from BACKUP [--data-dir DIR]
 * DIR is $DATA_DIR or var/data. Refuses while a bot runs on DIR, and a backup whose files do not
 * match its manifest or do not load; the files replaced are moved to DIR.before-restore-<time>.
 * Exit status: 0 restored, 2 refused (nothing changed).
 */
import { parseArgs } from "node:util";
import { CorruptBackupError, restoreDataDir } from "../src/store/backup";
import { StoreLockedError } from "../src/store/store";

const USAGE = "usage: npm run restore -- --from BACKUP_DIR [--data-dir DIR]";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { "data-dir": { type: "string" }, from: { type: "string" } }, strict: true });
  if (!values.from) throw new Error(`--from BACKUP_DIR is needed\n${USAGE}`);
  const dir = values["data-dir"] ?? process.env.DATA_DIR ?? "var/data";
  const summary = await restoreDataDir(values.from, dir);
  console.log(
    `Restored the backup of ${summary.createdAt} into ${dir}.` +
      (summary.movedAside ? ` The files it replaced are in ${summary.movedAside}.` : ""),
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    if ([StoreLockedError, CorruptBackupError].some((k) => e instanceof k)) console.error(e.message);
    else console.error(e instanceof Error && e.message.includes(USAGE) ? e.message : e);
    process.exit(2);
  },
);
