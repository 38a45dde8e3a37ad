/**
 * A registration waiting for approval, as its approvers see it: who, which post and unit, with
 * approve/reject buttons, and for a claim the imported record beside what was typed. Sent to the
 * unit's reachable officers, else the admins. Shared by registration and the profile (a change of post).
 */
import type { Deps } from "./deps";
import type { Reply } from "./messages";
import { adminRecipients } from "./admins";
import { cadreRows, label } from "./cadre-labels";
import { isOfficerPosition } from "../domain/cadres";
import { unitOfficers } from "./secretary";
import type { Certificate } from "../domain/courses";
import { noticeKey, type OutboxRecipient } from "../domain/outbox";
import type { Cadre, FormerPost, Unit } from "../domain/records";
import type { T } from "../i18n";
import { addDays, dmy } from "../domain/zoned-time";
import type { Collections, Store } from "../store/store";
import { withLaterFields } from "../domain/claims";

/** Most certificates listed by name in a claim; the rest are counted. */
const CERTIFICATES_SHOWN = 5;

/** The claimed record as the approver sees it: the record, its unit, certificates and classes. */
export interface ClaimView {
  imported: Cadre;
  unit: Unit | undefined;
  certificates: Certificate[];
  enrolments: number;
}

/** What a pending registration claims, or undefined when it claims nothing (or the record is gone). */
export async function claimViewOf(
  store: Pick<Store, "cadres" | "units" | "certificates" | "enrollments">,
  cadre: Cadre,
): Promise<ClaimView | undefined> {
  const imported = cadre.status === "pending" && cadre.claims ? await store.cadres.get(cadre.claims) : undefined;
  if (!imported) return undefined;
  return {
    imported,
    unit: await store.units.get(imported.unitId),
    certificates: await store.certificates.find({ personId: imported.id }),
    enrolments: (await store.enrollments.find({ personId: imported.id })).length,
  };
}

/** The claim, side by side: each field as imported and as typed, then the certificates and classes it holds. */
export function claimLines(t: T, typed: Cadre, typedUnit: Unit | undefined, view: ClaimView, timeZone: string): string[] {
  const theirs = cadreRows(t, view.imported, view.unit, true);
  const typedRows = cadreRows(t, withLaterFields(typed, view.imported), typedUnit, true);
  const rows = theirs.map(([field, imported], i) => t("registration:claim.row", { field, imported, typed: typedRows[i]![1] }));
  const certs = view.certificates.slice(0, CERTIFICATES_SHOWN).map((c) =>
    t("registration:claim.certificate", {
      number: c.number,
      date: dmy(c.issuedOn),
      title: c.title ? t("registration:claim.titleCertificate") : "",
    }),
  );
  const more =
    view.certificates.length > CERTIFICATES_SHOWN
      ? [t("registration:claim.moreCertificates", { count: view.certificates.length - CERTIFICATES_SHOWN })]
      : [];
  return [
    t("registration:claim.heading", { id: view.imported.id }),
    t("registration:claim.columns"),
    ...rows,
    t(view.certificates.length ? "registration:claim.certificates" : "registration:claim.noCertificates", {
      count: view.certificates.length,
    }),
    ...certs,
    ...more,
    t("registration:claim.enrolments", { count: view.enrolments }),
    t("registration:claim.whatApprovalDoes"),
  ];
}

/**
 * The request as an approver sees it: who, which position and unit, with approve/reject buttons;
 * for a claim, the imported record it claims beside what was typed.
 */
function requestReply(t: T, cadre: Cadre, unit: Unit | undefined, claim: ClaimView | undefined, timeZone: string, post: PostCheck): Reply {
  const position = label(t, "position", cadre.position);
  const unitName = unit?.name ?? cadre.unitId;
  const head = post.left
    ? t("registration:approval.changeRequest", {
        name: cadre.fullName,
        from: label(t, "position", post.left.position),
        fromUnit: post.leftUnit ?? post.left.unitId,
        position,
        unit: unitName,
      })
    : t("registration:approval.request", { name: cadre.fullName, position, unit: unitName });
  const lines = [head, ...postLines(t, cadre, post)];
  return {
    text: claim ? [...lines, "", ...claimLines(t, cadre, unit, claim, timeZone)].join("\n") : lines.join("\n"),
    buttons: [
      [
        {
          label: post.holder
            ? t("registration:approval.replaceButton", { name: post.holder.fullName })
            : t("registration:approval.approveButton"),
          data: `/duyet ${cadre.id}`,
        },
        { label: t("registration:approval.rejectButton"), data: `/tuchoi ${cadre.id}` },
      ],
    ],
  };
}

