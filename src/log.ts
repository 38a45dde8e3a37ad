/** Structured JSON logs (pino); pretty and quiet in the console mode. Only ids, never personal data. */
import { pino, type Logger } from "pino";

export function createLogger(level: string, pretty: boolean): Logger {
  if (!pretty) return pino({ level, base: { app: "doan-bot" } });
  return pino({
    level,
    transport: { target: "pino-pretty", options: { destination: 2, colorize: true, ignore: "pid,hostname" } },
  });
}
