/** Units as the bloc's own data: created by chat or from a sheet, listed, renamed, merged, closed; their deep links. */
import type { Feature } from "../../chat/feature";
import { createUnitCommand, createUnitWizard } from "./create-wizard";
import { unitLinksCommand } from "./deep-links";
import { renameWizard, unitCommands } from "./unit-commands";

export const unitsFeature: Feature = {
  name: "units",
  commands: [createUnitCommand, ...unitCommands, unitLinksCommand],
  wizards: [createUnitWizard, renameWizard],
};