/** What a request says about the post asked for: the post left (a change of post), R4, and the Secretary it would replace. */
interface PostCheck {
  /** The post held before, when this is a change of post (`/hoso`). */
  left?: FormerPost;
  leftUnit?: string;
  /** For a Secretary or Deputy: whether the person holds the title certificate (R4). */
  titled?: boolean;
  /** The unit's approved Secretary this request would replace (one Secretary per unit). */
  holder?: Cadre;
}

/** The lines under the request's head: R4 met or not, and whom a new Secretary replaces. */
function postLines(t: T, cadre: Cadre, post: PostCheck): string[] {
  const lines: string[] = [];
  if (post.titled === true) lines.push(t("registration:approval.r4Met"));
  if (post.titled === false) lines.push(t("registration:approval.r4NotMet", { position: label(t, "position", cadre.position) }));
  if (post.holder) lines.push(t("registration:approval.replaces", { name: cadre.fullName, current: post.holder.fullName }));
  return lines;
}

async function postCheckOf(store: Collections, cadre: Cadre): Promise<PostCheck> {
  const since = cadre.postSince;
  const last = cadre.formerPosts?.at(-1);
  const left = since && last && last.until === addDays(since, -1) ? last : undefined;
  const leftUnit = left && (await store.units.get(left.unitId))?.name;
  const officer = isOfficerPosition(cadre.position);
  const titled = officer ? (await store.certificates.find({ personId: cadre.id })).some((c) => c.title) : undefined;
  const holder =
    cadre.position === "secretary"
      ? (await store.cadres.find({ unitId: cadre.unitId })).find(
          (c) => c.id !== cadre.id && c.status === "approved" && c.position === "secretary",
        )
      : undefined;
  return { left, leftUnit, titled, holder };
}

/**
 * Everything a request shows, read once (from `c`: the store, or the transaction that makes the
 * request) so that it renders in each approver's language.
 */
export async function requestOf(deps: Deps, cadre: Cadre, c: Collections = deps.store): Promise<(t: T) => Reply> {
  const unit = await c.units.get(cadre.unitId);
  const claim = await claimViewOf(c, cadre);
  const post = cadre.status === "pending" ? await postCheckOf(c, cadre) : {};
  return (t) => requestReply(t, cadre, unit, claim, deps.config.timeZone, post);
}

/** Who a registration went to: the unit's reachable officers (by name), or the bloc's admins. */
export type Routed = { to: "officers"; names: string[] } | { to: "admins" };

/** True when the person has a chat account the delivery has not marked unreachable. */
async function reachable(c: Collections, personId: string): Promise<boolean> {
  return (await c.accounts.find({ personId })).some((a) => !a.unreachable);
}

/**
 * Sends a pending registration to someone who can act on it: the unit's approved Secretary and
 * Deputies who have a chat account the bot can still reach (an officer imported from a roster
 * without one, or who blocked the bot, cannot), else the admins. Resolves who it went to, so the
 * newcomer is told the truth. Queued in `tx`, the transaction that makes the request.
 */
export async function notifyApprovers(deps: Deps, tx: Collections, cadre: Cadre): Promise<Routed> {
  const render = await requestOf(deps, cadre, tx);
  const officers = (await unitOfficers(tx, cadre.unitId)).filter((c) => c.id !== cadre.id);
  const reached: string[] = [];
  // A registration, or a change of post awaiting approval again: each request its own notice.
  const key = noticeKey("approval-request", cadre.id, deps.now().toISOString());
  for (const o of officers) {
    if (!(await reachable(tx, o.id))) continue;
    await deps.notify.toPerson(o.id, key, render, tx);
    reached.push(o.fullName);
  }
  if (reached.length) return { to: "officers", names: reached };
  await notifyAdmins(deps, tx, key, render);
  return { to: "admins" };
}

/** Sends a message to every admin (a granted role, or an account named in ADMIN_IDS), under `key`, queued in `tx`. */
export async function notifyAdmins(deps: Deps, tx: Collections, key: string, render: (t: T) => Reply): Promise<void> {
  // Who the admins are is read outside the transaction: listing every person inside it would, on
  // PostgreSQL, lock the people collection and hold up every first contact until it commits.
  const to: OutboxRecipient[] = await adminRecipients(deps.store, deps.config.adminIds);
  for (const r of to) {
    if (r.type === "person") await deps.notify.toPerson(r.personId, key, render, tx);
    else await deps.notify.toChat(r, key, render, tx);
  }
}
