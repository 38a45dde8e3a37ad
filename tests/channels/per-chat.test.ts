import { describe, expect, it } from "vitest";
import { PerChatQueue, RecentKeys } from "../../src/channels/per-chat";

/** A promise and the function that resolves it. */
function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("the channels' per-chat queue", () => {
  it("handles one chat's updates in order, even after one failed, while another chat goes on", async () => {
    const queue = new PerChatQueue();
    const done: string[] = [];
    const first = gate();
    const a1 = queue.run("chat-a", async () => {
      await first.opened;
      done.push("a1");
      throw new Error("a1 failed");
    });
    const a2 = queue.run("chat-a", async () => void done.push("a2"));
    await queue.run("chat-b", async () => void done.push("b1"));
    expect(done).toEqual(["b1"]); // chat b was not held up by chat a
    first.open();
    await expect(a1).rejects.toThrow("a1 failed");
    await a2;
    expect(done).toEqual(["b1", "a1", "a2"]);
  });

  it("is idle only when every task queued so far has ended", async () => {
    const queue = new PerChatQueue();
    const slow = gate();
    let ended = false;
    void queue.run("chat-a", async () => {
      await slow.opened;
      ended = true;
    });
    const idle = queue.idle();
    slow.open();
    await idle;
    expect(ended).toBe(true);
  });
});

describe("the channels' memory of updates seen", () => {
  it("says an id came before, and forgets the oldest past its capacity", () => {
    const recent = new RecentKeys(2);
    expect([recent.seen(1), recent.seen(1), recent.seen("m2"), recent.seen(3), recent.seen(1), recent.seen(3)]).toEqual([
      false,
      true,
      false,
      false,
      false,
      true,
    ]);
  });
});
