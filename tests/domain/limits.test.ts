/** Limits read back from the schemas that set them, so a message quoting a limit never repeats its number. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { itemLimit, lengthLimits, numberLimits } from "../../src/domain/limits";

describe("limits read from a schema", () => {
  it("reads a string's length limits through optional and default", () => {
    expect(lengthLimits(z.string().min(2).max(200).optional())).toEqual({ min: 2, max: 200 });
    expect(lengthLimits(z.string().max(2000).default(""))).toEqual({ min: 0, max: 2000 });
  });

  it("reads a number's bounds and an array's most items", () => {
    expect(numberLimits(z.number().int().min(0).max(100_000).default(0))).toEqual({ min: 0, max: 100_000 });
    expect(itemLimit(z.array(z.string()).max(300).optional())).toBe(300);
  });

  it("refuses a schema that sets no such limit", () => {
    expect(() => lengthLimits(z.string())).toThrow("lengthLimits");
    expect(() => numberLimits(z.number().min(0))).toThrow("numberLimits");
    expect(() => itemLimit(z.array(z.string()))).toThrow("itemLimit");
  });
});
