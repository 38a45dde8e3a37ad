/** Every feature of the bot, in the order /help lists them. */
import type { Command, Feature } from "../chat/feature";
import { classesFeature } from "./classes";
import { startFeature } from "./start";

export function allFeatures(listCommands: () => readonly (Command & { feature: string })[]): Feature[] {
  return [startFeature(listCommands), classesFeature];
}
