/** Why a link code was refused, each with what the person needs to put it right. */
import { DomainError } from "../../app/errors";

/** No such code (mistyped, already used, or never made). */
export class WrongLinkCode extends DomainError {
  constructor(code: string, left: number) {
    super("accounts:errors.wrongCode", { code, left });
    this.name = "WrongLinkCode";
  }
}

/** The code's 10 minutes are over. */
export class ExpiredLinkCode extends DomainError {
  constructor(code: string) {
    super("accounts:errors.expiredCode", { code });
    this.name = "ExpiredLinkCode";
  }
}

/** Too many wrong codes from this account lately. */
export class TooManyLinkAttempts extends DomainError {
  constructor(minutes: number) {
    super("accounts:errors.tooManyAttempts", { minutes });
    this.name = "TooManyLinkAttempts";
  }
}

/** The code was made by this very person (or the accounts are linked already). */
export class AlreadyLinked extends DomainError {
  constructor() {
    super("accounts:errors.alreadyLinked");
    this.name = "AlreadyLinked";
  }
}

/** The code was made on the channel it is being sent from. */
export class SameChannel extends DomainError {
  constructor(channel: string) {
    super("accounts:errors.sameChannel", { channel });
    this.name = "SameChannel";
  }
}

/** Both accounts carry a cadre record: a bot never merges two records. */
export class BothRegistered extends DomainError {
  constructor() {
    super("accounts:errors.bothRegistered");
    this.name = "BothRegistered";
  }
}
