/** Registration: a person registers as a cadre of a unit (or through its deep link); officers and admins approve. */
import type { Feature } from "../../chat/feature";
import { approvalCommands, rejectWizard } from "./approval";
import { registerCommand, registerWizard, startRegistration } from "./register-wizard";

export const registrationFeature: Feature = {
  name: "registration",
  commands: [registerCommand, ...approvalCommands],
  wizards: [registerWizard, rejectWizard],
  deepLinks: { u: (ctx, unitId) => startRegistration(ctx, unitId) },
};
