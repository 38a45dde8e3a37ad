/** A channel that cannot start (its API out of reach, or refusing the token): one sentence for the operator, and the start ends non-zero. */
export class ChannelStartFailed extends Error {
  constructor(
    public readonly channel: "Telegram" | "Zalo",
    why: string,
    cause?: unknown,
  ) {
    super(`The ${channel} channel cannot start: ${why}`, { cause });
    this.name = "ChannelStartFailed";
  }
}

/**
 * Why a start-up call failed, in one sentence: out of reach (name the variable holding the
 * address), refused (a 401/404 names the token variable), or the error's own message.
 * @example startProblem(e, { base: "TELEGRAM_API_ROOT", url: apiRoot, token: "TELEGRAM_BOT_TOKEN" }, e instanceof TelegramUnreachable)
 */
export function startProblem(cause: unknown, vars: { base: string; url: string; token: string }, unreachable: boolean): string {
  const e = cause as { method?: string; error_code?: number; description?: string; message?: string } | undefined;
  const sentence = (m: string) => (/[.!?]$/.test(m) ? m : `${m}.`);
  if (unreachable) return `${sentence(e?.message ?? "no answer")} Check ${vars.base} (${vars.url}) and the network.`;
  if (typeof e?.error_code === "number") {
    const token = e.error_code === 401 || e.error_code === 404 ? ` Check ${vars.token}.` : "";
    return `it refused ${e.method ?? "a call"} (${e.error_code}: ${e.description ?? ""}).${token}`;
  }
  return e?.message ?? String(cause);
}
