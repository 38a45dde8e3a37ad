/**
 * Cadres: registration, approval, roles, the person's own data, unit rosters, group linking,
 * roster import/export and the audit log of it all.
 */
import type { Feature } from "../../chat/feature";
import { approvalCommands } from "./approval";
import { auditLogCommand } from "./audit-log";
import { followMigration, linkCommand } from "./group-link";
import { importExportCommands, onRosterDocument } from "./import-export";
import { personalDataCommands } from "./personal-data";
import { profileCommand, profileEditWizard } from "./profile";
import { registerCommand, registerWizard, startRegistration } from "./register-wizard";
import { rosterCommand } from "./roster";

export const cadresFeature: Feature = {
  name: "cadres",
  commands: [registerCommand, profileCommand, ...approvalCommands, rosterCommand, linkCommand, ...personalDataCommands, ...importExportCommands, auditLogCommand],
  wizards: [registerWizard, profileEditWizard],
  deepLinks: { u: (ctx, unitId) => startRegistration(ctx, unitId) },
  onDocument: onRosterDocument,
  onGroupMigrated: followMigration,
};
