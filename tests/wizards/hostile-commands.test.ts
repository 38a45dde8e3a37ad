/**
 * Hostile text outside any wizard, and hostile arguments to every command of the permission
 * table, sent by each kind of person: no crash, no "unexpected error", the answer holds a
 * localised sentence, and every record still parses.
 */
import { describe, expect, it } from "vitest";
import { commandRules } from "../../src/app/permissions";
import { parseCommand } from "../../src/chat/core";
import { allFeatures } from "../../src/features";
import { translator } from "../../src/i18n";
import { expectSaneReplies, expectStoreValid, mulberry32, holdsLocalised, pick, randomArgs, randomInput, seedOf } from "../helpers/hostile";
import { knownIds, seedWorld, speakers, type Speaker } from "./routes";

const ARGS_PER_COMMAND = Number(process.env.FUZZ_ARGS ?? 40);
const PLAIN_MESSAGES = Number(process.env.FUZZ_PLAIN ?? 150);
const roles: Speaker[] = ["guest", "cadre", "officer", "admin"];

/** The core's own commands, not in any feature. */
const coreCommands: Record<string, string> = { cancel: "huy", back: "quaylai" };
const featureCommands = Object.fromEntries(
  allFeatures(() => [])
    .flatMap((f) => f.commands ?? [])
    .map((c) => [c.alias, c.name]),
);
const names: Record<string, string> = { ...coreCommands, ...featureCommands };

describe("hostile text outside any wizard", () => {
  for (const role of roles) {
    it(`answers a ${role} who types nonsense that the bot did not understand`, async () => {
      const bot = await seedWorld();
      const user = speakers[role];
      const rand = mulberry32(seedOf(`plain/${role}`));
      const t = translator((await bot.store.people.get(`p-${user}`))?.locale ?? "vi");
      // A bare number answers options; with none open, the bot says so rather than "not understood".
      const expected = (input: string) => {
        const n = /^\s*(\d{1,3})\s*$/.exec(input)?.[1];
        return n ? t("common:staleNumber", { n }) : t("common:notUnderstood");
      };
      let sent = 0;
      while (sent < PLAIN_MESSAGES) {
        const input = randomInput(rand);
        if (parseCommand(input.slice(0, 4096))) continue;
        sent++;
        const group = rand() < 0.2;
        const replies = await bot.say(user, input, group ? { chatId: "-100777", chatType: "group" } : {});
        expectSaneReplies(replies, input);
        expect(
          replies.map((r) => r.text),
          JSON.stringify(input),
        ).toEqual(group ? [] : [expected(input)]);
      }
      expect(await bot.store.wizards.count()).toBe(0);
      await expectStoreValid(bot.store);
    });
  }
});

describe("hostile arguments to every command", () => {
  it("knows the command of every row of the permission table", () => {
    expect(Object.keys(commandRules).filter((alias) => !names[alias])).toEqual([]);
  });

  for (const alias of Object.keys(commandRules)) {
    for (const role of roles) {
      it(`answers /${names[alias] ?? alias} <junk> from a ${role} with a localised sentence`, async () => {
        const bot = await seedWorld();
        const user = speakers[role];
        const rand = mulberry32(seedOf(`${alias}/${role}`));
        for (let i = 0; i < ARGS_PER_COMMAND; i++) {
          const name = pick(rand, [names[alias]!, alias]);
          const input = i === 0 ? `/${name}` : `/${name} ${randomArgs(rand, knownIds)}`;
          const group = rand() < 0.2;
          const replies = await bot.say(user, input, group ? { chatId: "-100777", chatType: "group" } : {});
          expectSaneReplies(replies, input);
          if (!group) expect(replies.length, JSON.stringify(input)).toBeGreaterThan(0);
          if (replies[0]) expect(holdsLocalised(replies[0].text), `${JSON.stringify(input)} → ${replies[0].text}`).toBe(true);
          await bot.say(user, "/huy");
        }
        await expectStoreValid(bot.store);
      });
    }
  }
});
