/**
 * Calendar files (RFC 5545) for a class or for a person's own sessions: one VEVENT per session,
 * times in UTC, text escaped, lines folded at 75 octets and ended by CRLF.
 */
import type { Course } from "../../domain/courses";
import { sessionSpan } from "../../domain/attendance";

/** Escapes TEXT values: backslash, semicolon, comma and line breaks. */
export function escapeText(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Folds a content line into pieces of at most 75 octets, continuation lines starting with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = out.length === 0 ? 75 : 74;
    if (bytes + size > limit) {
      out.push(current);
      current = "";
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

function stamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** One event per session of the given classes. `name` titles the calendar. */
export function buildIcs(courses: readonly Course[], options: { name: string; now: Date; timeZone: string; host?: string }): string {
  const host = options.host ?? "doan-bot";
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//doan-bot//classes//VI",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(options.name)}`,
  ];
  for (const course of courses) {
    for (const [i, session] of course.sessions.entries()) {
      const { start, end } = sessionSpan(session, options.timeZone);
      lines.push(
        "BEGIN:VEVENT",
        `UID:${course.id}-${session.id}@${host}`,
        `DTSTAMP:${stamp(options.now)}`,
        `DTSTART:${stamp(start)}`,
        `DTEND:${stamp(end)}`,
        `SUMMARY:${escapeText(course.sessions.length > 1 ? `${course.title} (${i + 1}/${course.sessions.length})` : course.title)}`,
        `LOCATION:${escapeText(session.place)}`,
        ...(/^https?:\/\/\S+$/.test(session.place) ? [`URL:${session.place}`] : []),
        ...(course.lecturers.length ? [`DESCRIPTION:${escapeText(course.lecturers.join(", "))}`] : []),
        "END:VEVENT",
      );
    }
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
