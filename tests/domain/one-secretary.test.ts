/**
 * One Secretary per unit in data from before the rule: the latest elected is the one counts and
 * contact lists read (election date, else the post's start, else the registration day; then the
 * latest registered), the others read as committee members; units with two are found.
 */
import { describe, expect, it } from "vitest";
import { oneSecretaryEach, presumedSecretary, unitsWithTwoSecretaries } from "../../src/domain/cadres";
import { cadre } from "../helpers/records";

const an = cadre("p-an", "u01", { position: "secretary", electedOn: "2024-06-01" });
const binh = cadre("p-binh", "u01", { position: "secretary", electedOn: "2025-10-15" });
const cuc = cadre("p-cuc", "u01", { position: "deputy", electedOn: "2025-10-15" });
const dung = cadre("p-dung", "u02", { position: "secretary", electedOn: "2023-01-01" });

describe("the one Secretary counts read", () => {
  it("is the latest elected; without an election date, the post's start, then the registration day", () => {
    expect(presumedSecretary([an, binh])!.id).toBe("p-binh");
    expect(presumedSecretary([binh, an])!.id).toBe("p-binh");
    const noDate = cadre("p-em", "u01", { position: "secretary", postSince: "2026-02-01" });
    expect(presumedSecretary([an, binh, noDate])!.id).toBe("p-em");
    const older = cadre("p-giang", "u01", { position: "secretary", registeredAt: "2024-01-01T00:00:00.000Z" });
    const newer = cadre("p-hoa", "u01", { position: "secretary", registeredAt: "2024-01-01T00:00:00.000Z" });
    // Same day, same registration: the record id decides, so the answer never depends on the order read.
    expect(presumedSecretary([older, newer])!.id).toBe("p-hoa");
    expect(presumedSecretary([newer, older])!.id).toBe("p-hoa");
  });

  it("reads the others of the unit as committee members and leaves other units, posts and pending records as they are", () => {
    const pending = cadre("p-k", "u01", { position: "secretary", electedOn: "2026-11-01", status: "pending" });
    expect(oneSecretaryEach([an, binh, cuc, dung, pending]).map((c) => [c.id, c.position])).toEqual([
      ["p-an", "committee"],
      ["p-binh", "secretary"],
      ["p-cuc", "deputy"],
      ["p-dung", "secretary"],
      ["p-k", "secretary"],
    ]);
    expect(an.position).toBe("secretary");
    expect(unitsWithTwoSecretaries([an, binh, cuc, dung, pending]).map((u) => [u.unitId, u.secretaries.map((c) => c.id)])).toEqual([
      ["u01", ["p-binh", "p-an"]],
    ]);
  });
});
