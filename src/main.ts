/** The composition root: config → store → chat core → channels, and a graceful shutdown. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { buildChat, newId } from "./build";
import { createUpdateLog } from "./app/updates";
import { DEMO_ADMIN, seedDemo } from "./demo";
import type { Deps } from "./app/deps";
import type { ChannelSender } from "./app/sender";
import { ConsoleScreen, consoleSender, runConsole } from "./channels/console";
import { createNotifier } from "./app/notices";
import { closeServer, startHttpServer, type Route } from "./channels/http";
import { ChannelStartFailed } from "./channels/start-failed";
import { localeFromStore, prepareTelegram, type PreparedTelegram } from "./channels/telegram";
import { startZalo } from "./channels/zalo";
import { ConfigError, loadConfig } from "./config";
import type { ChannelName } from "./domain/records";
import { loadPlan } from "./domain/plan";
import { localDate } from "./domain/zoned-time";
import { openPlans, planSource } from "./app/plans";
import { translator } from "./i18n";
import { createLogger } from "./log";
import { startScheduler } from "./scheduler";
import { openLowdbStore } from "./store/lowdb-store";
import { competeForLead } from "./store/postgres/leader";
import { SchemaTooNewError } from "./store/postgres/migrate-schema";
import { openPostgresStore, type PostgresStore } from "./store/postgres/postgres-store";
import { CorruptDataError, InvalidRecordError, StoreLockedError } from "./store/store";
import { switchableStore } from "./store/switch";
import { UnknownDataError } from "./store/validate";
import { codeOlderClasses } from "./features/classes/create";
import { issueWebLink } from "./app/web-passes";
import { webMenuButton } from "./web/menu-button";
import { webRoute } from "./web/server";
import { warmUpdatePath } from "./warm-up";

/** The stop steps (scheduler, channels, HTTP server) together get this long; then the store is closed anyway. */
const STOPS_WITHIN_MS = 6000;
/** The warm-up of the update path before the webhook takes traffic lasts at most this, ms. */
const WARM_WITHIN_MS = 6000;
/**
 * The scheduler's first tick waits this long after a start, ms: the crowd that follows a restart is
 * answered before the catch-up planning and its deliveries take the CPU (docs/operating.md).
 */
const FIRST_TICK_AFTER_MS = 60_000;
/** A shutdown that has not ended by then exits at once (status 1). */
const SHUTDOWN_LIMIT_MS = 9000;

/** Resolves "done" when `task` settles in time, "late" after `ms`; a rejection passes through. */
function withDeadline(task: Promise<unknown>, ms: number): Promise<"done" | "late"> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), Math.max(0, ms))));
  return Promise.race([task.then(() => "done" as const), late]).finally(() => clearTimeout(timer));
}

