/** Rosters: a unit's cadres (/donvi), and rosters imported from or exported to a sheet. */
import type { Feature } from "../../chat/feature";
import { confirmImportWizard, importExportCommands, onRosterDocument } from "./import-export";
import { rosterCommand } from "./roster";

export const rostersFeature: Feature = {
  name: "rosters",
  commands: [rosterCommand, ...importExportCommands],
  wizards: [confirmImportWizard],
  onDocument: onRosterDocument,
  documentPermission: "importroster",
};
