/** Classes: the plan's courses, schedules, enrolment with quotas and waitlist, attendance, certificates, nomination check. */
import type { Feature } from "../../chat/feature";
import { attendanceCommand, checkInByCode, checkInCommand, markCommand, openCheckInCommand } from "./attendance";
import { cancelClassCommand } from "./cancel";
import { certificatesCommand, completeCommand } from "./certificates";
import { createWizard, newClassCommand } from "./create-wizard";
import { eligibilityCommand } from "./eligibility";
import { freeSeatsOnErasure } from "./erase";
import { importClasses } from "./import";
import { enrolCommand, withdrawCommand } from "./enrol-commands";
import { partyCommitteeCommand } from "./party-committee";
import { nominateCommand, sendWizard } from "./sending";
import { quotaCommand, reclaimCommand } from "./quota";
import { scheduleCommand } from "./schedule";

export const classesFeature: Feature = {
  name: "classes",
  commands: [
    scheduleCommand,
    enrolCommand,
    withdrawCommand,
    nominateCommand,
    partyCommitteeCommand,
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
  wizards: [createWizard, sendWizard],
  onDocument: importClasses,
  onText: checkInByCode,
  documentPermission: "newclass",
  onErase: freeSeatsOnErasure,
};