async function main() {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = loadConfig(process.env);
  const log = createLogger(config.console && !process.env.LOG_LEVEL ? "warn" : config.logLevel, config.console);
  // PostgreSQL when DATABASE_URL is set (several instances may share it), else the embedded store.
  const pgStore: PostgresStore | undefined = config.databaseUrl ? await openPostgresStore({ url: config.databaseUrl }) : undefined;
  // Every part of the process reads the store through a switch: the warm-up points it at a scratch copy for a while (./warm-up.ts).
  const opened =
    pgStore ?? (await openLowdbStore({ dir: config.dataDir, log: (message, fields) => log.info(fields, message), checkNesting: false }));
  const store = switchableStore(opened);
  // Plans live in the store; the plan file seeds it on first start (the demo adds its sample plan).
  const plan = await openPlans(store, loadPlan(config.planFile), localDate(new Date(), config.timeZone));
  const coded = await codeOlderClasses(store); // classes stored before short codes existed get one
  if (coded) log.info({ classes: coded }, "short codes given to older classes");
  // Among several instances on one database, one leads the scheduler at a time.
  const lead =
    pgStore && !config.console
      ? competeForLead({
          url: pgStore.url,
          checkMs: config.leaderCheckMs,
          onError: (err) => log.warn({ err }, "scheduler lead: connection failed"),
        })
      : undefined;
  /** One sender a channel, for the scheduler's delivery (every message but the replies): no retries of its own, so every 429 reaches the delivery's limiter. */
  const senders: Partial<Record<ChannelName, ChannelSender>> = {};
  const base: Omit<Deps, "notify"> = { store, plan, config, now: () => new Date(), log, newId };
  if (config.console && (await seedDemo(store, base))) {
    base.plan = await openPlans(store, base.plan, localDate(new Date(), config.timeZone));
    log.info("demo data loaded");
  }
  // Every update and tick reads the plan running that day from the store (cached, checked once a second).
  base.plans = planSource(store, config.timeZone, base.plan);
  // wakeOutbox is set by the scheduler later; declared now, so that setting it keeps the object's shape (the JIT's code for the update path stays valid).
  const deps: Deps = { ...base, notify: createNotifier(base, () => deps.wakeOutbox?.()), wakeOutbox: undefined };
  const core = buildChat(deps);
  // An update delivered twice (to two instances, or again after a restart) is handled once.
  const updates = createUpdateLog(store, deps.now);
  /** What a shutdown stops, in order (the scheduler first, then the channels and the HTTP server). */
  const stops: { name: string; stop: () => Promise<void> }[] = [];

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    // Whatever the APIs do (a poll or a send that never ends), the process is gone within 10 s.
    setTimeout(() => {
      log.fatal({ signal }, "shutdown took too long; exiting without a clean stop");
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    const end = Date.now() + STOPS_WITHIN_MS;
    for (const { name, stop } of stops) {
      const outcome = await withDeadline(stop(), end - Date.now()).catch((err) => log.error({ err, step: name }, "stop failed"));
      if (outcome === "late") log.warn({ step: name }, "stop step did not finish in time; going on");
    }
    if (lead) await withDeadline(lead.stop(), 1000);
    await opened.close(); // the writes made so far reach the disk (the real store, even during the warm-up)
    log.info({ signal }, "stopped");
    process.exit(); // exitCode stays 0 unless a channel failed
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  // One HTTP server for both channels' webhooks, the web view (/app/) and /healthz.
  const routes: Route[] = [];
  const mount = (route: Route) => void routes.push(route);
  // Telegram is built and known to it (getMe, the command menus) first; in webhook mode its own route,
  // bot and chat core are warmed before the HTTP server answers: the first crowd after a start meets compiled code.
  let telegram: PreparedTelegram | undefined;
  if (config.telegram && !config.console) {
    telegram = await prepareTelegram({
      config: config.telegram,
      core,
      log,
      updates,
      localeOf: localeFromStore(store, config.defaultLocale),
      port: config.port,
      mount,
      menuButton: webMenuButton(deps),
      onFatal: (err) => {
        log.fatal({ err }, "telegram stopped");
        process.exitCode = 1;
        void shutdown("telegram failed");
      },
    });
    if (config.telegram.mode === "webhook") log.info(await warmUpdatePath(deps, store, telegram, WARM_WITHIN_MS), "update path warmed");
  }
  const health = async () => {
    const database = pgStore ? await pgStore.ping() : true;
    return { ok: database, store: pgStore ? "postgresql" : "embedded", database, leader: lead ? lead.leading() : true };
  };
  if (config.telegram?.mode === "webhook" || config.zalo?.mode === "webhook" || (config.webappUrl && !config.console)) {
    const server = await startHttpServer(config.port, routes, undefined, health);
    stops.push({ name: "http server", stop: () => closeServer(server) });
  } else if (config.console) {
    // The console serves the web view on this machine only; a busy port gives way to any free one.
    const server = await startHttpServer(config.port, routes, "127.0.0.1", health).catch(() =>
      startHttpServer(0, routes, "127.0.0.1", health),
    );
    const address = server.address();
    if (address && typeof address === "object") config.webappUrl = `http://127.0.0.1:${address.port}`;
    stops.push({ name: "http server", stop: () => closeServer(server) });
  }
  if (config.webappUrl) {
    const secure = config.webappUrl.startsWith("https://");
    mount(webRoute({ deps, handle: core.handle, telegramToken: config.telegram?.token, secure }));
  }

  if (config.zalo) {
    const zalo = await startZalo({
      config: config.zalo,
      store,
      handle: core.handle,
      now: deps.now,
      log,
      defaultLocale: config.defaultLocale,
      port: config.port,
      mount,
      updates,
    });
    senders.zalo = zalo.sender;
    stops.push({ name: "zalo", stop: zalo.stop });
  }

  if (config.console) {
    const screen = new ConsoleScreen();
    senders.console = consoleSender(store, deps.now, screen.notice);
    // The console delivers too: /thongbao and the reminders reach the demo's people as 📨 lines.
    const scheduler = startScheduler(deps, senders, { composers: core.composers });
    stops.unshift({ name: "scheduler", stop: () => scheduler.stop() });
    // The banner speaks of sample data only when the demo's admin is there (seeded now or on an earlier start).
    const demo = Boolean(await store.people.get(DEMO_ADMIN));
    const filesDir = join(config.dataDir, "files");
    const admin = await store.accounts.get(`console:${DEMO_ADMIN}`);
    const webLink = admin && (await issueWebLink(deps, admin));
    await runConsole({
      store,
      handle: core.handle,
      now: deps.now,
      t: translator(config.defaultLocale),
      userId: DEMO_ADMIN,
      screen,
      demo,
      filesDir,
      webLink,
    });
    await shutdown("end of input");
  }
  if (telegram) {
    const running = await telegram.start();
    senders.telegram = running.sender;
    stops.push({ name: "telegram", stop: running.stop });
  }

  // The scheduler: nudges, announcements and broadcasts through the outbox; stopped before the channels.
  if (!config.console) {
    const scheduler = startScheduler(deps, senders, {
      composers: core.composers,
      retention: config.retention,
      lead,
      timeScale: config.deliveryTimeScale,
      startDelayMs: FIRST_TICK_AFTER_MS,
    });
    stops.unshift({ name: "scheduler", stop: () => scheduler.stop() });
  }
}

main().catch((e) => {
  const known = [
    ConfigError,
    StoreLockedError,
    CorruptDataError,
    InvalidRecordError,
    UnknownDataError,
    SchemaTooNewError,
    ChannelStartFailed,
  ].some((k) => e instanceof k);
  console.error(known ? e.message : e);
  process.exit(known ? 2 : 1);
});
