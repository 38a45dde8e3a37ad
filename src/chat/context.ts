/** What a command or a wizard step is handed, and what it may answer. */
import type { Actor } from "../app/actor";
import type { Deps } from "../app/deps";
import type { ErasureStep } from "../app/erasure";
import type { Incoming, Reply } from "../app/messages";
import type { T } from "../i18n";

/** Everything a command or wizard step sees. */
export interface Ctx {
  deps: Deps;
  msg: Incoming;
  actor: Actor;
  t: T;
  /** The text after the command name, trimmed. */
  args: string;
  /** Starts a wizard for this person in this chat and returns its first question. */
  startWizard(name: string, data?: Record<string, unknown>): Promise<Reply[]>;
  /** Every feature's step of erasing a person's data (see app/erasure.ts). */
  erasureSteps: readonly ErasureStep[];
}

export type Answer = Reply | Reply[] | void;
