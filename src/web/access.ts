/**
 * What each role may see and do in the web view — exactly what the chat lets it see: the bloc's
 * tables for admins (as `/tiendo tatca`, `/tinhhinh`, `/xuat`), a unit's for its officers and admins
 * (as `/donvi`, `/choduyet`), one's own record for every member (as `/hoso`, `/lichhoc`).
 * Actions and downloads run the chat's own commands, so the chat core's permission check decides them.
 */
import type { Actor } from "../app/actor";
import { canActOnUnit, may } from "../app/permissions";

/** What a page shows. */
export type WebResource = { kind: "bloc" } | { kind: "unit"; unitId: string } | { kind: "self" };

/** A refusal: 403 (signed in, not allowed). */
export class WebForbidden extends Error {
  constructor() {
    super("forbidden");
    this.name = "WebForbidden";
  }
}

/** True when the actor may read the resource in the web view. */
export function mayView(actor: Actor, resource: WebResource): boolean {
  switch (resource.kind) {
    case "bloc":
      return may(actor, "export");
    case "unit":
      return may(actor, "unit") && canActOnUnit(actor, resource.unitId);
    case "self":
      return actor.role !== "guest" || actor.cadre !== undefined;
  }
}

/** @throws WebForbidden when the actor may not read the resource. */
export function requireView(actor: Actor, resource: WebResource): void {
  if (!mayView(actor, resource)) throw new WebForbidden();
}
