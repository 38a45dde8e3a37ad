/** Wall-clock dates and times in a time zone (Asia/Ho_Chi_Minh) turned into instants, and back. */

const partsFormat = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormat.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormat.set(timeZone, f);
  }
  return f;
}

/** The wall-clock parts of an instant in a time zone: `{ date: "2026-12-05", time: "08:00" }`. */
export function wallClock(at: Date, timeZone: string): { date: string; time: string } {
  const p = Object.fromEntries(formatter(timeZone).formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

function offsetAt(ms: number, timeZone: string): number {
  const { date, time } = wallClock(new Date(ms), timeZone);
  const seconds = new Date(ms).getUTCSeconds();
  return Date.parse(`${date}T${time}:${String(seconds).padStart(2, "0")}Z`) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant of a wall-clock date and time in a time zone.
 * @example zonedInstant("2026-12-05", "08:00", "Asia/Ho_Chi_Minh").toISOString() // "2026-12-05T01:00:00.000Z"
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const guess = Date.parse(`${date}T${time}:00Z`);
  const first = guess - offsetAt(guess, timeZone);
  return new Date(guess - offsetAt(first, timeZone));
}
