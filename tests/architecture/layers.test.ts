/** The layers written in .dependency-cruiser.cjs hold for the whole tree, and the check catches a breach. */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const depcruise = join(root, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");

function cruise(cwd: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [depcruise, "src", "--config", join(root, ".dependency-cruiser.cjs"), "--output-type", "err"], {
    cwd,
    encoding: "utf8",
  });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe("the layers", () => {
  const scratch = mkdtempSync(join(tmpdir(), "doan-layers-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("src/ has no import cycle and no import pointing up a layer", () => {
    const r = cruise(root);
    expect(r.out).toContain("no dependency violations found");
    expect(r.status).toBe(0);
  });

  it("refuses a domain module that imports a feature, and a cycle between two modules", () => {
    for (const dir of ["src/domain", "src/features"]) mkdirSync(join(scratch, dir), { recursive: true });
    cpSync(join(root, "tsconfig.json"), join(scratch, "tsconfig.json"));
    writeFileSync(
      join(scratch, "src/domain/rule.ts"),
      'import { feature } from "../features/thing";\nexport const rule = () => feature;\n',
    );
    writeFileSync(join(scratch, "src/features/thing.ts"), 'import { rule } from "../domain/rule";\nexport const feature = () => rule;\n');
    const r = cruise(scratch);
    expect(r.status).not.toBe(0);
    expect(r.out).toContain("domain-imports-down-only: src/domain/rule.ts → src/features/thing.ts");
    expect(r.out).toContain("no-circular");
  });

  it("refuses a feature that imports another feature, and lets a feature import its own files", () => {
    const dir = mkdtempSync(join(tmpdir(), "doan-features-"));
    try {
      for (const f of ["src/features/classes", "src/features/reports"]) mkdirSync(join(dir, f), { recursive: true });
      cpSync(join(root, "tsconfig.json"), join(dir, "tsconfig.json"));
      writeFileSync(join(dir, "src/features/classes/common.ts"), "export const kindName = () => 'x';\n");
      writeFileSync(join(dir, "src/features/classes/index.ts"), 'import { kindName } from "./common";\nexport const classes = kindName;\n');
      writeFileSync(
        join(dir, "src/features/reports/index.ts"),
        'import { kindName } from "../classes/common";\nexport const reports = kindName;\n',
      );
      const r = cruise(dir);
      expect(r.status).not.toBe(0);
      expect(r.out).toContain("feature-imports-no-other-feature: src/features/reports/index.ts → src/features/classes/common.ts");
      expect(r.out).not.toContain("src/features/classes/index.ts →");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
