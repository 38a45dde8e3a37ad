/** Temporary directories for a test file: each call makes a fresh one, all removed after the file's tests. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

/**
 * Call once at the top of a test file.
 * @example const tempDir = tempDirs("journal"); … const dir = await tempDir();
 */
export function tempDirs(prefix: string): () => Promise<string> {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), `doan-${prefix}-`));
    dirs.push(dir);
    return dir;
  };
}
