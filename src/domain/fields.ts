/** The small field types records share. */
import { z } from "zod";

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\w:.-]+$/);
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "yyyy-mm-dd");
export const IsoDateTime = z.string().datetime({ offset: true });
export const Locale = z.enum(["vi", "en"]);
export const ChannelName = z.enum(["console", "telegram", "zalo"]);
/** The name of a unit, or of the bloc: 2–200 characters. */
export const UnitName = z.string().min(2).max(200);

/** A group chat linked with /lienket: to a unit, or to the bloc (its Standing Committee's group). */
export const GroupLink = z.object({ channel: ChannelName, chatId: z.string().min(1).max(64), linkedBy: Id, at: IsoDateTime });
export type GroupLink = z.infer<typeof GroupLink>;
