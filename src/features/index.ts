/** Every feature of the bot, in the order /help lists them. */
import type { Command, Feature } from "../chat/feature";
import { accountsFeature } from "./accounts";
import { auditFeature } from "./audit";
import { broadcastFeature } from "./broadcast";
import { cadreMarksFeature } from "./cadre-marks";
import { cityReportFeature } from "./city-report";
import { classesFeature } from "./classes";
import { groupsFeature } from "./groups";
import { plansFeature } from "./plans";
import { profileFeature } from "./profile";
import { registrationFeature } from "./registration";
import { rostersFeature } from "./rosters";
import { remindersFeature } from "./reminders";
import { reportsFeature } from "./reports";
import { setupFeature } from "./setup";
import { startFeature } from "./start";
import { trainingRecordsFeature } from "./training-records";
import { unitsFeature } from "./units";
import { webFeature } from "./web";

export function allFeatures(listCommands: () => readonly (Command & { feature: string })[]): Feature[] {
  return [
    startFeature(listCommands),
    setupFeature,
    registrationFeature,
    profileFeature,
    rostersFeature,
    unitsFeature,
    groupsFeature,
    cadreMarksFeature,
    classesFeature,
    trainingRecordsFeature,
    reportsFeature,
    plansFeature,
    cityReportFeature,
    broadcastFeature,
    remindersFeature,
    accountsFeature,
    auditFeature,
    webFeature,
  ];
}
