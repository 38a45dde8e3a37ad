/** Unit status reports (báo cáo tình hình) filed by a unit's Secretary or Deputy each period. */
import { z } from "zod";
import { Id, IsoDateTime } from "./fields";

/** A reporting period: `2026-Q4` (quarterly) or `2026-11` (monthly). */
export const PeriodId = z.string().regex(/^\d{4}-(Q[1-4]|(0[1-9]|1[0-2]))$/);

/** What one filing said: the facts the data knew (shown, not asked) and what the unit added. */
export const ReportContent = z.object({
  submittedAt: IsoDateTime,
  submittedBy: Id,
  /** Filed after the period's deadline. */
  late: z.boolean(),
  facts: z.object({
    cadres: z.number().int().min(0),
    fostered: z.number().int().min(0),
    newSecretariesWithoutTitle: z.number().int().min(0),
    belowTheoryStandard: z.number().int().min(0),
  }),
  /** People the unit proposes for political theory study (needs review, R5). */
  proposedForTheory: z.array(Id).default([]),
  /** The party committee approved budget and attendance for the next class. */
  committeeApproved: z.boolean(),
  difficulties: z.string().max(2000).default(""),
  proposals: z.string().max(2000).default(""),
});

export const StatusReport = ReportContent.extend({
  /** `unitId:period`. */
  id: z.string().min(3).max(80),
  unitId: Id,
  /** The unit that filed it, when that unit was merged into `unitId` since. */
  fromUnitId: Id.optional(),
  period: PeriodId,
  /** Earlier filings of the same period, oldest first. */
  history: z.array(ReportContent).default([]),
});

export type PeriodId = z.infer<typeof PeriodId>;
export type ReportContent = z.infer<typeof ReportContent>;
export type StatusReport = z.infer<typeof StatusReport>;
