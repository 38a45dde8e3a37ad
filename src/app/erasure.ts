/**
 * Erasing a person's data (/xoadulieu, Law 91/2025) touches what several features keep: each
 * feature that holds something about a person beyond their records gives an `ErasureStep`, run
 * inside the erasure's one transaction; what a step must do once it is committed (telling
 * people) it returns as a function.
 */
import type { Collections } from "../store/store";
import type { Deps } from "./deps";

/** Runs inside the erasure's transaction; may return what to do after it commits. */
export type ErasureStep = (deps: Deps, tx: Collections, personId: string) => Promise<(() => Promise<void>) | void>;
