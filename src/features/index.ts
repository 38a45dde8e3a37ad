/** Every feature of the bot, in the order /help lists them. */
import type { Command, Feature } from "../chat/feature";
import { accountsFeature } from "./accounts";
import { auditFeature } from "./audit";
import { broadcastFeature } from "./broadcast";
import { classesFeature } from "./classes";
import { groupsFeature } from "./groups";
import { profileFeature } from "./profile";
import { registrationFeature } from "./registration";
import { rostersFeature } from "./rosters";
import { remindersFeature } from "./reminders";
import { reportsFeature } from "./reports";
import { startFeature } from "./start";

export function allFeatures(listCommands: () => readonly (Command & { feature: string })[]): Feature[] {
  return [
    startFeature(listCommands),
    registrationFeature,
    profileFeature,
    rostersFeature,
    groupsFeature,
    classesFeature,
    reportsFeature,
    broadcastFeature,
    remindersFeature,
    accountsFeature,
    auditFeature,
  ];
}
