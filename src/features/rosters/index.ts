/** Rosters: a unit's cadres (/donvi), and rosters imported from or exported to a sheet. */
import type { Feature } from "../../chat/feature";
import { importExportCommands, onRosterDocument } from "./import-export";
import { rosterCommand } from "./roster";

export const rostersFeature: Feature = {
  name: "rosters",
  commands: [rosterCommand, ...importExportCommands],
  onDocument: onRosterDocument,
  documentPermission: "importroster",
};
