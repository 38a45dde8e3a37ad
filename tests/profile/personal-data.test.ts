import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { OutboxEntry } from "../../src/domain/outbox";
import { newEntry } from "../../src/domain/outbox";
import { openLowdbStore } from "../../src/store/lowdb-store";
import type { Store } from "../../src/store/store";
import { buttonData, createTestBot, seedUnit, type TestBot } from "../helpers/chat";

const name = "Hoàng Thị Xuyến";
const phone = "0987654321";
const open: { dir: string; store: Store }[] = [];

afterEach(async () => {
  for (const { dir, store } of open.splice(0)) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function onDisk(): Promise<{ bot: TestBot; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), "doan-cadres-"));
  const store = await openLowdbStore({ dir });
  open.push({ dir, store });
  const bot = await createTestBot({ store });
  await seedUnit(store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [{ userId: "sec", position: "secretary", electedOn: "2025-01-01" }]);
  return { bot, dir };
}

async function register(bot: TestBot, userId: string) {
  await bot.say(userId, "/start u-u01");
  for (const a of [name, "member", "basic", "1997", phone, "yes", "yes", "ok"]) await bot.say(userId, a);
  const id = (await bot.store.accounts.get(`telegram:${userId}`))!.personId;
  await bot.say("sec", `/duyet ${id}`);
  return id;
}

function filesHolding(dir: string, needles: string[]): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .filter((file) => {
      const text = readFileSync(file, "utf8");
      return needles.some((n) => text.includes(n) || text.includes(n.normalize("NFD")) || text.includes(JSON.stringify(n).slice(1, -1)));
    });
}

/** Outbox entries to the person (a nudge, a broadcast) and to their private chat, plus a broadcast to the Secretary too. */
async function queueMessages(bot: TestBot, personId: string) {
  const at = "2026-11-29T03:00:00.000Z";
  const entry = (id: string, to: OutboxEntry["to"], broadcastId?: string) =>
    newEntry(
      {
        id,
        kind: broadcastId ? "broadcast" : "nudge:report",
        to,
        message: { key: "broadcast:message", vars: { text: "Họp" } },
        essential: true,
        notBefore: at,
        broadcastId,
      },
      new Date(at),
    );
  await bot.store.broadcasts.put({
    id: "b-1",
    createdBy: "p-sec",
    createdAt: at,
    audience: { kind: "everyone" },
    text: "Họp",
    total: 2,
    reported: 0,
  });
  await bot.store.outbox.put(entry(`broadcast:b-1:${personId}`, { type: "person", personId }, "b-1"));
  await bot.store.outbox.put(entry("broadcast:b-1:p-sec", { type: "person", personId: "p-sec" }, "b-1"));
  await bot.store.outbox.put(entry(`nudge:report:2026-Q4:u01:d-3:${personId}`, { type: "person", personId }));
  await bot.store.outbox.put(
    entry("digest:weekly:2026-11-30:telegram.forget-777", { type: "chat", channel: "telegram", chatId: "forget-777", group: false }),
  );
}

describe("personal data", () => {
  it("leaves no personal field of the person anywhere in the data directory after /xoadulieu", async () => {
    const { bot, dir } = await onDisk();
    const id = await register(bot, "forget-777");
    await bot.say("forget-777", "/hoso");
    await bot.say("forget-777", "/hoso birthYear");
    await bot.say("forget-777", "/maketnoi");
    await bot.say("forget-777", "/ketnoi ZZZZZZ");
    expect(await bot.store.linkCodes.count()).toBe(1);
    expect(await bot.store.linkAttempts.count()).toBe(1);
    await queueMessages(bot, id);
    await bot.store.flush();
    expect(filesHolding(dir, [name, phone, "forget-777"]).length).toBeGreaterThan(0);

    const [confirm] = await bot.say("forget-777", "/xoadulieu");
    expect(confirm!.text).toContain("không hoàn tác được");
    expect(await bot.store.cadres.get(id)).toBeDefined();
    expect(await bot.text("forget-777", buttonData(confirm!, "Xóa dữ liệu của tôi"), { isButton: true })).toContain(
      "Đã xóa dữ liệu cá nhân",
    );
    await bot.store.flush();

    expect(filesHolding(dir, [name, phone, "forget-777", "1997"])).toEqual([]);
    expect(await bot.store.cadres.get(id)).toBeUndefined();
    expect(await bot.store.people.get(id)).toBeUndefined();
    expect(await bot.store.linkCodes.count()).toBe(0);
    // the /ketnoi guess counter stays until its window ends (under a hash of the account id), so the limit holds
    expect(await bot.store.linkAttempts.count()).toBe(1);
    // their messages are gone from the outbox; the broadcast now counts its one other recipient
    expect((await bot.store.outbox.all()).map((e) => e.id)).toEqual(["broadcast:b-1:p-sec"]);
    expect((await bot.store.broadcasts.get("b-1"))!.total).toBe(1);
    const trail = await bot.store.audit.find({ subjectId: id });
    expect(trail.map((a) => a.action)).toEqual(["cadre.register", "cadre.approve", "cadre.forget"]);
    expect(JSON.stringify(trail)).not.toContain(name);
    expect(await bot.text("forget-777", "/hoso")).toContain("chưa có hồ sơ");
  });

  it("sends everything stored about the person as a file with /dulieu", async () => {
    const { bot } = await onDisk();
    const id = await register(bot, "me");
    const [answer] = await bot.say("me", "/dulieu");
    const data = JSON.parse(answer!.file!.content.toString("utf8"));
    expect(data.cadre).toMatchObject({ id, fullName: name, phone, status: "approved" });
    expect(data.accounts[0]).toMatchObject({ channel: "telegram", externalId: "me" });
    expect(data.auditAboutYou.map((a: { action: string }) => a.action)).toEqual(["cadre.register", "cadre.approve"]);
  });

  it("withdraws consent to contact by deleting the phone, and treats withdrawing the base purpose as deletion", async () => {
    const { bot } = await onDisk();
    const id = await register(bot, "w");
    const [choice] = await bot.say("w", "/rutdongy");
    expect(await bot.text("w", buttonData(choice!, /liên hệ/), { isButton: true })).toContain("xóa số điện thoại");
    const cadre = (await bot.store.cadres.get(id))!;
    expect(cadre.phone).toBeUndefined();
    expect(cadre.consent.purposes).toEqual(["training"]);
    const [base] = await bot.say("w", "/rutdongy training");
    expect(buttonData(base!, "Xóa dữ liệu của tôi")).toBe("/xoadulieu xacnhan");
    expect((await bot.store.audit.find({ action: "consent.withdraw" }))[0]!.details).toEqual({ purpose: "contact", fields: "phone" });
  });
});

