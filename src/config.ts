import { z } from "zod";
import { DEFAULT_RETENTION, MIN_OUTBOX_DAYS, type RetentionPolicy } from "./domain/retention";

/** Ids of people who are admins from the first start, as `channel:id` (e.g. `telegram:123456`). */
const adminIds = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^(telegram|zalo|console):[\w-]+$/, "expected channel:id, e.g. telegram:123456")));

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const EnvSchema = z.object({
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[\w-]{20,}$/, "looks like 123456:ABC… from BotFather")
    .optional(),
  TELEGRAM_API_ROOT: z.string().url().default("https://api.telegram.org"),
  TELEGRAM_WEBHOOK_URL: z.string().url().startsWith("https://", "must be https").optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .min(12, "at least 12 characters")
    .regex(/^[A-Za-z0-9_-]+$/, "only A-Z, a-z, 0-9, _ and -")
    .optional(),
  ZALO_BOT_TOKEN: z.string().min(10).optional(),
  /** The web view's public address (its origin, or a path prefix ending before `/app/`). */
  WEBAPP_URL: z.string().url().startsWith("https://", "must be https (Telegram opens Mini Apps only over HTTPS)").optional(),
  ZALO_API_BASE: z.string().url().default("https://bot-api.zaloplatforms.com"),
  ZALO_WEBHOOK_URL: z.string().url().startsWith("https://", "must be https").optional(),
  ZALO_WEBHOOK_SECRET: z.string().min(8).max(256).optional(),
  ZALO_BOT_NAME: z.string().trim().min(1).max(100).optional(),
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, "must be a port number: a whole number from 1 to 65535, e.g. 8080")
    .transform(Number)
    .refine((n) => n >= 1 && n <= 65535, "must be a port number: a whole number from 1 to 65535, e.g. 8080")
    .default(8080),
  DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, "expected postgres://user:password@host:5432/database")
    .optional(),
  LEADER_CHECK_MS: z.coerce.number().int().min(50).max(60_000).default(10_000),
  DELIVERY_TIME_SCALE: z.coerce.number().min(1).max(1000).default(1),
  PLAN_FILE: z.string().min(1).default("data/plan.json"),
  ADMIN_IDS: adminIds,
  DEFAULT_LOCALE: z.enum(["vi", "en"]).default("vi"),
  TZ_NAME: z.string().refine(isTimeZone, "unknown time zone").default("Asia/Ho_Chi_Minh"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  RETENTION_OUTBOX_DAYS: z.coerce
    .number()
    .int()
    .min(MIN_OUTBOX_DAYS, `at least ${MIN_OUTBOX_DAYS} days (the scheduler's catch-up window)`)
    .max(3650)
    .default(DEFAULT_RETENTION.outboxDays),
  RETENTION_CONVERSATION_DAYS: z.coerce.number().int().min(1).max(365).default(DEFAULT_RETENTION.conversationDays),
  RETENTION_AUDIT_DAYS: z.coerce
    .number()
    .int()
    .min(0)
    .max(36500)
    .refine((d) => d === 0 || d >= 365, "0 (keep for ever) or at least 365 days")
    .default(DEFAULT_RETENTION.auditDays),
});

/** Variables that need one another. Checked on the raw environment, so they are listed even when other fields are wrong. */
const NEEDS: [when: string, needs: string][] = [
  ["TELEGRAM_WEBHOOK_URL", "TELEGRAM_WEBHOOK_SECRET"],
  ["TELEGRAM_WEBHOOK_URL", "TELEGRAM_BOT_TOKEN"],
  ["ZALO_WEBHOOK_URL", "ZALO_WEBHOOK_SECRET"],
  ["ZALO_WEBHOOK_URL", "ZALO_BOT_TOKEN"],
];

function missingCompanions(env: Record<string, string>): string[] {
  return NEEDS.filter(([when, needs]) => env[when] && !env[needs]).map(([when, needs]) => `${needs}: required when ${when} is set`);
}

export type TelegramConfig =
  | { mode: "polling"; token: string; apiRoot: string }
  | { mode: "webhook"; token: string; apiRoot: string; url: string; secret: string };

