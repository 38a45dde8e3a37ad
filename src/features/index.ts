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
import { setupFeature } from "./setup";
import { startFeature } from "./start";
import { unitsFeature } from "./units";

export function allFeatures(listCommands: () => readonly (Command & { feature: string })[]): Feature[] {
  return [
    startFeature(listCommands),
    setupFeature,
    registrationFeature,
    profileFeature,
    rostersFeature,
    unitsFeature,
    groupsFeature,
    classesFeature,
    reportsFeature,
    broadcastFeature,
    remindersFeature,
    accountsFeature,
    auditFeature,
  ];
}
