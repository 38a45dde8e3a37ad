/**
 * The bloc's own settings (one record, id `bloc`): the group chats of its Standing Committee
 * (Ban Thường vụ), linked with `/lienket khoi`, where period summaries go.
 */
import { z } from "zod";
import { GroupLink } from "./fields";

export const BLOC_ID = "bloc";

export const BlocSettings = z.object({
  id: z.literal(BLOC_ID),
  /** The Standing Committee's groups (one per channel, usually). */
  groups: z.array(GroupLink).default([]),
});

export type BlocSettings = z.infer<typeof BlocSettings>;
