/**
 * `/chungchingoai` (/outsidecert): training done outside the bot (R7) — a city Youth Union course,
 * a political-theory diploma, an earlier year's certificate. An officer (own unit) or an admin
 * records it for a cadre; a cadre submits their own and an officer of the unit confirms it. Once
 * recorded it counts toward the targets and R4/R5 like the bot's own; a theory diploma raises the
 * recorded level (audited). `/chungchicho` lists the submissions waiting; a sheet of certificates
 * is imported by ./import.ts.
 */
import type { T } from "../../i18n";
import { noticeKey } from "../../domain/outbox";
import { audit } from "../../app/audit";
import { today } from "../../app/deps";
import { DomainError } from "../../app/errors";
import { authorize, demand, unitResource } from "../../app/authorize";
import type { Answer, Command, Ctx, Feature } from "../../chat/feature";
import { unitOfficers } from "../../app/secretary";
import { parseDate } from "../../domain/date-input";
import { type Certificate, CertificateIssuer, CertificateNumber, type TrainingSubmission } from "../../domain/courses";
import { lengthLimits } from "../../domain/limits";
import { outsideProblem, parseOutsideKind } from "../../domain/outside-training";
import { isCadre } from "../../domain/counting";
import type { Cadre } from "../../domain/records";
import { dmy, localDate } from "../../domain/zoned-time";
import type { Reply } from "../../app/messages";
import type { Collections } from "../../store/store";
import { certificateImportWizard, importCertificatesCommand, onCertificateSheet } from "./import";
import { askRest, chooseKind, outsideKindChoices, outsideKindLabel } from "./kinds";
import { pendingRaises } from "./pending-raises";
import { recordIn, type Entry } from "./record";

/** Reads `<loại> <số> <dd/mm/yyyy> <nơi cấp…>`; a sentence naming the field when one is wrong. */
function readEntry(ctx: Ctx, words: string[]): Entry {
  const [kindWord, number, dateText, ...issuerWords] = words;
  const issuer = issuerWords.join(" ").trim();
  if (!kindWord || !number || !dateText || !issuer) throw new DomainError("trainingRecords:usage");
  const kind = parseOutsideKind(ctx.deps.plan, kindWord);
  if (!kind)
    throw new DomainError("trainingRecords:errors.kind", {
      kind: kindWord.slice(0, 40),
      kinds: outsideKindChoices(ctx.deps.plan, ctx.t)
        .map(([label, word]) => `${word} (${label})`)
        .join(", "),
    });
  if (!CertificateNumber.safeParse(number).success)
    throw new DomainError("trainingRecords:errors.numberLength", lengthLimits(CertificateNumber));
  if (!CertificateIssuer.safeParse(issuer).success)
    throw new DomainError("trainingRecords:errors.issuerLength", lengthLimits(CertificateIssuer));
  const issuedOn = parseDate(dateText);
  if (!issuedOn) throw new DomainError("trainingRecords:errors.date", { date: dateText.slice(0, 20) });
  return { kind, number, issuedOn, issuer };
}

/** Refuses a future date, a date before birth year + 15, or a number already recorded for the issuer. */
async function check(ctx: Ctx, cadre: Cadre, entry: Entry): Promise<void> {
  const existing = (await ctx.deps.store.certificates.all()).filter((c) => c.origin === "outside");
  const problem = outsideProblem(entry, cadre, existing, today(ctx.deps));
  if (problem)
    throw new DomainError(`trainingRecords:errors.${problem.reason}`, {
      date: dmy(entry.issuedOn),
      earliest: problem.field === "issuedOn" && problem.earliest ? dmy(problem.earliest) : "",
      number: entry.number,
      issuer: entry.issuer,
    });
}

/**
 * Records a confirmed certificate; a theory diploma above the recorded level raises it (audited).
 * `then` runs in the same transaction (a submission dropped, the cadre told).
 */
async function record(
  ctx: Ctx,
  cadre: Cadre,
  entry: Entry,
  then?: (tx: Collections, cert: Certificate) => Promise<void>,
): Promise<Certificate> {
  return ctx.deps.store.transaction(async (tx) => {
    const cert = await recordIn(ctx.deps, tx, ctx.actor.person.id, cadre, entry);
    await then?.(tx, cert);
    return cert;
  });
}

/** The key of a sentence about a certificate: a member's is recorded; a cadre's counts toward the targets. */
function countsKey(ctx: Ctx, cadre: Pick<Cadre, "position">, key: string): string {
  return `trainingRecords:${key}${isCadre(ctx.deps.plan, cadre) ? "" : "Member"}`;
}

