import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { openLowdbStore } from "../../src/store/lowdb-store";
import { unit } from "../helpers/records";

const run = promisify(execFile);
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const header = "Họ và tên,Mã đơn vị,Chức vụ,Trình độ LLCT,Trình độ chuyên môn,Năm sinh,Ngày đồng ý";

async function cli(dir: string, file: string, ...flags: string[]) {
  try {
    const { stdout, stderr } = await run("node_modules/.bin/tsx", ["scripts/import-roster.ts", file, ...flags], {
      env: { ...process.env, DATA_DIR: dir },
    });
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
    await store.units.put(unit("u01", { name: "Đoàn cơ sở A", members: 10 }));
    await store.close();
    const bad = join(dir, "bad.csv");
    writeFileSync(
      bad,
      [header, "Ngô Văn Tư,u01,Đoàn viên,Sơ cấp,Đại học,1990,05/01/2026", "Ngô Văn Năm,u01,Đoàn viên,Sơ cấp,Đại học,abc,05/01/2026"].join(
        "\n",
      ),
    );
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
    // A second Secretary of u01 is imported as a committee member; the dry run says so, in the command line's words.
    const two = join(dir, "two.csv");
    writeFileSync(
      two,
      [header, "Lê Thị Sáu,u01,Bí thư,Sơ cấp,Đại học,1991,05/01/2026", "Ngô Văn Bảy,u01,Bí thư,Sơ cấp,Đại học,1992,05/01/2026"].join("\n"),
    );
    expect((await cli(dir, two, "--dry-run")).stdout).toBe(
      [
        "Dòng 3: Đoàn cơ sở A đã có Bí thư Lê Thị Sáu ở dòng trên, nên Ngô Văn Bảy được nhập là Ủy viên BCH vì mỗi đơn vị chỉ có một Bí thư. Nếu Ngô Văn Bảy là Bí thư mới được bầu, bạn ghi ngày bầu ở cột «Ngày được bầu» rồi chạy lại lệnh.",
        "Chạy thử: chưa ghi gì. Tệp có 2 hồ sơ cán bộ.",
        "",
      ].join("\n"),
    );
  });

  it("writes nothing on --dry-run, says in Vietnamese when the bot holds the data, and never asks to send the file again", {
    timeout: 180_000,
  }, async () => {
    const parent = mkdtempSync(join(tmpdir(), "doan-import-"));
    dirs.push(parent);
    const file = join(parent, "roster.csv");
    writeFileSync(file, [header, "Ngô Văn Tư,u01,Đoàn viên,Sơ cấp,Đại học,1990,05/01/2026"].join("\n"));
    // No data yet: the dry run says what it would do and leaves no data directory behind.
    const fresh = join(parent, "data");
    const dry = await cli(fresh, file, "--dry-run");
    expect(dry.stderr).toContain("Dòng 2, cột «Mã đơn vị»");
    expect(existsSync(fresh)).toBe(false);
    // Data there: the dry run leaves every file as it was.
    const dir = join(parent, "held");
    const store = await openLowdbStore({ dir });
    await store.units.put(unit("u01", { name: "Đoàn cơ sở A", members: 10 }));
    const locked = await cli(dir, file);
    expect(locked.code).toBe(2);
    expect(locked.stderr).toBe(
      `Thư mục dữ liệu ${dir} đang được bot sử dụng (tiến trình ${process.pid}). Dừng bot rồi chạy lại lệnh, hoặc thêm --dry-run để chạy thử.\n`,
    );
    const tried = await cli(dir, file, "--dry-run");
    expect(tried.stdout).toContain("1");
    expect(tried.code).toBe(0);
    await store.close();
    const before = readdirSync(dir).map((f) => [f, statSync(join(dir, f)).mtimeMs]);
    await cli(dir, file, "--dry-run");
    expect(readdirSync(dir).map((f) => [f, statSync(join(dir, f)).mtimeMs])).toEqual(before);
    const bad = join(parent, "bad.csv");
    writeFileSync(bad, [header, "Ngô Văn Năm,u01,Đoàn viên,Sơ cấp,Đại học,abc,05/01/2026"].join("\n"));
    expect((await cli(dir, bad)).stdout).toBe(
      "Chưa nhập dòng nào. Bạn sửa các dòng trên trong tệp rồi chạy lại lệnh (hoặc thêm --partial để nhập các dòng đúng).\n",
    );
  });

  it("creates the units a roster names in an empty data directory, prints them, then imports the cadres", async () => {
    const dir = mkdtempSync(join(tmpdir(), "doan-import-"));
    dirs.push(dir);
    const file = join(dir, "roster.csv");
    writeFileSync(
      file,
      [
        "Họ và tên,Tên đơn vị,Chức vụ,Trình độ LLCT,Trình độ chuyên môn,Năm sinh,Ngày đồng ý",
        "Lê Thị Hồng Nhung,Đoàn cơ sở Sở Tư pháp,Bí thư,Trung cấp,Đại học,1990,05/01/2026",
        "Trần Văn Minh,Đoàn cơ sở Sở Tư pháp,Đoàn viên,Sơ cấp,Đại học,1996,05/01/2026",
        "Phạm Thị Thu Hà,Đoàn cơ sở Sở Y tế,Phó Bí thư,Sơ cấp,Thạc sĩ,1993,05/01/2026",
        "Võ Minh Tuấn,đoàn cơ sở sở y tế,Đoàn viên,Chưa có,Cao đẳng,1999,05/01/2026",
      ].join("\n"),
    );
    const done = await cli(dir, file);
    expect(done).toMatchObject({ code: 0, stderr: "" });
    expect(done.stdout).toBe(
      [
        "Đã tạo 2 đơn vị:",
        "  STP  /start u-stp  Đoàn cơ sở Sở Tư pháp",
        "  SYT  /start u-syt  Đoàn cơ sở Sở Y tế",
        "Đã nhập danh sách: 4 hồ sơ mới, 0 hồ sơ cập nhật, 0 hồ sơ không đổi.",
        "",
      ].join("\n"),
    );
    const store = await openLowdbStore({ dir });
    expect((await store.units.all()).map((u) => [u.id, u.name])).toEqual([
      ["stp", "Đoàn cơ sở Sở Tư pháp"],
      ["syt", "Đoàn cơ sở Sở Y tế"],
    ]);
    expect((await store.cadres.all()).map((c) => [c.fullName, c.unitId])).toEqual([
      ["Lê Thị Hồng Nhung", "stp"],
      ["Trần Văn Minh", "stp"],
      ["Phạm Thị Thu Hà", "syt"],
      ["Võ Minh Tuấn", "syt"],
    ]);
    expect((await store.audit.all()).map((a) => a.action)).toEqual(["unit.create", "unit.create", "roster.import"]);
    await store.close();
    // Importing it again changes nothing.
    expect((await cli(dir, file)).stdout).toBe("Đã nhập danh sách: 0 hồ sơ mới, 0 hồ sơ cập nhật, 4 hồ sơ không đổi.\n");
  });

  it("creates units from a sheet of units only, and refuses it whole when a row is bad, naming the row and column", async () => {
    const dir = mkdtempSync(join(tmpdir(), "doan-import-"));
    dirs.push(dir);
    const bad = join(dir, "units-bad.csv");
    writeFileSync(
      bad,
      [
        "Mã đơn vị,Tên đơn vị,Loại đơn vị,Số đoàn viên",
        "STP,Đoàn cơ sở Sở Tư pháp,Cơ quan,25",
        "BV,Đoàn cơ sở Bệnh viện,Bệnh viện,40",
      ].join("\n"),
    );
    const refused = await cli(dir, bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Dòng 3, cột «Loại đơn vị»: loại đơn vị là Cơ quan, Đơn vị sự nghiệp hoặc Doanh nghiệp.");
    const good = join(dir, "units.csv");
    writeFileSync(
      good,
      [
        "Mã đơn vị,Tên đơn vị,Loại đơn vị,Số đoàn viên",
        "STP,Đoàn cơ sở Sở Tư pháp,Cơ quan,25",
        "BV-DK,Đoàn cơ sở Bệnh viện Đa khoa,Đơn vị sự nghiệp,40",
      ].join("\n"),
    );
    expect((await cli(dir, good)).stdout).toBe(
      ["Đã tạo 2 đơn vị:", "  STP  /start u-stp  Đoàn cơ sở Sở Tư pháp", "  BV-DK  /start u-bv-dk  Đoàn cơ sở Bệnh viện Đa khoa", ""].join(
        "\n",
      ),
    );
    const store = await openLowdbStore({ dir });
    expect((await store.units.all()).map((u) => [u.id, u.type, u.members])).toEqual([
      ["stp", "agency", 25],
      ["bv-dk", "public-service", 40],
    ]);
    await store.close();
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
