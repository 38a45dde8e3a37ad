/** Classes: the plan's courses, schedules, enrolment with quotas and waitlist, attendance, certificates, nomination check. */
import type { Feature } from "../../chat/feature";
import { attendanceCommand, checkInByCode, checkInCommand, markCommand, openCheckInCommand } from "./attendance";
import { cancelClassCommand } from "./cancel";
import { certificatesCommand, completeCommand } from "./certificates";
import { createWizard, newClassCommand } from "./create-wizard";
import { eligibilityCommand } from "./eligibility";
import { importClasses } from "./import";
import { enrolCommand, nominateCommand, withdrawCommand } from "./enrol-commands";
import { quotaCommand, reclaimCommand } from "./quota";
import { scheduleCommand } from "./schedule";

export const classesFeature: Feature = {
  name: "classes",
  commands: [
    scheduleCommand,
    enrolCommand,
    withdrawCommand,
    nominateCommand,
    checkInCommand,
    certificatesCommand,
    eligibilityCommand,
    newClassCommand,
    quotaCommand,
    reclaimCommand,
    openCheckInCommand,
    markCommand,
    attendanceCommand,
    completeCommand,
    cancelClassCommand,
  ],
  wizards: [createWizard],
  onDocument: importClasses,
  onText: checkInByCode,
  documentPermission: "newclass",
};
