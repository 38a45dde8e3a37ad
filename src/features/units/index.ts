/** Units as the bloc's own data: created by chat or from a sheet, listed, renamed, merged, closed; their deep links. */
import type { Feature } from "../../chat/feature";
import { createUnitCommand, createUnitWizard } from "./create-wizard";
import { unitLinksCommand } from "./deep-links";
import { renameWizard, unitCommands } from "./unit-commands";
import { chooseSecretaryCommand, twoSecretariesComposer } from "./secretaries";
import { composerNames } from "../../domain/composers";

export const unitsFeature: Feature = {
  name: "units",
  commands: [createUnitCommand, ...unitCommands, chooseSecretaryCommand, unitLinksCommand],
  composers: { [composerNames.twoSecretaries]: twoSecretariesComposer },
  wizards: [createUnitWizard, renameWizard],
};
