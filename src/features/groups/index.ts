/** Group links: a unit's chat group, or the Standing Committee's, tied to the bot with /lienket. */
import type { Feature } from "../../chat/feature";
import { followMigration, linkCommand } from "./group-link";

export const groupsFeature: Feature = { name: "groups", commands: [linkCommand], onGroupMigrated: followMigration };
