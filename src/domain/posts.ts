/**
 * Posts over time: which post a person held on a given day (a report about 31/12/2025 counts the
 * posts of that day, not today's), and what a change of post writes into the history. Pure.
 *
 * The current post (`unitId`, `position`, `electedOn`) is held from `postSince`; a record older
 * than the history has none, and is taken as held since its election date, else since the day it
 * was registered (the bot knew nothing of the person before). Earlier posts are `formerPosts`.
 */
import { addDays } from "./zoned-time";
import { type Cadre, type FormerPost, MAX_HISTORY, type Position } from "./records";
import { theoryOn } from "./theory";

/** A post held on a day: the unit, the position and, for a Secretary or Deputy, the election date. */
export interface PostHeld {
  unitId: string;
  position: Position;
  electedOn?: string;
  /** First day held, when known. */
  from?: string;
}

type PostRecord = Pick<Cadre, "unitId" | "position" | "electedOn" | "postSince" | "formerPosts" | "registeredAt">;

/** The first day of the current post (see the module's comment for records older than the history). */
export function currentPostSince(cadre: Pick<Cadre, "postSince" | "electedOn" | "registeredAt">): string {
  return cadre.postSince ?? cadre.electedOn ?? cadre.registeredAt.slice(0, 10);
}

/**
 * The post a person held on the local date `day`, or undefined when they held none the bot knows of.
 * @example postOn(binh, "2025-12-31") // { unitId: "u01", position: "deputy", … } for a Deputy elected Secretary in 2026
 */
export function postOn(cadre: PostRecord, day: string): PostHeld | undefined {
  const since = currentPostSince(cadre);
  if (since <= day) return { unitId: cadre.unitId, position: cadre.position, electedOn: cadre.electedOn, from: since };
  const former = (cadre.formerPosts ?? []).find((p) => (!p.from || p.from <= day) && day <= p.until);
  return former && { unitId: former.unitId, position: former.position, electedOn: former.electedOn, from: former.from };
}

/** Every post a person has held, former ones first, the current one last. */
export function postsOf(cadre: PostRecord): PostHeld[] {
  return [
    ...(cadre.formerPosts ?? []).map((p) => ({ unitId: p.unitId, position: p.position, electedOn: p.electedOn, from: p.from })),
    { unitId: cadre.unitId, position: cadre.position, electedOn: cadre.electedOn, from: currentPostSince(cadre) },
  ];
}

/**
 * The record after a change of post taking effect on `day`: the post left goes into the history
 * (held until the day before), the new one is held from `day`. Unchanged when unit and position stay.
 * @example changePost(binh, { unitId: "u01", position: "secretary", electedOn: "2026-10-15" }, "2026-10-15")
 */
export function changePost<C extends PostRecord>(
  cadre: C,
  next: { unitId: string; position: Position; electedOn?: string },
  day: string,
): C {
  if (next.unitId === cadre.unitId && next.position === cadre.position) return { ...cadre, electedOn: next.electedOn };
  const since = currentPostSince(cadre);
  const left: FormerPost = {
    unitId: cadre.unitId,
    position: cadre.position,
    ...(since < day ? { from: since } : {}),
    until: addDays(day, -1),
    ...(cadre.electedOn ? { electedOn: cadre.electedOn } : {}),
  };
  // A post taken and left on the same day leaves nothing to count.
  const history = (since < day ? [...(cadre.formerPosts ?? []), left] : (cadre.formerPosts ?? [])).slice(-MAX_HISTORY);
  return { ...cadre, unitId: next.unitId, position: next.position, electedOn: next.electedOn, postSince: day, formerPosts: history };
}

/**
 * The records as they stood on `day`: each person in the unit and post held that day (see
 * `postOn`), with the political theory level held that day (`theoryOn` in ./theory), those who held
 * no post left out. What reports about a past day count and list.
 * @example asHeldOn(cadres, "2025-12-31") // Bình as the Deputy of u01 she was then, at the level she held then
 */
export function asHeldOn<C extends PostRecord & Pick<Cadre, "theoryLevel" | "theorySince" | "formerTheory">>(
  cadres: readonly C[],
  day: string,
): C[] {
  const out: C[] = [];
  for (const c of cadres) {
    const post = postOn(c, day);
    if (!post) continue;
    const level = theoryOn(c, day);
    const samePost = post.unitId === c.unitId && post.position === c.position;
    if (samePost && level === c.theoryLevel) out.push(c);
    else
      out.push({
        ...c,
        ...(samePost ? {} : { unitId: post.unitId, position: post.position, electedOn: post.electedOn }),
        theoryLevel: level,
      });
  }
  return out;
}
