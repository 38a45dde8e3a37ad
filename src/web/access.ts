/**
 * What each role may see in the web view — exactly what the chat lets it see, by the one rule
 * `authorize` (app/authorize.ts): the bloc's tables for admins, a unit's for its officers (and admins),
 * one's own record for every member. Actions and downloads run the chat's own commands, so the chat
 * core asks `authorize` for them as for any message.
 */
import type { Actor } from "../app/actor";
import { authorize, BLOC, personResource, unitResource } from "../app/authorize";

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
      return authorize(actor, "readUnit", BLOC).allowed;
    case "unit":
      return authorize(actor, "readUnit", unitResource(resource.unitId)).allowed;
    case "self":
      return authorize(actor, "readPerson", personResource(actor.person.id, actor.cadre?.unitId ?? "")).allowed;
  }
}

/** @throws WebForbidden when the actor may not read the resource. */
export function requireView(actor: Actor, resource: WebResource): void {
  if (!mayView(actor, resource)) throw new WebForbidden();
}
