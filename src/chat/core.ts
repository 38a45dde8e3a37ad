/**
 * The chat core: every channel hands it an `Incoming` and sends back the `Reply`s it returns.
 * It finds the person, checks the permission table, routes commands (`/dangky` or `/register`),
 * feeds wizards, and turns failures into sentences in the person's language.
 */
import { currentPlan } from "../app/plans";
import { passerby, resolveActor } from "../app/actor";
import type { Deps } from "../app/deps";
import { DomainError } from "../app/errors";
import { offerWebView, viewFor } from "./web-view";
import { authorize, type Refusal } from "../app/authorize";
import { isCommandAction } from "../app/permissions";
import { MAX_SHEET_FILE_BYTES } from "../app/sheet-reader";
import { excerpt, fold, stripControl } from "../domain/text";
import { translator } from "../i18n";
import { isStoreOutage } from "../store/store";
import type { Answer, Command, Composer, Ctx, Feature } from "./feature";
import type { Incoming, Reply } from "../app/messages";
import { suggestCommand } from "./suggest";
import { WizardEngine } from "./wizard";

/** Longest text the core reads from one message; longer input is cut before any feature sees it. */
export const MAX_INPUT = 4096;

export interface ChatCore {
  handle(msg: Incoming): Promise<Reply[]>;
  /** Every command, for /help and the channels' command menus. */
  commands: readonly (Command & { feature: string })[];
  /** The features' composers of scheduler messages, by name (for the scheduler). */
  composers: Readonly<Record<string, Composer>>;
}

/** Longest value of a `DomainError` shown in its sentence: the longest name a record holds (a class title). */
export const MAX_ERROR_VAR = 200;

/** The values of a refusal, each string cut to `MAX_ERROR_VAR` characters so that echoing what was typed stays short. */
function shortVars(vars: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === "string" ? excerpt(v, MAX_ERROR_VAR) : v]));
}

/** Fills `document.content` (downloading it when the channel left that for later); false when the file is larger than a sheet may be. */
async function loadDocument(document: NonNullable<Incoming["document"]>): Promise<boolean> {
  if (document.content) return document.content.length <= MAX_SHEET_FILE_BYTES;
  if ((document.size ?? 0) > MAX_SHEET_FILE_BYTES || !document.download) return false;
  document.content = await document.download();
  return document.content.length <= MAX_SHEET_FILE_BYTES;
}

/**
 * Parses `/dangky@doan_bot some args` into name and args; undefined for plain text. A name typed
 * with a Vietnamese keyboard (`/đăngký`, `/ĐăngKý`) is folded to the unaccented command name.
 */
export function parseCommand(text: string): { name: string; args: string } | undefined {
  const m = /^\/([\p{L}\p{M}0-9_]{1,40})(?:@\w+)?(?:\s+([\s\S]*))?$/u.exec(text.trim().normalize("NFC"));
  if (!m) return undefined;
  const name = fold(m[1]!);
  return /^[a-z0-9_]{1,32}$/.test(name) ? { name, args: (m[2] ?? "").trim() } : undefined;
}

/**
 * True when the person talks to the bot: anything in a private chat, and in a group a command, a
 * button, a reply to the bot or a mention of it. Only they get a person and account record; plain
 * talk in a linked group creates nothing.
 */
export function talksToBot(msg: Incoming): boolean {
  return msg.chatType === "private" || Boolean(msg.isButton || msg.toBot || msg.contactPhone) || parseCommand(msg.text) !== undefined;
}

/** A refusal of `authorize` as the sentence for the command typed (its Vietnamese or English name). */
function refusalReply(ctx: Ctx, refusal: Refusal, command: string): Reply {
  return { text: ctx.t(refusal.key, { ...refusal.vars, command }) };
}

function toReplies(answer: Answer): Reply[] {
  return answer ? (Array.isArray(answer) ? answer : [answer]) : [];
}

/**
 * Builds the chat core from its features.
 * @example const core = createChatCore(deps, [startFeature, registrationFeature]); await core.handle(msg);
 */