function recordedText(ctx: Ctx, cadre: Cadre, cert: Certificate): string {
  return ctx.t(countsKey(ctx, cadre, "recorded"), {
    name: cadre.fullName,
    number: cert.number,
    issuer: cert.issuer ?? "",
    date: dmy(cert.issuedOn),
  });
}

/** An officer or admin confirms a cadre's submission. */
async function confirm(ctx: Ctx, id: string | undefined): Promise<Answer> {
  const sub = id ? await ctx.deps.store.trainingSubmissions.get(id) : undefined;
  if (!sub) throw new DomainError("trainingRecords:errors.noSubmission", { id: (id ?? "").slice(0, 40) });
  demand(ctx.actor, "outsidecert", unitResource(sub.unitId));
  const cadre = await ctx.deps.store.cadres.get(sub.personId);
  if (!cadre) throw new DomainError("trainingRecords:errors.noSubmission", { id: sub.id });
  const entry: Entry = {
    kind: {
      kind: sub.kind,
      title: parseOutsideKind(ctx.deps.plan, sub.kind)?.title ?? false,
      ...(sub.theoryLevel ? { theoryLevel: sub.theoryLevel } : {}),
    },
    number: sub.number,
    issuedOn: sub.issuedOn,
    issuer: sub.issuer,
  };
  await check(ctx, cadre, entry);
  const confirmed = countsKey(ctx, cadre, "confirmedToCadre");
  // The certificate, the submission dropped and the cadre's notice commit together (a second confirmation finds no submission).
  const cert = await record(ctx, cadre, entry, async (tx, cert) => {
    if (!(await tx.trainingSubmissions.get(sub.id))) throw new DomainError("trainingRecords:errors.noSubmission", { id: sub.id });
    await tx.trainingSubmissions.remove(sub.id);
    const told = (t: T) => ({ text: t(confirmed, { number: cert.number }) });
    await ctx.deps.notify.toPerson(cadre.id, noticeKey("outside-confirmed", sub.id), told, tx);
  });
  return { text: recordedText(ctx, cadre, cert) };
}

/** An officer or admin rejects a cadre's submission: it is dropped (audited) and the cadre is told. */
async function reject(ctx: Ctx, id: string | undefined): Promise<Answer> {
  const sub = id ? await ctx.deps.store.trainingSubmissions.get(id) : undefined;
  if (!sub) throw new DomainError("trainingRecords:errors.noSubmission", { id: (id ?? "").slice(0, 40) });
  demand(ctx.actor, "outsidecert", unitResource(sub.unitId));
  const cadre = await ctx.deps.store.cadres.get(sub.personId);
  await ctx.deps.store.transaction(async (tx) => {
    if (!(await tx.trainingSubmissions.get(sub.id))) throw new DomainError("trainingRecords:errors.noSubmission", { id: sub.id });
    await tx.trainingSubmissions.remove(sub.id);
    await audit(ctx.deps, tx, {
      actorId: ctx.actor.person.id,
      action: "certificate.reject",
      subjectId: sub.personId,
      details: { kind: sub.kind },
    });
    const told = (t: T) => ({ text: t("trainingRecords:rejectedToCadre", { number: sub.number }) });
    await ctx.deps.notify.toPerson(sub.personId, noticeKey("outside-rejected", sub.id), told, tx);
  });
  return { text: ctx.t("trainingRecords:rejected", { number: sub.number, name: cadre?.fullName ?? sub.personId }) };
}

/** The confirm and reject buttons of a submission. */
function decisionButtons(t: Ctx["t"], id: string) {
  return [
    [
      { label: t("trainingRecords:confirmButton"), data: `/chungchingoai duyet ${id}` },
      { label: t("trainingRecords:rejectButton"), data: `/chungchingoai tuchoi ${id}` },
    ],
  ];
}

/** Most submissions `/chungchicho` shows at once (one message each, with its buttons). */
export const MAX_PENDING_SHOWN = 20;

/**
 * `/chungchicho` (/pendingcerts): what waits for the unit's confirmation — the officer's unit, every
 * unit for an admin — oldest first, each with its confirm and reject buttons (numbered options on
 * Zalo and the console): the certificates from elsewhere submitted, then the cadres' own raises of
 * their theory level (./pending-raises).
 */
