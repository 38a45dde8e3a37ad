/**
 * Erasing a person's data (/xoadulieu, Law 91/2025) touches what several features keep: each
 * feature that holds something about a person beyond their records gives an `ErasureStep`, run
 * inside the erasure's one transaction (its notices queued in it, `deps.notify` with `tx`).
 */
import type { Collections } from "../store/store";
import type { Deps } from "./deps";

/** Runs inside the erasure's transaction, before the person's own records are removed. */
export type ErasureStep = (deps: Deps, tx: Collections, personId: string) => Promise<void>;
