/**
 * Real child processes for tests: the bot (`src/main.ts`), `npm start`, or a fixture script, run with
 * `node --import tsx` from the project root with a clean environment (no tokens, no DATA_DIR).
 */
import { spawn, type ChildProcess } from "node:child_process";

export interface Child {
  proc: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) once the process is gone and reaped. */
  exited: Promise<number | string>;
  /** Resolves once stdout satisfies `test`; rejects if the process ends first. */
  waitFor(test: (stdout: string) => boolean): Promise<string>;
}

/** The environment without any channel token or data setting, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(TELEGRAM_|ZALO_)/.test(k) && !["DATA_DIR", "LOG_LEVEL", "ADMIN_IDS", "PORT"].includes(k),
    ),
  );
  return { ...env, ...extra };
}

/** Runs `command args` from the project root and collects its output. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const proc = spawn(command, args, { cwd: process.cwd(), env, stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  let err = "";
  const watchers = new Set<() => void>();
  proc.stdout!.setEncoding("utf8").on("data", (d: string) => {
    out += d;
    for (const w of watchers) w();
  });
  proc.stderr!.setEncoding("utf8").on("data", (d: string) => (err += d));
  const exited = new Promise<number | string>((resolve) => proc.on("close", (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    proc,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (test) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!test(out)) return;
          watchers.delete(check);
          resolve(out);
        };
        watchers.add(check);
        check();
        void exited.then((code) => {
          if (watchers.delete(check)) reject(new Error(`exited (${code}) before the expected output:\n${out}\n${err}`));
        });
      }),
  };
}

/** Runs a TypeScript file with `node --import tsx`. */
export function runTs(file: string, args: string[], env: NodeJS.ProcessEnv = cleanEnv()): Child {
  return run(process.execPath, ["--import", "tsx", file, ...args], env);
}

/** Runs the bot itself, `src/main.ts`, as `npm start` would. */
export function runBot(env: NodeJS.ProcessEnv): Child {
  return runTs("src/main.ts", [], env);
}
