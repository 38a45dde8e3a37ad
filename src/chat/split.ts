/**
 * Splitting long texts for channels with a length limit, written once for every channel: each
 * channel's limit is data (`TEXT_LIMITS`), the rule is `splitText`.
 */
import type { ChannelName } from "../domain/records";

/** The longest text one message may carry, in UTF-16 units, on each channel with a limit (the console has none). */
export const TEXT_LIMITS: Readonly<Record<Exclude<ChannelName, "console">, number>> = { telegram: 4096, zalo: 2000 };

function cutPoint(line: string, max: number): number {
  const space = line.lastIndexOf(" ", max);
  if (space > max / 2) return space;
  const code = line.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/** Splits one line longer than `max` at spaces where it can, else anywhere (never inside a surrogate pair). */
function splitLine(line: string, max: number): string[] {
  const parts: string[] = [];
  let rest = line;
  while (rest.length > max) {
    const at = cutPoint(rest, max);
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  return rest ? [...parts, rest] : parts;
}

/**
 * Splits text into pieces of at most `max` UTF-16 units, on line boundaries when possible; blank
 * pieces are dropped. An empty text gives no pieces.
 * @example splitText(longList, TEXT_LIMITS.zalo) // ["1. …\n2. …", "57. …"]
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = "";
  for (const line of text.split("\n").flatMap((l) => (l.length > max ? splitLine(l, max) : [l]))) {
    const joined = current ? `${current}\n${line}` : line;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    if (current.trim()) pieces.push(current.trimEnd());
    current = line;
  }
  if (current.trim()) pieces.push(current.trimEnd());
  return pieces;
}
