import { describe, expect, it } from "vitest";
import { changePost } from "../../src/domain/posts";
import { Cadre } from "../../src/domain/records";
import { changeTheory } from "../../src/domain/theory";
import { cadre } from "../helpers/records";

/** Day `n` after 01/01/2020, as yyyy-mm-dd. */
const day = (n: number) => new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10);

describe("a record's history stays within the schema's bound (100 entries): the oldest go first", () => {
  it("keeps the last 100 posts left after 101 changes of post, and the record still validates", () => {
    let c = cadre("p-1", "u01", { position: "member", registeredAt: "2019-12-01T02:00:00.000Z" });
    for (let i = 1; i <= 101; i++) c = changePost(c, { unitId: "u01", position: i % 2 ? "committee" : "member" }, day(i));
    expect(c.formerPosts).toHaveLength(100);
    expect(c.formerPosts![0]).toEqual({ unitId: "u01", position: "committee", from: day(1), until: day(1) });
    expect(c.formerPosts!.at(-1)).toEqual({ unitId: "u01", position: "member", from: day(100), until: day(100) });
    expect(Cadre.safeParse(c).success).toBe(true);
  });

  it("keeps the last 100 levels left after 101 changes of level, and the record still validates", () => {
    let c = cadre("p-1", "u01", { theoryLevel: "none", registeredAt: "2019-12-01T02:00:00.000Z" });
    for (let i = 1; i <= 101; i++) c = changeTheory(c, i % 2 ? "basic" : "none", day(i));
    expect(c.formerTheory).toHaveLength(100);
    expect(c.formerTheory![0]).toEqual({ level: "basic", from: day(1), until: day(1) });
    expect(c.formerTheory!.at(-1)).toEqual({ level: "none", from: day(100), until: day(100) });
    expect(Cadre.safeParse(c).success).toBe(true);
  });
});
