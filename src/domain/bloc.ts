/**
 * The bloc's own settings (one record, id `bloc`): the group chats of its Standing Committee
 * (Ban Thường vụ), linked with `/lienket khoi`, where period summaries go.
 */
import { z } from "zod";
import { GroupLink, UnitName } from "./fields";

export const BLOC_ID = "bloc";

export const BlocSettings = z.object({
  id: z.literal(BLOC_ID),
  /** The Standing Committee's groups (one per channel, usually). */
  groups: z.array(GroupLink).default([]),
  /** The bloc's name, given at set-up (`Đoàn Khối các cơ quan thành phố Cần Thơ`). */
  name: UnitName.optional(),
  /** When the first admin finished the first-start set-up. */
  setUpAt: z.string().datetime({ offset: true }).optional(),
  /**
   * When a plan was last saved: every instance compares it (at most once a second) with what it
   * read, and reads the plans again when it moved (`planSource`).
   */
  plansChangedAt: z.string().datetime({ offset: true }).optional(),
});

export type BlocSettings = z.infer<typeof BlocSettings>;
