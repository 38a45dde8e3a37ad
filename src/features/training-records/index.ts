/**
 * `/chungchingoai` (/outsidecert): training done outside the bot (R7) — a city Youth Union course,
 * a political-theory diploma, an earlier year's certificate. An officer (own unit) or an admin
 * records it for a cadre; a cadre submits their own and an officer of the unit confirms it. Once
 * recorded it counts toward the targets and R4/R5 like the bot's own; a theory diploma raises the
 * recorded level (audited).
 */
import { audit } from "../../app/audit";
import { today } from "../../app/deps";
import { DomainError } from "../../app/errors";
import { canActOnUnit } from "../../app/permissions";
import type { Answer, Command, Ctx, Feature } from "../../chat/feature";
import { approversOf } from "../../domain/cadres";
import { parseDate } from "../../domain/course-input";
import { type Certificate, CertificateIssuer, CertificateNumber, type TrainingSubmission } from "../../domain/courses";
import { lengthLimits } from "../../domain/limits";
import { outsideProblem, parseOutsideKind, type OutsideKind } from "../../domain/outside-training";
import { meetsTheory } from "../../domain/plan";
import type { Cadre } from "../../domain/records";
import { dmy } from "../../domain/zoned-time";

interface Entry {
  kind: OutsideKind;
  number: string;
  issuedOn: string;
  issuer: string;
}

/** Reads `<loại> <số> <dd/mm/yyyy> <nơi cấp…>`; a sentence naming the field when one is wrong. */
function readEntry(ctx: Ctx, words: string[]): Entry {
  const [kindWord, number, dateText, ...issuerWords] = words;
  const issuer = issuerWords.join(" ").trim();
  if (!kindWord || !number || !dateText || !issuer) throw new DomainError("trainingRecords:usage");
  const kind = parseOutsideKind(ctx.deps.plan, kindWord);
  if (!kind)
    throw new DomainError("trainingRecords:errors.kind", {
      kind: kindWord.slice(0, 40),
      kinds: ctx.deps.plan.courseKinds.map((k) => k.id).join(", "),
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

/** Records a confirmed certificate; a theory diploma above the recorded level raises it (audited). */
async function record(ctx: Ctx, cadre: Cadre, entry: Entry): Promise<Certificate> {
  return ctx.deps.store.transaction(async (tx) => {
    const cert = await tx.certificates.put({
      id: ctx.deps.newId("k"),
      number: entry.number,
      personId: cadre.id,
      kind: entry.kind.kind,
      title: entry.kind.title,
      issuedOn: entry.issuedOn,
      origin: "outside",
      issuer: entry.issuer,
      ...(entry.kind.theoryLevel ? { theoryLevel: entry.kind.theoryLevel } : {}),
      recordedBy: ctx.actor.person.id,
    });
    await audit(ctx.deps, tx, {
      actorId: ctx.actor.person.id,
      action: "certificate.outside",
      subjectId: cadre.id,
      details: { kind: cert.kind },
    });
    const level = entry.kind.theoryLevel;
    const current = await tx.cadres.get(cadre.id);
    if (level && current && !meetsTheory(current.theoryLevel, level)) {
      await tx.cadres.put({ ...current, theoryLevel: level });
      await audit(ctx.deps, tx, {
        actorId: ctx.actor.person.id,
        action: "cadre.edit",
        subjectId: cadre.id,
        details: { field: "theoryLevel", by: "outside" },
      });
    }
    return cert;
  });
}

function recordedText(ctx: Ctx, cadre: Cadre, cert: Certificate): string {
  return ctx.t("trainingRecords:recorded", {
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
  if (!canActOnUnit(ctx.actor, sub.unitId)) throw new DomainError("trainingRecords:errors.otherUnit");
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
  const cert = await record(ctx, cadre, entry);
  await ctx.deps.store.trainingSubmissions.remove(sub.id);
  await ctx.deps.notify.toPerson(cadre.id, (t) => ({ text: t("trainingRecords:confirmedToCadre", { number: cert.number }) }));
  return { text: recordedText(ctx, cadre, cert) };
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
  await ctx.deps.store.trainingSubmissions.put(sub);
  for (const officer of approversOf(await ctx.deps.store.cadres.find({ unitId: cadre.unitId }), cadre.unitId)) {
    await ctx.deps.notify.toPerson(officer.id, (t) => ({
      text: t("trainingRecords:toOfficer", { name: cadre.fullName, number: sub.number, issuer: sub.issuer, date: dmy(sub.issuedOn) }),
      buttons: [[{ label: t("trainingRecords:confirmButton"), data: `/chungchingoai duyet ${sub.id}` }]],
    }));
  }
  return { text: ctx.t("trainingRecords:submitted", { number: sub.number }) };
}

export const outsideCertificateCommand: Command = {
  name: "chungchingoai",
  alias: "outsidecert",
  run: async (ctx): Promise<Answer> => {
    const words = ctx.args.split(/\s+/).filter(Boolean);
    if (words.length === 0) return { text: ctx.t("trainingRecords:usage") };
    if (/^(duyet|confirm)$/i.test(words[0]!)) return confirm(ctx, words[1]);
    const target = await ctx.deps.store.cadres.get(words[0]!);
    if (!target || (target.id === ctx.actor.person.id && ctx.actor.role === "cadre")) return submit(ctx, target ? words.slice(1) : words);
    if (!canActOnUnit(ctx.actor, target.unitId)) throw new DomainError("trainingRecords:errors.otherUnit");
    const entry = readEntry(ctx, words.slice(1));
    await check(ctx, target, entry);
    return { text: recordedText(ctx, target, await record(ctx, target, entry)) };
  },
};

export const trainingRecordsFeature: Feature = { name: "trainingRecords", commands: [outsideCertificateCommand] };
