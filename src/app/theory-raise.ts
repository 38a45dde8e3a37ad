/**
 * A cadre's own raise of their political theory level waiting for the unit (`Cadre.theoryRaise`):
 * what the unit's notice (features/profile) and the list of what waits (`/chungchicho`,
 * features/training-records) both show, so that both act through `/hoso duyet|tuchoi <mã>`.
 */
import type { Button } from "./messages";
import type { T } from "../i18n";

/** The Confirm and Reject buttons of a waiting raise. */
export function theoryRaiseButtons(t: T, cadreId: string): Button[][] {
  return [
    [
      { label: t("profile:theoryRaise.confirmButton"), data: `/hoso duyet ${cadreId}` },
      { label: t("profile:theoryRaise.rejectButton"), data: `/hoso tuchoi ${cadreId}` },
    ],
  ];
}
