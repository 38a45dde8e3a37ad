import { describe, expect, it } from "vitest";
import {
  LINK_CODE_ALPHABET,
  linkBlockedUntil,
  linkSurvivor,
  makeLinkCode,
  mergePeople,
  normaliseLinkCode,
  recordLinkFailure,
} from "../../src/domain/links";

describe("link codes", () => {
  it("are 6 characters that cannot be misread (no 0, O, 1, I or L)", () => {
    let i = 0;
    const code = makeLinkCode((n) => i++ % n);
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    expect(LINK_CODE_ALPHABET).not.toMatch(/[01OIL]/);
    expect(normaliseLinkCode(" k7m-2qx ")).toBe("K7M2QX");
  });

  it("block an account for the rest of a 15-minute window after its 5th wrong code", () => {
    const start = new Date("2026-11-29T03:00:00.000Z");
    let attempts = recordLinkFailure("zalo:1", undefined, start);
    for (let i = 0; i < 4; i++) attempts = recordLinkFailure("zalo:1", attempts, start);
    expect(attempts.failures).toBe(5);
    expect(linkBlockedUntil(attempts, new Date("2026-11-29T03:14:59.000Z"))?.toISOString()).toBe("2026-11-29T03:15:00.000Z");
    expect(linkBlockedUntil(attempts, new Date("2026-11-29T03:15:00.000Z"))).toBeUndefined();
    expect(recordLinkFailure("zalo:1", attempts, new Date("2026-11-29T03:20:00.000Z")).failures).toBe(1);
  });

  it("keep the person holding a cadre record, and refuse when both hold one", () => {
    expect(linkSurvivor(false, false)).toBe("codeOwner");
    expect(linkSurvivor(true, false)).toBe("codeOwner");
    expect(linkSurvivor(false, true)).toBe("sender");
    expect(linkSurvivor(true, true)).toBe("conflict");
  });

  it("merge granted roles and keep the survivor's settings, filling only what it lacks", () => {
    const survivor = { id: "p-1", roles: [], createdAt: "2026-05-01T00:00:00.000Z", muted: false, locale: "vi" as const };
    const merged = {
      id: "p-2",
      roles: ["admin" as const],
      createdAt: "2026-01-01T00:00:00.000Z",
      muted: false,
      locale: "en" as const,
      preferredChannel: "zalo" as const,
    };
    expect(mergePeople(survivor, merged)).toEqual({
      ...survivor,
      roles: ["admin"],
      preferredChannel: "zalo",
      createdAt: "2026-01-01T00:00:00.000Z",
    });
  });
});
