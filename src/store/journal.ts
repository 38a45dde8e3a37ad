/**
 * The embedded store's append-only journal: `journal-<n>.log` beside the snapshot `db.json`.
 *
 * One line per acknowledged write (a group of puts and removals, or a whole transaction):
 *
 *     <crc32 of the JSON, 8 hex digits> <JSON: [["collection","id",record], ["collection","id"], …]>\n
 *
 * A change with a record puts it, one without removes the id. A line is appended and fsynced before
 * any caller whose change it holds is answered, so a line is either whole and acknowledged, or the
 * torn tail of a write nobody was told about.
 */
import { constants } from "node:fs";
import { open, readFile, readdir, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import type { CollectionName } from "./collections";
import { CorruptDataError } from "./store";

/** A put (`record` set) or a removal of `id` in `name`. */
export type Change = [name: CollectionName, id: string, record?: unknown];

/** The file name of journal number `n`. */
export const journalName = (n: number) => `journal-${n}.log`;

/** The numbers of the journals in `dir`, smallest first. */
export async function journalNumbers(dir: string): Promise<number[]> {
  const names = await readdir(dir);
  return names
    .map((name) => /^journal-([1-9]\d*)\.log$/.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** One framed line holding `changes`. */
export function encodeLine(changes: readonly Change[]): Buffer {
  const body = Buffer.from(JSON.stringify(changes));
  const line = Buffer.allocUnsafe(body.length + 10);
  line.write(crc32(body).toString(16).padStart(8, "0"), 0, "latin1");
  line[8] = 0x20;
  body.copy(line, 9);
  line[line.length - 1] = 0x0a;
  return line;
}

/** What reading a journal found: its changes in order, and where its whole lines end. */
export interface JournalScan {
  changes: Change[][];
  /** Bytes of whole, valid lines; anything after them is a torn tail. */
  goodBytes: number;
  /** Bytes after `goodBytes` (a write cut short by a crash), ignored. */
  tornBytes: number;
}

/**
 * Reads a journal. A bad last line is a torn tail (ignored, reported in `tornBytes`); a bad line
 * followed by another line is corruption: CorruptDataError naming the file, the line and its byte
 * offset. `tornAllowed` false (a journal that a newer one follows) makes a torn tail corruption too.
 */
export async function scanJournal(file: string, tornAllowed: boolean): Promise<JournalScan> {
  const buf = await readFile(file);
  const changes: Change[][] = [];
  let start = 0;
  for (let line = 1; start < buf.length; line++) {
    const nl = buf.indexOf(0x0a, start);
    const end = nl === -1 ? buf.length : nl;
    const read = nl === -1 ? "is cut short" : readLine(buf, start, end);
    if (typeof read === "string") {
      const last = nl === -1 || nl === buf.length - 1;
      if (last && tornAllowed) return { changes, goodBytes: start, tornBytes: buf.length - start };
      throw new CorruptDataError(
        file,
        `line ${line} (byte ${start}) ${read}${last ? ", and a newer journal follows" : ", and more lines follow it"}`,
      );
    }
    changes.push(read);
    start = end + 1;
  }
  return { changes, goodBytes: buf.length, tornBytes: 0 };
}

/** The changes of the line between `start` and `end`, or why it is not a whole, valid record. */
function readLine(buf: Buffer, start: number, end: number): Change[] | string {
  if (end - start < 11 || buf[start + 8] !== 0x20) return "is not a journal record";
  const stored = buf.toString("latin1", start, start + 8);
  if (!/^[0-9a-f]{8}$/.test(stored) || parseInt(stored, 16) !== crc32(buf.subarray(start + 9, end))) return "fails its checksum";
  try {
    const parsed = JSON.parse(buf.toString("utf8", start + 9, end)) as unknown;
    if (Array.isArray(parsed) && parsed.every((c) => Array.isArray(c) && typeof c[0] === "string" && typeof c[1] === "string"))
      return parsed as Change[];
    return "is not a list of changes";
  } catch {
    return "is not JSON";
  }
}

/**
 * Opened for appending with O_DSYNC: a write returns once its bytes (and the file's new size) are on
 * disk, as a write followed by fdatasync, in one call to the thread pool instead of two (issue 22).
 * A system without O_DSYNC (Windows) appends and then calls fdatasync.
 */
const DSYNC = constants.O_DSYNC as number | undefined;
const APPEND_DURABLY = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (DSYNC ?? 0);

/** The journal being appended to: one durable append per group of changes. */
export class Journal {
  private constructor(
    readonly number: number,
    readonly file: string,
    private readonly fh: FileHandle,
    /** Bytes in the file. */
    public size: number,
  ) {}

  /**
   * Opens journal `n` in `dir` for appending, creating it (and making its name durable) if needed;
   * `keepBytes` cuts a torn tail off first.
   */
  static async open(dir: string, n: number, keepBytes?: number): Promise<Journal> {
    const file = join(dir, journalName(n));
    const fh = await open(file, APPEND_DURABLY);
    try {
      const { size } = await fh.stat();
      if (keepBytes !== undefined && keepBytes < size) {
        await fh.truncate(keepBytes);
        await fh.sync();
      }
      if (size === 0) await syncDir(dir);
      return new Journal(n, file, fh, Math.min(size, keepBytes ?? size));
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  /** Appends one line and waits until it is on disk (each write is durable when it returns: O_DSYNC). */
  async append(line: Buffer): Promise<void> {
    let written = 0;
    while (written < line.length) written += (await this.fh.write(line, written, line.length - written)).bytesWritten;
    this.size += line.length;
    if (DSYNC === undefined) await this.fh.datasync();
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}

/** Makes the directory's entries (a new, renamed or removed file) durable. */
export async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