describe("profile", () => {
  it("edits one field at a time, validated and logged by field name only", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "c", fullName: "Lê Văn Cũ" }]);
    const [profile] = await bot.say("c", "/hoso");
    expect(await bot.text("c", buttonData(profile!, "Sửa họ tên"), { isButton: true })).toContain("Họ và tên");
    expect(await bot.text("c", "L3 V@n")).toContain("chỉ gồm chữ cái");
    expect(await bot.text("c", "Lê Văn Mới")).toBe("Đã lưu thay đổi.");
    expect((await bot.store.cadres.get("p-c"))!.fullName).toBe("Lê Văn Mới");
    const [entry] = await bot.store.audit.find({ action: "cadre.edit" });
    expect(entry!.details).toEqual({ fields: "fullName" });
    expect(JSON.stringify(entry)).not.toContain("Mới");
  });

  it("records the job position and civil-service grade in /hoso (plan IV), optional, shown once given", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "c", fullName: "Lê Văn Cũ" }]);
    const [profile] = await bot.say("c", "/hoso");
    expect(profile!.text).not.toContain("Vị trí việc làm");
    expect(await bot.text("c", buttonData(profile!, "Sửa vị trí việc làm"), { isButton: true })).toBe(
      "Vị trí việc làm của bạn ở cơ quan (ví dụ: chuyên viên phòng Tổ chức cán bộ)? Việc bồi dưỡng theo Kế hoạch căn cứ vào vị trí việc làm.",
    );
    expect(await bot.text("c", "x")).toContain("Hãy ghi từ 2 đến 100 ký tự, hoặc “-” để bỏ trống.");
    expect(await bot.text("c", "Chuyên viên phòng Tổ chức")).toBe("Đã lưu thay đổi.");
    await bot.say("c", "/hoso civilServiceGrade");
    expect(await bot.text("c", "chuyên  viên")).toBe("Đã lưu thay đổi.");
    expect(await bot.store.cadres.get("p-c")).toMatchObject({ jobPosition: "Chuyên viên phòng Tổ chức", civilServiceGrade: "chuyên viên" });
    const shown = await bot.text("c", "/hoso");
    expect(shown).toContain("Vị trí việc làm: Chuyên viên phòng Tổ chức\nNgạch công chức, viên chức: chuyên viên");
    await bot.say("c", "/hoso civilServiceGrade");
    expect(await bot.text("c", "-")).toBe("Đã lưu thay đổi.");
    expect((await bot.store.cadres.get("p-c"))!.civilServiceGrade).toBeUndefined();
  });

  it("asks the unit to approve again when a cadre makes themself Secretary", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "c" }, { userId: "sec", position: "secretary", electedOn: "2025-01-01" }]);
    await bot.say("c", "/hoso position");
    expect(await bot.text("c", "Bí thư")).toContain("được bầu");
    expect(await bot.text("c", "20/10/2026")).toContain("Hồ sơ sẽ cần đơn vị duyệt lại");
    expect((await bot.store.cadres.get("p-c"))!.status).toBe("approved");
    expect(await bot.text("c", "yes")).toContain("duyệt lại");
    expect((await bot.store.cadres.get("p-c"))!).toMatchObject({ status: "pending", position: "secretary", electedOn: "2026-10-20" });
    expect(await bot.text("c", "/duyet p-c")).toContain("không có quyền");
    expect(bot.inbox("p-sec").at(-1)).toContain("Bí thư");
  });
});
