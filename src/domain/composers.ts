/**
 * Names of the messages the planner asks a feature to write at send time (`MessageSpec.compose`
 * in ./outbox.ts); the feature registers each in its `composers`. Kept apart from ./outbox.ts,
 * which records.ts imports, so that importing a name never starts that cycle.
 */
export const composerNames = {
  /** The reports feature's period summary; vars: `{ period }`. */
  periodSummary: "reports.periodSummary",
} as const;
