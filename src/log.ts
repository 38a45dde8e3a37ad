/**
 * Structured JSON logs (pino); pretty and quiet in the console mode. Logs hold ids, method names,
 * error codes and descriptions, never message text or field values: errors go through
 * `serializeError`, which copies only the fields that say what failed (grammY's errors carry the
 * whole payload of the failed call — a message with a person's name and phone — and pino's
 * default serializer would log it), and `REDACTED` censors payload-like keys anywhere a caller
 * might pass them.
 */
import { pino, type DestinationStream, type Logger } from "pino";

/** Fields of an error that say what failed without carrying data: copied when they are numbers or short strings. */
const SAFE_FIELDS = ["method", "error_code", "description", "code", "errno", "syscall", "status", "reason", "key", "channel"] as const;
/** Longest string copied from a safe field. */
const MAX_FIELD = 300;
/** How many causes deep an error is followed. */
const MAX_DEPTH = 3;

/** Keys censored wherever they appear (one level deep too): what a call sent or a person typed. */
export const REDACTED = ["payload", "params", "text", "caption", "phone", "fullName", "body"].flatMap((k) => [k, `*.${k}`]);

function safeValue(v: unknown): unknown {
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "string") return v.slice(0, MAX_FIELD);
  return undefined;
}

/**
 * What a log line keeps of an error: its type, message, stack, the safe fields above, a 429's
 * `retry_after` and its cause (`cause`, or grammY's `HttpError.error`), never a payload.
 * @example serializeError(grammyError) // { type: "GrammyError", method: "sendMessage", error_code: 400, description: "Bad Request: …", … }
 */
export function serializeError(e: unknown, depth = 0): Record<string, unknown> {
  if (!(e instanceof Error)) return { type: e === null ? "null" : typeof e };
  const out: Record<string, unknown> = { type: e.name, message: e.message.slice(0, MAX_FIELD) };
  const fields = e as unknown as Record<string, unknown>;
  for (const field of SAFE_FIELDS) {
    const value = safeValue(fields[field]);
    if (value !== undefined) out[field] = value;
  }
  const parameters = fields.parameters as { retry_after?: unknown; migrate_to_chat_id?: unknown } | undefined;
  if (parameters && typeof parameters === "object") {
    const kept = { retry_after: safeValue(parameters.retry_after), migrate_to_chat_id: safeValue(parameters.migrate_to_chat_id) };
    if (kept.retry_after !== undefined || kept.migrate_to_chat_id !== undefined) out.parameters = kept;
  }
  if (e.stack) out.stack = e.stack;
  const cause = e.cause ?? (e.name === "HttpError" ? fields.error : undefined);
  if (cause !== undefined && depth < MAX_DEPTH) out.cause = serializeError(cause, depth + 1);
  return out;
}

/**
 * The process's logger. `destination` (tests) receives the JSON lines instead of stdout.
 * @example const log = createLogger("info", false); log.error({ err }, "telegram update failed");
 */
export function createLogger(level: string, pretty: boolean, destination?: DestinationStream): Logger {
  const options = {
    level,
    serializers: { err: serializeError, error: serializeError },
    redact: { paths: REDACTED, censor: "[redacted]" },
  };
  if (!pretty)
    return destination ? pino({ ...options, base: { app: "doan-bot" } }, destination) : pino({ ...options, base: { app: "doan-bot" } });
  return pino({
    ...options,
    transport: { target: "pino-pretty", options: { destination: 2, colorize: true, ignore: "pid,hostname" } },
  });
}
