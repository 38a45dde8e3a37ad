/**
 * The retry rule of `src/app/retry.ts` for grammY: installed as the innermost API transformer (the
 * first `api.config.use`), it turns a network failure of a call that must not be repeated
 * (sendMessage, sendDocument, sendPhoto… with no answer) into `MaybeSent`, which auto-retry and
 * every outer transformer pass on instead of sending the message again. A connection never made
 * stays an `HttpError`: repeating it cannot send twice.
 */
import { HttpError, type Transformer } from "grammy";
import { MaybeSent, mayRepeat, networkFailure } from "../../app/retry";

/**
 * @example api.config.use(noBlindRepeats()); api.config.use(autoRetry(RETRY));
 */
export function noBlindRepeats(): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (e) {
      if (e instanceof HttpError && !mayRepeat(method, networkFailure(e.error))) throw new MaybeSent(method);
      throw e;
    }
  };
}
