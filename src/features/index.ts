/** Every feature of the bot, in the order /help lists them. */
import type { Command, Feature } from "../chat/feature";
import { accountsFeature } from "./accounts";
import { broadcastFeature } from "./broadcast";
import { cadresFeature } from "./cadres";
import { classesFeature } from "./classes";
import { remindersFeature } from "./reminders";
import { reportsFeature } from "./reports";
import { startFeature } from "./start";

export function allFeatures(listCommands: () => readonly (Command & { feature: string })[]): Feature[] {
  return [
    startFeature(listCommands),
    cadresFeature,
    classesFeature,
    reportsFeature,
    broadcastFeature,
    remindersFeature,
    accountsFeature,
  ];
}
