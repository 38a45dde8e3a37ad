import { Api, GrammyError, InputFile } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { palettePng } from "../../src/features/reports/png-palette";
import { startFakeBotApi, type FakeBotApi } from "./fake-bot-api";

let fake: FakeBotApi;
let api: Api;
beforeEach(async () => {
  fake = await startFakeBotApi();
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
});
afterEach(() => fake.close());

async function refusal(call: Promise<unknown>): Promise<{ code: number; description: string }> {
  const e = await call.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(GrammyError);
  return { code: (e as GrammyError).error_code, description: (e as GrammyError).description };
}

describe("the fake Bot API refuses what Telegram refuses", () => {
  it("refuses text over 4096 characters and empty text, accepts 4096", async () => {
    expect(await refusal(api.sendMessage(1, "x".repeat(4097)))).toEqual({ code: 400, description: "Bad Request: message is too long" });
    expect(await refusal(api.sendMessage(1, "  "))).toEqual({ code: 400, description: "Bad Request: message text is empty" });
    expect((await api.sendMessage(1, "x".repeat(4096))).text).toHaveLength(4096);
  });

  it("takes an uploaded PNG photo with its size, and refuses bytes that are no picture or a strip too thin", async () => {
    const png = (w: number, h: number) => palettePng(Buffer.alloc(w * h * 4, 0xff), w, h)!;
    const sent = await api.sendPhoto(1, new InputFile(png(40, 30), "bieu-do.png"));
    expect(sent.photo).toMatchObject([{ width: 40, height: 30 }]);
    expect(fake.ok("sendPhoto")[0]!.params.photo.filename).toBe("bieu-do.png");
    expect(await refusal(api.sendPhoto(1, new InputFile(Buffer.from("không phải ảnh"), "a.png")))).toEqual({
      code: 400,
      description: "Bad Request: IMAGE_PROCESS_FAILED",
    });
    expect(await refusal(api.sendPhoto(1, new InputFile(png(210, 10), "a.png")))).toEqual({
      code: 400,
      description: "Bad Request: PHOTO_INVALID_DIMENSIONS",
    });
  });

  it("refuses callback data over 64 bytes (counted in UTF-8)", async () => {
    const keyboard = (data: string) => ({ reply_markup: { inline_keyboard: [[{ text: "A", callback_data: data }]] } });
    expect(await refusal(api.sendMessage(1, "chọn", keyboard("đ".repeat(33))))).toEqual({
      code: 400,
      description: "Bad Request: BUTTON_DATA_INVALID",
    });
    await api.sendMessage(1, "chọn", keyboard("đ".repeat(32)));
    expect(fake.ok("sendMessage")).toHaveLength(1);
  });

  it("refuses bad HTML when parse_mode is HTML: unclosed, unknown, unescaped", async () => {
    const html = (text: string) => refusal(api.sendMessage(1, text, { parse_mode: "HTML" }));
    expect((await html("<b>đậm")).description).toMatch(/can't parse entities: Can't find end tag corresponding to start tag "b"/);
    expect((await html("<blink>x</blink>")).description).toMatch(/Unsupported start tag "blink"/);
    expect((await html("<b><i>x</b></i>")).description).toMatch(/Unmatched end tag "b"/);
    expect((await html("a < b & c")).description).toMatch(/can't parse entities/);
    await api.sendMessage(1, '<b>Đậm</b> &amp; <a href="https://x.vn">liên kết</a> &lt;3', { parse_mode: "HTML" });
    await api.sendMessage(1, "a < b & c");
    expect(fake.ok("sendMessage")).toHaveLength(2);
  });

  it("answers 429 with retry_after and 403 for a blocked chat when told to", async () => {
    fake.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 7", parameters: { retry_after: 7 } });
    const e = await api.sendMessage(1, "a").catch((err: GrammyError) => err);
    expect((e as GrammyError).parameters.retry_after).toBe(7);
    fake.block(2);
    expect(await refusal(api.sendMessage(2, "a"))).toEqual({ code: 403, description: "Forbidden: bot was blocked by the user" });
    expect((await api.sendMessage(1, "a")).chat.id).toBe(1);
  });

  it("long-polls getUpdates until an update is queued, honouring the offset", async () => {
    const waiting = api.getUpdates({ offset: 0, timeout: 5 });
    const id = fake.pushMessage({ userId: 7, text: "/start" });
    const [update] = await waiting;
    expect(update).toMatchObject({ update_id: id, message: { text: "/start", chat: { id: 7 } } });
    expect(await api.getUpdates({ offset: id + 1, timeout: 0 })).toEqual([]);
  });

  it("serves a stored file through getFile and the file URL", async () => {
    const id = fake.addFile(Buffer.from("nội dung"), "documents/a.txt");
    const file = await api.getFile(id);
    const res = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path}`);
    expect(await res.text()).toBe("nội dung");
    expect((await fetch(`${fake.apiRoot}/file/botWRONG/${file.file_path}`)).status).toBe(404);
  });
});
