/** How every bench prints: `name: value (ratio N.NN×)`, the ratio against that bench's baseline. */

/** Prints one result line. */
export function report(name: string, value: number, unit: string, ratio: number): void {
  const shown = value >= 100 ? Math.round(value).toString() : value.toFixed(1);
  console.log(`${name}: ${shown} ${unit} (ratio ${ratio.toFixed(2)}×)`);
}

/** Prints one result line against a target: `name: value unit (target ≤ 5 ms: met)`. */
export function reportTarget(name: string, value: number, unit: string, target: { atMost?: number; atLeast?: number }): void {
  const shown = value >= 100 ? Math.round(value).toString() : value.toFixed(value < 10 ? 2 : 1);
  const met = target.atMost !== undefined ? value <= target.atMost : value >= target.atLeast!;
  const bound = target.atMost !== undefined ? `≤ ${target.atMost}` : `≥ ${target.atLeast}`;
  console.log(`${name}: ${shown} ${unit} (target ${bound} ${unit}: ${met ? "met" : "NOT MET"})`);
}

/** A bench module: `bench/<name>.ts` exporting `run`. */
export interface Bench {
  run(): Promise<void>;
}
