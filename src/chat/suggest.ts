/** The command a mistyped one most likely meant: `/ghi danh` → `ghidanh`, `/schedul` → `schedule`. */

/** Edits (insert, delete, replace one letter) between two short words. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

/**
 * The known command name closest to what was typed, or undefined when none is close: the name
 * joined with the next word (a space typed inside it), a name it begins, or one within two edits.
 * @example suggestCommand("ghi", "danh", ["ghidanh", "lichhoc"]) // "ghidanh"
 */
export function suggestCommand(name: string, args: string, known: readonly string[]): string | undefined {
  const next = args.split(/\s+/)[0] ?? "";
  const joined = `${name}${next}`.toLowerCase();
  if (next && known.includes(joined)) return joined;
  if (name.length >= 3) {
    const begun = known.filter((k) => k.startsWith(name));
    if (begun.length === 1) return begun[0];
  }
  const limit = name.length >= 6 ? 2 : 1;
  const near = known
    .map((k) => ({ k, d: distance(name, k) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k));
  return near.length > 0 && (near.length === 1 || near[0]!.d < near[1]!.d) ? near[0]!.k : undefined;
}
