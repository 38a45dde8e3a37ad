import { describe, expect, it } from "vitest";
import { confirmedClaim } from "../../src/domain/claims";
import type { Cadre } from "../../src/domain/records";
import { cadre } from "../helpers/records";
import { changeTheory, theoryOn } from "../../src/domain/theory";

/** A record older than the history: sơ cấp, registered on 01/06/2024. */
const an: Pick<Cadre, "theoryLevel" | "theorySince" | "formerTheory" | "registeredAt"> = {
  theoryLevel: "basic",
  registeredAt: "2024-06-01T02:00:00.000Z",
};

describe("theoryOn and changeTheory: the level held on a day", () => {
  it("reads a record older than the history as holding its level since it was registered, and before", () => {
    expect(theoryOn(an, "2024-06-01")).toBe("basic");
    expect(theoryOn(an, "2023-01-01")).toBe("basic");
  });

  it("keeps the level left, held until the day before the change", () => {
    const raised = changeTheory(an, "intermediate", "2026-06-15");
    expect(raised).toEqual({
      ...an,
      theoryLevel: "intermediate",
      theorySince: "2026-06-15",
      formerTheory: [{ level: "basic", from: "2024-06-01", until: "2026-06-14" }],
    });
    expect(["2025-12-31", "2026-06-14", "2026-06-15", "2027-01-10"].map((d) => theoryOn(raised, d))).toEqual([
      "basic",
      "basic",
      "intermediate",
      "intermediate",
    ]);
    expect(changeTheory(raised, "intermediate", "2026-09-01")).toBe(raised);
  });

  it("drops a level taken and left on the same day", () => {
    const twice = changeTheory(changeTheory(an, "advanced", "2026-06-15"), "intermediate", "2026-06-15");
    expect(twice.formerTheory).toEqual([{ level: "basic", from: "2024-06-01", until: "2026-06-14" }]);
    expect(theoryOn(twice, "2026-06-15")).toBe("intermediate");
  });

  it("a diploma dated before the history's last change holds from its date; what followed gives way", () => {
    const raised = changeTheory(an, "intermediate", "2026-06-15");
    const diploma = changeTheory(raised, "advanced", "2026-03-01");
    expect(diploma.theorySince).toBe("2026-03-01");
    expect(diploma.formerTheory).toEqual([{ level: "basic", from: "2024-06-01", until: "2026-02-28" }]);
    expect(["2026-02-28", "2026-03-01", "2026-07-01"].map((d) => theoryOn(diploma, d))).toEqual(["basic", "advanced", "advanced"]);
    // Dated before the person was registered: the bot's history gives way entirely.
    const old = changeTheory(an, "intermediate", "2019-05-20");
    expect(old).toMatchObject({ theoryLevel: "intermediate", theorySince: "2019-05-20", formerTheory: [] });
    expect(theoryOn(old, "2025-12-31")).toBe("intermediate");
  });

  it("a confirmed claim keeps the imported record's history, and a level typed otherwise holds from the registration", () => {
    // Imported on 05/01/2026 at sơ cấp, trung cấp from 01/03/2026 (a diploma); the claimant registered on 20/11/2026 typing cao cấp.
    const imported = changeTheory(cadre("p-imported", "u01", { theoryLevel: "basic" }), "intermediate", "2026-03-01");
    const claim = cadre("p-new", "u01", {
      theoryLevel: "advanced",
      status: "pending",
      registeredAt: "2026-11-20T02:00:00.000Z",
      claims: "p-imported",
    });
    const merged = confirmedClaim(claim, imported, { by: "p-sec", at: "2026-11-29T03:00:00.000Z" });
    expect(merged).toMatchObject({
      id: "p-imported",
      theoryLevel: "advanced",
      theorySince: "2026-11-20",
      formerTheory: [
        { level: "basic", from: "2026-01-05", until: "2026-02-28" },
        { level: "intermediate", from: "2026-03-01", until: "2026-11-19" },
      ],
    });
    const same = confirmedClaim({ ...claim, theoryLevel: "intermediate" }, imported, { by: "p-sec", at: "2026-11-29T03:00:00.000Z" });
    expect(same).toMatchObject({ theoryLevel: "intermediate", theorySince: "2026-03-01", formerTheory: imported.formerTheory });
  });
});
