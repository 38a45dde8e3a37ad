/**
 * Names of the messages the planner asks a feature to write at send time (`MessageSpec.compose`
 * in ./outbox.ts); the feature registers each in its `composers`. Kept apart from ./outbox.ts,
 * which records.ts imports, so that importing a name never starts that cycle.
 */
export const composerNames = {
  /** The reports feature's period summary; vars: `{ period }`. */
  periodSummary: "reports.periodSummary",
  /** The units feature's choice of a unit's one Secretary (data from before the rule); vars: `{ unitId }`. */
  twoSecretaries: "units.twoSecretaries",
} as const;
