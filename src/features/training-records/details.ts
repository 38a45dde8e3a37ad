/**
 * The rest of `/chungchingoai` once its kind is chosen: the certificate's number, date and issuer,
 * typed as a plain answer (a wizard of one question), checked before it is taken, and `/huy` to
 * leave. Typing the whole command line still works as before.
 */
import { z } from "zod";
import { DomainError } from "../../app/errors";
import type { Reply } from "../../app/messages";
import type { Answer, Ctx } from "../../chat/feature";
import type { Wizard } from "../../chat/wizard";
import { parseOutsideKind } from "../../domain/outside-training";
import { askRest } from "./kinds";

/** What the question remembers: the cadre recorded for (an officer's), and the kind's word. */
export const DetailsDraft = z.object({ cadreId: z.string().max(80).optional(), kindWord: z.string().max(40) });
export type DetailsDraft = z.infer<typeof DetailsDraft>;

/** Records (or, with `dryRun`, only checks) `[cadre] <loại> <số> <ngày> <nơi cấp…>`; throws a `DomainError` when wrong. */
export type RecordWords = (ctx: Ctx, words: string[], dryRun: boolean) => Promise<Answer>;

const wordsOf = (d: DetailsDraft, input: string) => [...(d.cadreId ? [d.cadreId] : []), d.kindWord, ...input.split(/\s+/).filter(Boolean)];

/** Why the answer is refused: the command's usage names the whole line, the question only its three parts. */
function refusal(ctx: Ctx, e: DomainError): string {
  return e.key === "trainingRecords:usage" ? ctx.t("trainingRecords:detailsIncomplete") : ctx.t(e.key, e.vars);
}

/**
 * The one-question wizard asking a chosen kind's details; `record` does what the typed command would.
 * @example wizards: [outsideDetailsWizard(recordOrSubmit)]
 */
export function outsideDetailsWizard(record: RecordWords): Wizard<DetailsDraft & { rest?: string }> {
  return {
    name: "outside-cert-details",
    draft: DetailsDraft.extend({ rest: z.string().max(2000).optional() }),
    steps: [
      {
        id: "details",
        ask: (ctx, d): Reply => {
          const kind = parseOutsideKind(ctx.deps.plan, d.kindWord);
          return askRest(ctx.deps.plan, ctx.t, d.kindWord, kind?.kind ?? d.kindWord);
        },
        answer: async (ctx, input, d) => {
          try {
            await record(ctx, wordsOf(d, input), true);
          } catch (e) {
            if (e instanceof DomainError) return { retry: refusal(ctx, e) };
            throw e;
          }
          return { data: { ...d, rest: input } };
        },
      },
    ],
    finish: async (ctx, d) => {
      const answer = await record(ctx, wordsOf(d, d.rest ?? ""), false);
      return answer ? (Array.isArray(answer) ? answer : [answer]) : [];
    },
  };
}
