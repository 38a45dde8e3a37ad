/** First start on an empty data directory: the first admin's set-up by chat, and what others see meanwhile. */
import { describe, expect, it } from "vitest";
import { buttonData, createTestBot } from "../helpers/chat";

describe("first start", () => {
  it("tells anyone but an admin that the bot is being set up and whom to contact, for /start and /dangky", async () => {
    const bot = await createTestBot({ adminIds: ["telegram:boss"] });
    const start = await bot.text("newbie", "/start");
    expect(start).toContain("đang được Ban Thường vụ thiết lập, chưa có đơn vị nào để đăng ký");
    expect(start).toContain("liên hệ Ban Thường vụ Đoàn Khối");
    expect(await bot.text("newbie", "/dangky")).toContain("đang được Ban Thường vụ thiết lập");
  });

  it("walks the first admin through the bloc's name, three units, another admin and the group, then sends each unit's link", async () => {
    const bot = await createTestBot({ adminIds: ["telegram:boss"] });
    const intro = await bot.say("boss", "/start");
    expect(intro.map((r) => r.text).join("\n")).toContain("lần khởi động đầu tiên");
    expect(buttonData(intro, "Đoàn Khối các cơ quan Đảng, Nhà nước và Mặt trận, đoàn thể thành phố Cần Thơ")).toBe("goi-y");
    expect(await bot.text("boss", "Đoàn Khối Dân Chính Đảng TP. Cần Thơ")).toContain("mỗi dòng một đơn vị");
    const after2 = await bot.text("boss", "Đoàn cơ sở Sở Tư pháp | STP | 25\nĐoàn cơ sở Sở Y tế | SYT | 60 | Đơn vị sự nghiệp");
    expect(after2).toContain("Đã ghi 2 đơn vị:\n• Đoàn cơ sở Sở Tư pháp\n• Đoàn cơ sở Sở Y tế");
    expect(await bot.text("boss", "Đoàn cơ sở sở tư PHAP")).toContain("Dòng 1: Đã có đơn vị tên Đoàn cơ sở Sở Tư pháp");
    expect(await bot.text("boss", "Đoàn cơ sở Công ty Cấp nước | | 40 | Doanh nghiệp")).toContain("Đã ghi 3 đơn vị");
    expect(await bot.text("boss", "xong", { isButton: true })).toContain("3/4");
    expect(await bot.text("boss", "telegram:777")).toContain("4/4");
    expect(await bot.text("boss", "ok", { isButton: true })).toContain("• 3 đơn vị:");
    const done = await bot.say("boss", "ok", { isButton: true });
    expect(done[0]!.text).toBe("Đã thiết lập Đoàn Khối Dân Chính Đảng TP. Cần Thơ với 3 đơn vị.");
    expect(done[1]!.file!.name).toBe("lien-ket-dang-ky-don-vi.xlsx");
    expect(done.slice(2, 5).map((r) => r.buttons![0]![0]!.data)).toEqual(["/start u-stp", "/start u-syt", "/start u-ctcn"]);
    expect(done[2]!.text).toContain("Đăng ký hồ sơ cán bộ Đoàn — Đoàn cơ sở Sở Tư pháp");

    const units = await bot.store.units.all();
    expect(units.map((u) => [u.id, u.code, u.name, u.type, u.members])).toEqual([
      ["stp", "STP", "Đoàn cơ sở Sở Tư pháp", "agency", 25],
      ["syt", "SYT", "Đoàn cơ sở Sở Y tế", "public-service", 60],
      ["ctcn", "CTCN", "Đoàn cơ sở Công ty Cấp nước", "enterprise", 40],
    ]);
    expect(await bot.store.bloc.get("bloc")).toMatchObject({ name: "Đoàn Khối Dân Chính Đảng TP. Cần Thơ" });
    // The other admin named at set-up is an admin as soon as they write, and others now get the normal welcome.
    expect(await bot.text("777", "/trogiup")).toContain("Ban Thường vụ Đoàn Khối");
    // A newcomer is greeted with the name the set-up saved.
    expect(await bot.text("newbie", "/start")).toContain(
      "Đây là trợ lý đào tạo, bồi dưỡng cán bộ Đoàn của Đoàn Khối Dân Chính Đảng TP. Cần Thơ.",
    );
    // Run again, the set-up knows what exists and suggests the saved name.
    const again = await bot.say("boss", "/thietlap");
    expect(again[0]!.text).toBe(
      "Thiết lập lại Đoàn Khối Dân Chính Đảng TP. Cần Thơ: hiện có 3 đơn vị. Bot hỏi lại 4 việc; đơn vị bạn gửi được ghi thêm, đơn vị đã có giữ nguyên. Gõ /huy để dừng mà không thay đổi gì.",
    );
    expect(buttonData(again, "Đoàn Khối Dân Chính Đảng TP. Cần Thơ")).toBe("goi-y");
    expect(await bot.text("boss", "/huy")).toBe("Đã hủy. Thông tin bạn đang nhập dở không được lưu.");
    const actions = (await bot.store.audit.all()).map((a) => a.action);
    expect(actions.filter((a) => a === "unit.create")).toHaveLength(3);
    expect(actions).toContain("bloc.setup");
    expect(actions).toContain("role.grant");
  });

  it("refuses a bad admin id and a unit line with a bad code, naming the line", async () => {
    const bot = await createTestBot({ adminIds: ["telegram:boss"] });
    await bot.say("boss", "/start");
    await bot.say("boss", "Đoàn Khối Cần Thơ");
    expect(await bot.text("boss", "Đoàn cơ sở Sở Tư pháp\nĐoàn cơ sở Sở Nội vụ | Sở-NV")).toContain("Dòng 2: Mã «Sở-NV» không hợp lệ");
    expect(await bot.text("boss", "xong")).toContain("3/4");
    expect(await bot.text("boss", "facebook:12")).toContain("Mã tài khoản có dạng telegram:123456789");
    // Telegram numbers its users: `abc` is no one's id there.
    expect(await bot.text("boss", "abc")).toContain("Mã tài khoản có dạng telegram:123456789");
    expect(await bot.text("boss", "telegram:12345678")).toContain("4/4");
  });

  it("tells anyone their own account id with /maso, the id the set-up asks for", async () => {
    const bot = await createTestBot({ adminIds: ["telegram:boss"] });
    expect(await bot.text("424242", "/maso")).toBe(
      "Mã tài khoản của bạn: telegram:424242\nGửi mã này cho Ban Thường vụ Đoàn Khối khi cần được thêm làm quản trị viên (bước 3 của /thietlap hoặc /themquantri).",
    );
    await bot.say("boss", "/start");
    await bot.say("boss", "Đoàn Khối Cần Thơ");
    expect(await bot.text("boss", "xong")).toContain("(người đó nhắn /maso cho bot để biết mã của mình)");
    await bot.say("boss", "/huy");
    // /themquantri takes that id too.
    expect(await bot.text("boss", "/themquantri telegram:424242")).toBe("Đã cấp quyền quản trị cho telegram:424242.");
    expect(await bot.text("boss", "/themquantri telegram:999")).toBe(
      "Không tìm thấy người có mã telegram:999. Mã người (p-…) có trong danh sách /donvi; mã tài khoản (telegram:… hoặc zalo:…) mỗi người xem bằng /maso.",
    );
    expect(await bot.text("424242", "/trogiup")).toContain("Các lệnh dành cho bạn (Ban Thường vụ Đoàn Khối):");
  });

  it("refuses a bloc name over 200 characters, a unit of more than 100000 members and more than 300 units, naming the limits", async () => {
    const bot = await createTestBot({ adminIds: ["telegram:boss"] });
    await bot.say("boss", "/start");
    expect(await bot.text("boss", `Đoàn Khối ${"Cần Thơ ".repeat(25)}`)).toContain("Tên cần từ 2 đến 200 ký tự và có chữ cái.");
    await bot.say("boss", "Đoàn Khối Cần Thơ");
    expect(await bot.text("boss", "Đoàn cơ sở Sở Tư pháp | STP | 100001")).toContain(
      "Dòng 1: số đoàn viên phải là số nguyên từ 0 đến 100000. Chưa ghi đơn vị nào trong tin nhắn này.",
    );
    const lines = (from: number, n: number) => Array.from({ length: n }, (_, i) => `Đơn vị số ${from + i}`).join("\n");
    expect(await bot.text("boss", lines(1, 200))).toContain("Đã ghi 200 đơn vị");
    expect(await bot.text("boss", lines(201, 101))).toContain("Một lần thiết lập ghi tối đa 300 đơn vị");
    expect(await bot.text("boss", lines(201, 100))).toContain("Đã ghi 300 đơn vị");
  });
});
