/** Profile and personal data: a person sees and corrects their record, exports it, withdraws consent, deletes it. */
import type { Feature } from "../../chat/feature";
import { personalDataCommands } from "./personal-data";
import { profileCommand, profileEditWizard } from "./profile";

export const profileFeature: Feature = {
  name: "profile",
  commands: [profileCommand, ...personalDataCommands],
  wizards: [profileEditWizard],
};