export async function listPendingSubmissions(ctx: Ctx): Promise<Reply[]> {
  const { deps, t, actor } = ctx;
  const pending = (await deps.store.trainingSubmissions.all())
    .filter((s) => authorize(actor, "pendingcerts", unitResource(s.unitId)).allowed)
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id));
  const units = new Map((await deps.store.units.all()).map((u) => [u.id, u.name]));
  const raises = await pendingRaises(ctx, units, MAX_PENDING_SHOWN);
  if (pending.length === 0) return raises.length ? raises : [{ text: t("trainingRecords:pending.none") }];
  const shown = pending.slice(0, MAX_PENDING_SHOWN);
  const items = await Promise.all(
    shown.map(async (s, i): Promise<Reply> => {
      const cadre = await deps.store.cadres.get(s.personId);
      return {
        text: t("trainingRecords:pending.item", {
          n: i + 1,
          name: cadre?.fullName ?? s.personId,
          unit: units.get(s.unitId) ?? s.unitId,
          kind: outsideKindLabel(deps.plan, t, s.kind, ctx.actor.locale),
          number: s.number,
          issuer: s.issuer,
          date: dmy(s.issuedOn),
          submitted: dmy(localDate(new Date(s.submittedAt), deps.config.timeZone)),
        }),
        buttons: decisionButtons(t, s.id),
      };
    }),
  );
  return [{ text: t("trainingRecords:pending.title", { count: pending.length, shown: shown.length }) }, ...items, ...raises];
}

/** The unit's officers are asked to confirm a submission, in the transaction that stores it. */
async function askOfficers(ctx: Ctx, tx: Collections, cadre: Cadre, sub: TrainingSubmission): Promise<void> {
  const render = (t: T): Reply => ({
    text: t("trainingRecords:toOfficer", {
      name: cadre.fullName,
      kind: outsideKindLabel(ctx.deps.plan, t, sub.kind),
      number: sub.number,
      issuer: sub.issuer,
      date: dmy(sub.issuedOn),
    }),
    buttons: decisionButtons(t, sub.id),
  });
  for (const officer of await unitOfficers(tx, cadre.unitId))
    await ctx.deps.notify.toPerson(officer.id, noticeKey("outside-submitted", sub.personId, sub.id), render, tx);
}

/** A cadre submits their own training done elsewhere; the unit's officers are asked to confirm it. */
async function submit(ctx: Ctx, words: string[]): Promise<Answer> {
  const cadre = ctx.actor.cadre;
  if (cadre?.status !== "approved") throw new DomainError("trainingRecords:errors.notCadre");
  const entry = readEntry(ctx, words);
  await check(ctx, cadre, entry);
  const sub: TrainingSubmission = {
    id: ctx.deps.newId("n"),
    personId: cadre.id,
    unitId: cadre.unitId,
    kind: entry.kind.kind,
    number: entry.number,
    issuer: entry.issuer,
    issuedOn: entry.issuedOn,
    ...(entry.kind.theoryLevel ? { theoryLevel: entry.kind.theoryLevel } : {}),
    submittedAt: ctx.deps.now().toISOString(),
  };
  await ctx.deps.store.transaction(async (tx) => {
    await tx.trainingSubmissions.put(sub);
    await askOfficers(ctx, tx, cadre, sub);
  });
  return { text: ctx.t(countsKey(ctx, cadre, "submitted"), { number: sub.number }) };
}

export const outsideCertificateCommand: Command = {
  name: "chungchingoai",
  alias: "outsidecert",
  run: async (ctx): Promise<Answer> => {
    const words = ctx.args.split(/\s+/).filter(Boolean);
    if (words.length === 0) return chooseKind(ctx.deps.plan, ctx.t);
    if (/^(duyet|confirm)$/i.test(words[0]!)) return confirm(ctx, words[1]);
    if (/^(tuchoi|reject)$/i.test(words[0]!)) return reject(ctx, words[1]);
    const target = await ctx.deps.store.cadres.get(words[0]!);
    const rest = target ? words.slice(1) : words;
    if (rest.length === 0) return chooseKind(ctx.deps.plan, ctx.t, target?.id);
    const kind = rest.length === 1 ? parseOutsideKind(ctx.deps.plan, rest[0]!) : undefined;
    if (kind) return askRest(ctx.deps.plan, ctx.t, rest[0]!, kind.kind, target?.id);
    // One who may confirm the unit's certificates records directly; anyone else submits their own for confirmation.
    const confirms = target && authorize(ctx.actor, "pendingcerts", unitResource(target.unitId)).allowed;
    if (!target || (target.id === ctx.actor.person.id && !confirms)) return submit(ctx, target ? words.slice(1) : words);
    demand(ctx.actor, "outsidecert", unitResource(target.unitId));
    const entry = readEntry(ctx, words.slice(1));
    await check(ctx, target, entry);
    return { text: recordedText(ctx, target, await record(ctx, target, entry)) };
  },
};

export const pendingSubmissionsCommand: Command = { name: "chungchicho", alias: "pendingcerts", run: listPendingSubmissions };

export const trainingRecordsFeature: Feature = {
  name: "trainingRecords",
  commands: [outsideCertificateCommand, pendingSubmissionsCommand, importCertificatesCommand],
  wizards: [certificateImportWizard],
  onDocument: onCertificateSheet,
  documentPermission: "importcerts",
};
