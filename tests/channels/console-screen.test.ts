import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ConsoleScreen } from "../../src/channels/console";

function terminal(): { out: Writable; text: () => string } {
  let text = "";
  const out = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { out, text: () => text };
}

describe("the console's screen", () => {
  it("shows the prompt again under a notification that comes while the prompt waits for a line", async () => {
    const t = terminal();
    const screen = new ConsoleScreen(t.out);
    screen.prompt("demo-admin");
    screen.notice("p-demo-u01-1", "📢 Họp giao ban tháng 12");
    expect(t.text()).toBe("\ndemo-admin> \n📨 → p-demo-u01-1: 📢 Họp giao ban tháng 12\n\ndemo-admin> ");
  });

  it("prints a notification that comes while a line is being handled without a prompt: the answer's own prompt follows", async () => {
    const t = terminal();
    const screen = new ConsoleScreen(t.out);
    screen.prompt("demo-admin");
    screen.busy();
    screen.notice("p-demo-u01-1", "⏰ Nhắc lịch học");
    screen.write("\n🤖 Đã gửi.\n");
    screen.prompt("demo-admin");
    expect(t.text()).toBe("\ndemo-admin> \n📨 → p-demo-u01-1: ⏰ Nhắc lịch học\n\n🤖 Đã gửi.\n\ndemo-admin> ");
  });
});
