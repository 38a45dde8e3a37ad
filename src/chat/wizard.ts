/**
 * Multi-step conversations. The state (wizard, step, data) lives in the store under the chat and
 * person, so a restart mid-wizard loses nothing; `/huy` leaves at any step, `/quaylai` goes back.
 */
import type { z } from "zod";
import type { WizardState } from "../domain/records";
import type { Ctx } from "./context";
import type { Reply } from "../app/messages";

export type StepResult<D> =
  /** Accepted: store `data`, go to `next` (default: the following step; `FINISH`: finish now). */
  | { data: D; next?: string }
  /** Refused: tell the person why (a localised sentence) and ask again. */
  | { retry: string };

/** The `next` of an answer that ends the wizard at once, whatever steps follow. */
export const FINISH = "\u0000finish";

export interface Step<D> {
  id: string;
  /** Skipped when this returns true (e.g. the election date for a plain member). */
  skip?(data: D, ctx: Ctx): boolean;
  ask(ctx: Ctx, data: D): Promise<Reply> | Reply;
  /**
   * The question alone, asked again after a refusal, where `ask` opens with a long header (facts,
   * a summary, a list of units): the refusal and this come as one message. Default: `ask`.
   */
  reask?(ctx: Ctx, data: D): Promise<Reply> | Reply;
  answer(ctx: Ctx, input: string, data: D): Promise<StepResult<D>> | StepResult<D>;
}

export interface Wizard<D extends Record<string, unknown>> {
  name: string;
  /**
   * What the stored draft must satisfy at every step. A draft stored by an older version that no
   * longer does is dropped with a sentence, instead of failing somewhere later.
   */
  draft: z.ZodType;
  steps: Step<D>[];
  /** Called after the last step; its replies end the conversation. */
  finish(ctx: Ctx, data: D): Promise<Reply[]> | Reply[];
}

/** Key of the wizard state of a person in a chat. */
export function wizardKey(ctx: Pick<Ctx, "msg">): string {
  return `${ctx.msg.channel}:${ctx.msg.chatId}:${ctx.msg.userId}`;
}

/** Runs wizards on behalf of the chat core. */
export class WizardEngine {
  private readonly byName = new Map<string, Wizard<any>>();

  constructor(wizards: Wizard<any>[]) {
    for (const w of wizards) this.byName.set(w.name, w);
  }

  async current(ctx: Ctx): Promise<WizardState | undefined> {
    const state = await ctx.deps.store.wizards.get(wizardKey(ctx));
    return state && this.byName.has(state.wizard) ? state : undefined;
  }

  /** True when the stored draft no longer fits its wizard's schema (stored by an older version). */
  outdated(state: WizardState): boolean {
    const wizard = this.byName.get(state.wizard);
    return !!wizard && !wizard.draft.safeParse(state.data).success;
  }

  async start(ctx: Ctx, name: string, data: Record<string, unknown> = {}): Promise<Reply[]> {
    const wizard = this.byName.get(name);
    if (!wizard) throw new Error(`unknown wizard ${name}`);
    return this.enter(ctx, wizard, 0, data, []);
  }

  async cancel(ctx: Ctx): Promise<boolean> {
    return ctx.deps.store.wizards.remove(wizardKey(ctx));
  }

  /** Feeds the person's answer to the current step. */
  async answer(ctx: Ctx, state: WizardState, input: string): Promise<Reply[]> {
    const wizard = this.byName.get(state.wizard)!;
    const index = wizard.steps.findIndex((s) => s.id === state.step);
    const step = wizard.steps[index];
    if (!step) return this.enter(ctx, wizard, 0, state.data, []);
    const result = await step.answer(ctx, input, state.data);
    if ("retry" in result) {
      if (!step.reask) return [{ text: result.retry }, await step.ask(ctx, state.data)];
      const question = await step.reask(ctx, state.data);
      return [{ ...question, text: [result.retry, question.text].filter(Boolean).join("\n\n") }];
    }
    const history = [...state.history, step.id];
    const next =
      result.next === FINISH ? wizard.steps.length : result.next ? wizard.steps.findIndex((s) => s.id === result.next) : index + 1;
    if (next < 0) throw new Error(`wizard ${wizard.name}: no step ${result.next}`);
    return this.enter(ctx, wizard, next, result.data, history);
  }

  /**
   * Goes back to the previous step asked. At the first question asked (a wizard entered at a later
   * step, as `/hoso`'s one-field edit, has no earlier one) it says so and asks that question again.
   */
  async back(ctx: Ctx, state: WizardState): Promise<Reply[]> {
    const wizard = this.byName.get(state.wizard)!;
    const previous = state.history.at(-1);
    if (!previous) {
      const step = wizard.steps.find((s) => s.id === state.step);
      if (!step) return this.enter(ctx, wizard, 0, state.data, []);
      const question = await (step.reask ?? step.ask).call(step, ctx, state.data);
      return [{ ...question, text: [ctx.t("common:wizard.firstStep"), question.text].filter(Boolean).join("\n\n") }];
    }
    const index = wizard.steps.findIndex((s) => s.id === previous);
    return this.enter(ctx, wizard, Math.max(0, index), state.data, state.history.slice(0, -1), false);
  }

  private async enter(
    ctx: Ctx,
    wizard: Wizard<any>,
    index: number,
    data: Record<string, unknown>,
    history: string[],
    skipping = true,
  ): Promise<Reply[]> {
    while (skipping && wizard.steps[index]?.skip?.(data, ctx)) index++;
    const step = wizard.steps[index];
    if (!step) {
      const replies = await wizard.finish(ctx, data);
      await this.cancel(ctx);
      return replies;
    }
    await ctx.deps.store.wizards.put({
      id: wizardKey(ctx),
      wizard: wizard.name,
      step: step.id,
      data,
      history,
      updatedAt: ctx.deps.now().toISOString(),
    });
    return [await step.ask(ctx, data)];
  }
}