export function createChatCore(deps: Deps, features: Feature[]): ChatCore {
  const commands = features.flatMap((f) => (f.commands ?? []).map((c) => ({ ...c, feature: f.name })));
  const byName = new Map<string, Command & { feature: string }>();
  for (const c of commands) {
    if (!isCommandAction(c.alias)) throw new Error(`command /${c.name} (${c.alias}) has no row in the permission table`);
    for (const n of new Set([c.name, c.alias, ...(c.formerNames ?? [])])) {
      if (byName.has(n)) throw new Error(`two commands are named /${n}`);
      byName.set(n, c);
    }
  }
  const wizards = new WizardEngine(features.flatMap((f) => f.wizards ?? []));
  const deepLinks = new Map(features.flatMap((f) => Object.entries(f.deepLinks ?? {})));
  const documentHandlers = features.filter((f) => f.onDocument);
  const migrationHandlers = features.filter((f) => f.onGroupMigrated);
  const textHandlers = features.filter((f) => f.onText);
  const erasureSteps = features.flatMap((f) => (f.onErase ? [f.onErase] : []));
  const composers = Object.fromEntries(features.flatMap((f) => Object.entries(f.composers ?? {})));

  async function route(ctx: Ctx): Promise<Reply[]> {
    const { t, msg } = ctx;
    if (msg.migratedFromChatId) for (const f of migrationHandlers) await f.onGroupMigrated!(ctx, msg.migratedFromChatId);
    const parsed = parseCommand(msg.text);
    const stored = await wizards.current(ctx);
    const outdated = stored !== undefined && wizards.outdated(stored);
    if (outdated) {
      // Stored by an older version in a shape this one no longer reads: say so rather than fail later.
      await wizards.cancel(ctx);
      if (!parsed) return [{ text: t("common:wizard.outdated") }];
    }
    const state = outdated ? undefined : stored;
    if (parsed) {
      if (parsed.name === "huy" || parsed.name === "cancel") {
        // Without a wizard, /huy answers a confirmation still on screen (close a unit, cancel a class):
        // nothing was done, and on Zalo and the console its numbered options are forgotten with this answer.
        return [{ text: t((await wizards.cancel(ctx)) ? "common:wizard.cancelled" : "common:kept") }];
      }
      if (parsed.name === "quaylai" || parsed.name === "back") {
        return state ? wizards.back(ctx, state) : [{ text: t("common:wizard.nothingToCancel") }];
      }
      const command = byName.get(parsed.name);
      if (!command) return msg.chatType === "private" ? [{ text: unknownCommand(ctx, parsed.name, parsed.args) }] : [];
      const answer = authorize(ctx.actor, command.alias);
      if (!answer.allowed) return [refusalReply(ctx, answer, command.name)];
      const where = command.chats ?? "any";
      if (where !== "any" && where !== msg.chatType) {
        return [{ text: t(where === "private" ? "common:privateOnly" : "common:groupOnly", { command: command.name }) }];
      }
      ctx.args = parsed.args;
      if (command.alias === "start" && parsed.args) {
        const [prefix, ...rest] = parsed.args.split("-");
        const link = deepLinks.get(prefix!);
        if (link) return toReplies(await link(ctx, rest.join("-")));
        return [{ text: t("common:unknownDeepLink") }];
      }
      return toReplies(await command.run(ctx));
    }
    if (msg.document) {
      // Who may send a file is checked before it is downloaded, and its declared size too.
      // Each handler still checks the sheet it gets: an officer's roster is refused by name, not taken for another sheet.
      const answers = documentHandlers.map((f) => (f.documentPermission ? authorize(ctx.actor, f.documentPermission) : undefined));
      const allowed = answers.some((a) => a?.allowed !== false);
      if (!allowed && msg.chatType === "private") {
        const first = answers[0];
        const command = commands.find((c) => c.alias === documentHandlers[0]?.documentPermission);
        return [first && !first.allowed && command ? refusalReply(ctx, first, command.name) : { text: t("common:unknownDocument") }];
      }
      if (allowed && !(await loadDocument(msg.document)))
        return [{ text: t("common:sheet.fileTooLarge", { max: MAX_SHEET_FILE_BYTES / 1024 / 1024 }) }];
      for (const f of allowed ? documentHandlers : []) {
        const answer = toReplies(await f.onDocument!(ctx));
        if (answer.length) return answer;
      }
      if (!state) return msg.chatType === "private" ? [{ text: t("common:unknownDocument") }] : [];
    }
    if (state) return wizards.answer(ctx, state, msg.text);
    if (msg.chatType !== "private") return [];
    for (const f of textHandlers) {
      const answer = toReplies(await f.onText!(ctx));
      if (answer.length) return answer;
    }
    // A button of an answer whose question is over, or a number for options no longer open.
    if (msg.isButton) return [{ text: t("common:staleButton") }];
    const number = /^\s*(\d{1,3})\s*$/.exec(msg.text)?.[1];
    if (number) return [{ text: t("common:staleNumber", { n: number }) }];
    return [{ text: t("common:notUnderstood") }];
  }

  /** The refusal of an unknown command, naming the one the person may have meant (among those they may use). */
  function unknownCommand(ctx: Ctx, name: string, args: string): string {
    const usable = commands.filter((c) => authorize(ctx.actor, c.alias).allowed).flatMap((c) => [c.name, c.alias]);
    const suggestion = suggestCommand(name, args, usable);
    return suggestion
      ? ctx.t("common:unknownCommandSuggest", { command: name, suggestion })
      : ctx.t("common:unknownCommand", { command: name });
  }

  /** The update's logger, made only when something is logged (most updates log nothing). */
  function lazyChild(parent: Deps["log"], bindings: Record<string, unknown>): Deps["log"] {
    let child: Deps["log"] | undefined;
    const made = () => (child ??= parent.child(bindings));
    return new Proxy({} as Deps["log"], {
      get(_, key) {
        if (key === "isLevelEnabled") return (level: string) => parent.isLevelEnabled(level);
        const target = made();
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }

  async function handle(raw: Incoming): Promise<Reply[]> {
    const msg: Incoming = { ...raw, text: stripControl(raw.text ?? "").slice(0, MAX_INPUT) };
    const log = lazyChild(deps.log, { channel: msg.channel, chat: msg.chatId, user: msg.userId });
    let t = translator(deps.config.defaultLocale);
    // What the update queues inside its transactions is delivered once they have committed.
    const notify = deps.notify.scope();
    try {
      const actor = (await resolveActor(deps, msg, talksToBot(msg))) ?? (msg.migratedFromChatId ? passerby(deps, msg) : undefined);
      if (!actor) return [];
      if (log.isLevelEnabled("debug"))
        log.debug({ person: actor.person.id, role: actor.role, command: parseCommand(msg.text)?.name }, "update");
      t = translator(actor.locale);
      // The plan running today, read for every update (cached; a plan saved elsewhere is seen within a second).
      const plan = await currentPlan(deps);
      const ctx: Ctx = {
        deps: { ...deps, log, notify, plan },
        msg,
        actor,
        t,
        args: "",
        startWizard: (name, data) => wizards.start(ctx, name, data),
        erasureSteps,
      };
      const replies = await route(ctx);
      const alias = byName.get(parseCommand(msg.text)?.name ?? "")?.alias;
      const view = alias && isCommandAction(alias) && authorize(actor, alias).allowed ? viewFor(alias, actor) : undefined;
      if (view && replies.length) await offerWebView(ctx.deps, t, actor, msg, view, replies);
      return replies;
    } catch (e) {
      if (e instanceof DomainError) return [{ text: t(e.key, shortVars(e.vars)) }];
      // The store cannot take it now (disk full, database gone): the channel leaves the update unseen, to be handled when sent again.
      if (isStoreOutage(e)) throw e;
      log.error({ err: e }, "update failed");
      return [{ text: t("common:errors.unexpected") }];
    } finally {
      notify.flush();
    }
  }

  return { handle, commands, composers };
}
