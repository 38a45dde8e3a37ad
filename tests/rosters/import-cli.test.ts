import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { openLowdbStore } from "../../src/store/lowdb-store";

const run = promisify(execFile);
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const header = "Họ và tên,Mã đơn vị,Chức vụ,Trình độ LLCT,Trình độ chuyên môn,Năm sinh,Ngày đồng ý";

async function cli(dir: string, file: string, ...flags: string[]) {
  try {
    const { stdout, stderr } = await run("node_modules/.bin/tsx", ["scripts/import-roster.ts", file, ...flags], { env: { ...process.env, DATA_DIR: dir } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("npm run import", () => {
  it("imports a roster into the data directory, and refuses a file with a bad row, naming it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "doan-import-"));
    dirs.push(dir);
    const store = await openLowdbStore({ dir });
    await store.units.put({ id: "u01", name: "Đoàn cơ sở A", type: "agency", members: 10, groups: [] });
    await store.close();
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, [header, "Ngô Văn Tư,u01,Đoàn viên,Sơ cấp,Đại học,1990,05/01/2026", "Ngô Văn Năm,u01,Đoàn viên,Sơ cấp,Đại học,abc,05/01/2026"].join("\n"));
    const refused = await cli(dir, bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Tệp có 1 lỗi ở 1 dòng:\n {2}Dòng 3, cột «Năm sinh»/);
    expect(refused.stdout).toContain("Chưa nhập dòng nào");
    const partial = await cli(dir, bad, "--partial");
    expect(partial.stdout).toContain("1 mới");
    const reopened = await openLowdbStore({ dir });
    expect((await reopened.cadres.all()).map((c) => c.fullName)).toEqual(["Ngô Văn Tư"]);
    expect((await reopened.audit.all())[0]).toMatchObject({ actorId: "cli", action: "roster.import" });
    await reopened.close();
  });

  it("explains a missing file, a wrong path and an unknown option in plain words", async () => {
    const dir = mkdtempSync(join(tmpdir(), "doan-import-"));
    dirs.push(dir);
    const missing = await cli(dir, join(dir, "khong-co.xlsx"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Không tìm thấy tệp");
    expect(missing.stderr).toContain("Cách dùng: npm run import -- danh-sach.xlsx");
    const option = await cli(dir, join(dir, "a.csv"), "--partal");
    expect(option.stderr).toContain("Không có tùy chọn “--partal”.");
  });
});
