/**
 * A failure the person can act on: it carries a locale key and the values that explain it,
 * and the chat core turns it into a sentence in the person's language.
 * @example throw new DomainError("common:errors.notAllowed", { command: "duyet" });
 */
export class DomainError extends Error {
  constructor(
    public readonly key: string,
    public readonly vars: Record<string, unknown> = {},
  ) {
    super(key);
    this.name = "DomainError";
  }
}

/** The actor's role does not allow this action. */
export class NotAllowed extends DomainError {
  /** @param command the command's Vietnamese name, shown in the sentence. */
  constructor(command: string) {
    super("common:errors.notAllowed", { command });
    this.name = "NotAllowed";
  }
}
