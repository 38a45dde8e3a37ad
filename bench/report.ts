/** How every bench prints: `name: value (ratio N.NN×)`, the ratio against that bench's baseline. */

/** Prints one result line. */
export function report(name: string, value: number, unit: string, ratio: number): void {
  const shown = value >= 100 ? Math.round(value).toString() : value.toFixed(1);
  console.log(`${name}: ${shown} ${unit} (ratio ${ratio.toFixed(2)}×)`);
}

/** A bench module: `bench/<name>.ts` exporting `run`. */
export interface Bench {
  run(): Promise<void>;
}
