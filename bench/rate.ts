/** Throughput of a call under concurrency, shared by the benches. */

/** Calls `once` in a loop from `callers` concurrent callers for `seconds`; returns calls per second. */
export async function rate(callers: number, once: (n: number) => Promise<unknown>, seconds = 1.5): Promise<number> {
  let n = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (Date.now() < deadline) await once(n++);
    }),
  );
  return n / ((performance.now() - started) / 1000);
}