/** `botName`: the bot's name as people type it after `@` in groups (getMe does not give it). */
export type ZaloConfig = { token: string; apiBase: string; botName?: string } & (
  | { mode: "polling" }
  | { mode: "webhook"; url: string; secret: string }
);

export interface Config {
  /** No token at all: the local console chat on the demo data. */
  console: boolean;
  telegram?: TelegramConfig;
  zalo?: ZaloConfig;
  port: number;
  /**
   * Where people open the web view (`<webappUrl>/app/…`): `WEBAPP_URL`, else the webhook's origin, else
   * (the console) `http://127.0.0.1:<port>`; undefined in polling mode without `WEBAPP_URL` (no web view).
   */
  webappUrl?: string;
  dataDir: string;
  /** PostgreSQL instead of the embedded store in `dataDir`: several instances may share it. */
  databaseUrl?: string;
  /** How often a follower tries to lead the scheduler and the leader checks it still does (ms). */
  leaderCheckMs: number;
  /** Divides the delivery's rate limits and waits: only for tests against a time-scaled fake Bot API. */
  deliveryTimeScale: number;
  planFile: string;
  adminIds: string[];
  defaultLocale: "vi" | "en";
  timeZone: string;
  logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
  /** How long working records and the audit log are kept (pruned daily by the scheduler). */
  retention: RetentionPolicy;
}

/** Thrown when the environment is wrong; `problems` lists every one of them. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Reads the configuration from environment variables, listing every problem at once.
 * @example const config = loadConfig(process.env);
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== "")) as Record<string, string>;
  const parsed = EnvSchema.safeParse(blankless);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".") || "env"}: ${i.message}`)),
    ...missingCompanions(blankless),
  ];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const e = parsed.data;
  const telegram: TelegramConfig | undefined = e.TELEGRAM_BOT_TOKEN
    ? e.TELEGRAM_WEBHOOK_URL
      ? {
          mode: "webhook",
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot: e.TELEGRAM_API_ROOT,
          url: e.TELEGRAM_WEBHOOK_URL,
          secret: e.TELEGRAM_WEBHOOK_SECRET!,
        }
      : { mode: "polling", token: e.TELEGRAM_BOT_TOKEN, apiRoot: e.TELEGRAM_API_ROOT }
    : undefined;
  const zaloBase = e.ZALO_BOT_TOKEN && {
    token: e.ZALO_BOT_TOKEN,
    apiBase: e.ZALO_API_BASE,
    ...(e.ZALO_BOT_NAME ? { botName: e.ZALO_BOT_NAME } : {}),
  };
  const zalo: ZaloConfig | undefined = zaloBase
    ? e.ZALO_WEBHOOK_URL
      ? { ...zaloBase, mode: "webhook", url: e.ZALO_WEBHOOK_URL, secret: e.ZALO_WEBHOOK_SECRET! }
      : { ...zaloBase, mode: "polling" }
    : undefined;
  const console = !telegram && !zalo;
  const webhook = e.TELEGRAM_WEBHOOK_URL ?? e.ZALO_WEBHOOK_URL;
  const webappUrl = (e.WEBAPP_URL ?? (webhook && new URL(webhook).origin) ?? (console ? `http://127.0.0.1:${e.PORT}` : undefined))?.replace(
    /\/+$/,
    "",
  );
  return {
    console,
    telegram,
    zalo,
    port: e.PORT,
    webappUrl,
    dataDir: e.DATA_DIR ?? (console ? "var/demo" : "var/data"),
    databaseUrl: e.DATABASE_URL,
    leaderCheckMs: e.LEADER_CHECK_MS,
    deliveryTimeScale: e.DELIVERY_TIME_SCALE,
    planFile: e.PLAN_FILE,
    adminIds: console ? [...e.ADMIN_IDS, "console:demo-admin"] : e.ADMIN_IDS,
    defaultLocale: e.DEFAULT_LOCALE,
    timeZone: e.TZ_NAME,
    logLevel: e.LOG_LEVEL,
    retention: { outboxDays: e.RETENTION_OUTBOX_DAYS, conversationDays: e.RETENTION_CONVERSATION_DAYS, auditDays: e.RETENTION_AUDIT_DAYS },
  };
}
