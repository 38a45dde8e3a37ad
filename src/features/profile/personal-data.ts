/**
 * The person's rights over their data (Law 91/2025/QH15): /dulieu sends everything stored about
 * them as a file; /xoadulieu deletes it after a confirmation; /rutdongy withdraws consent to a purpose.
 * What stays after deletion holds ids only (audit entries, class records for anonymous counts).
 */
import type { Deps } from "../../app/deps";
import type { Command, Ctx } from "../../chat/feature";
import type { Reply } from "../../app/messages";
import { basePurpose } from "../../domain/cadres";
import { linkAttemptsExpired } from "../../domain/links";
import { isAddressedTo } from "../../domain/outbox";
import { removeEntriesTo } from "../../app/outbox";
import { audit } from "../../app/audit";
import type { ErasureStep } from "../../app/erasure";
import { scrubMentions } from "./scrub";
import type { Enrollment } from "../../domain/courses";
import type { Account, Cadre } from "../../domain/records";
import { localDmy } from "../../domain/zoned-time";
import { describeCadre } from "../../app/cadre-labels";
import { linkAttemptsKey } from "../../domain/links";

const CONFIRM = ["xacnhan", "confirm"];
const KEEP = ["giulai", "keep"];

/** Everything the store holds about a person, as one JSON document. */
export async function personalData(deps: Deps, personId: string): Promise<Record<string, unknown>> {
  const { store } = deps;
  const accounts = await store.accounts.find({ personId });
  const wizards = (await store.wizards.all()).filter((w) =>
    accounts.some((a) => w.id.startsWith(`${a.channel}:`) && w.id.endsWith(`:${a.externalId}`)),
  );
  return {
    exportedAt: deps.now().toISOString(),
    person: (await store.people.get(personId)) ?? null,
    cadre: (await store.cadres.get(personId)) ?? null,
    accounts,
    conversationsInProgress: wizards,
    linkCodes: await store.linkCodes.find({ personId }),
    linkAttempts: (await Promise.all(accounts.map((a) => store.linkAttempts.get(linkAttemptsKey(a.id))))).filter((a) => a !== undefined),
    enrollments: await store.enrollments.find({ personId }),
    certificates: await store.certificates.find({ personId }),
    messagesToYou: (await store.outbox.all()).filter((e) => isAddressedTo(e, personId, accounts)),
    auditAboutYou: (await store.audit.all()).filter((a) => a.subjectId === personId || a.actorId === personId),
  };
}

type PersonalData = Awaited<ReturnType<typeof personalData>>;

/** The export in a few plain sentences, in the person's language, beside the file. */
async function readableSummary(ctx: Ctx, data: PersonalData): Promise<string[]> {
  const { t, deps } = ctx;
  const cadre = data.cadre as Cadre | null;
  const unit = cadre ? await deps.store.units.get(cadre.unitId) : undefined;
  const enrolments = (data.enrollments as Enrollment[]).filter((e) => e.status !== "withdrawn");
  const titles = (await Promise.all(enrolments.map(async (e) => (await deps.store.courses.get(e.courseId))?.title))).filter(Boolean);
  const channels = (data.accounts as Account[]).map((a) => t(`accounts:channels.${a.channel}`));
  return [
    t("profile:mydata.title"),
    ...(cadre
      ? [
          t("profile:mydata.record"),
          ...describeCadre(t, cadre, unit).map((l) => `  ${l}`),
          t("profile:mydata.consent", {
            date: localDmy(cadre.consent.at, deps.config.timeZone),
            purposes: cadre.consent.purposes.map((p) => t(`cadres:purposes.${p}`)).join("; "),
          }),
        ]
      : [t("profile:mydata.noRecord")]),
    t("profile:mydata.accounts", { list: channels.join(", ") || "—" }),
    t("profile:mydata.classes", { count: enrolments.length, list: titles.length ? `: ${titles.join("; ")}` : "" }),
    t("profile:mydata.certificates", { count: (data.certificates as unknown[]).length }),
    t("profile:mydata.messages", { count: (data.messagesToYou as unknown[]).length }),
    t("profile:mydata.audit", { count: (data.auditAboutYou as unknown[]).length }),
    t("profile:mydata.inProgress", { count: (data.conversationsInProgress as unknown[]).length }),
    "",
    t("profile:mydata.sent"),
  ];
}

async function sendMyData(ctx: Ctx): Promise<Reply[]> {
  const data = await personalData(ctx.deps, ctx.actor.person.id);
  const content = Buffer.from(JSON.stringify(data, null, 2), "utf8");
  ctx.deps.log.info({ person: ctx.actor.person.id }, "personal data exported");
  const text = (await readableSummary(ctx, data)).join("\n");
  return [{ text, file: { name: `du-lieu-ca-nhan-${ctx.actor.person.id}.json`, content, mime: "application/json" } }];
}

/**
 * Deletes a person's personal data: the cadre record, their accounts (with link codes; a /ketnoi
 * guess counter stays until its window ends),
 * conversations in progress, the messages queued or sent to them (outbox; a broadcast counts one
 * recipient fewer) and the person record; each feature's erasure step runs in the same
 * transaction (classes: the seats of classes not yet held are freed), and their name and phone
 * leave the texts kept for others (scrub.ts). Class records, audit entries and the broadcasts they
 * sent as an admin keep only the bare id.
 */
export async function forgetPerson(deps: Deps, personId: string, steps: readonly ErasureStep[] = []): Promise<void> {
  await deps.store.transaction(async (tx) => {
    for (const step of steps) await step(deps, tx, personId);
    const cadre = await tx.cadres.get(personId);
    const accounts = await tx.accounts.find({ personId });
    const mine = (id: string) => accounts.some((a) => id.startsWith(`${a.channel}:`) && id.endsWith(`:${a.externalId}`));
    for (const w of (await tx.wizards.all()).filter((w) => mine(w.id))) await tx.wizards.remove(w.id);
    for (const m of (await tx.menus.all()).filter((m) => mine(m.id))) await tx.menus.remove(m.id);
    for (const code of await tx.linkCodes.find({ personId })) await tx.linkCodes.remove(code.id);
    await removeEntriesTo(tx, personId, accounts);
    for (const a of accounts) {
      // A /ketnoi guess counter still in its window stays (an account id and a count): deleting one's
      // data must not reset the limit on guessing codes.
      const attempts = await tx.linkAttempts.get(linkAttemptsKey(a.id));
      if (attempts && linkAttemptsExpired(attempts, deps.now())) await tx.linkAttempts.remove(attempts.id);
      await tx.accounts.remove(a.id);
    }
    await tx.cadres.remove(personId);
    await tx.people.remove(personId);
    if (cadre) await scrubMentions(tx, [cadre.fullName, cadre.phone ?? ""]);
    await audit(deps, tx, { actorId: personId, action: "cadre.forget", subjectId: personId });
  });
  deps.log.info({ person: personId }, "personal data deleted");
}

async function forgetMe(ctx: Ctx): Promise<Reply[]> {
  const { t } = ctx;
  if (KEEP.includes(ctx.args.toLowerCase())) return [{ text: t("common:kept") }];
  if (!CONFIRM.includes(ctx.args.toLowerCase())) {
    return [
      {
        text: t(ctx.actor.cadre ? "profile:forget.confirm" : "profile:forget.confirmGuest"),
        buttons: [
          [
            { label: t("profile:forget.confirmButton"), data: "/xoadulieu xacnhan" },
            { label: t("common:keep"), data: "/xoadulieu giulai" },
          ],
        ],
      },
    ];
  }
  await forgetPerson(ctx.deps, ctx.actor.person.id, ctx.erasureSteps);
  return [{ text: t("profile:forget.done") }];
}

async function withdrawConsent(ctx: Ctx): Promise<Reply[]> {
  const { deps, actor, t } = ctx;
  const cadre = await deps.store.cadres.get(actor.person.id);
  if (!cadre) return [{ text: t("profile:withdraw.nothing") }];
  const purpose = ctx.args.toLowerCase();
  if (!cadre.consent.purposes.includes(purpose)) {
    return [
      {
        text: [t("profile:withdraw.choose"), ...cadre.consent.purposes.map((p) => `• ${t(`cadres:purposes.${p}`)}`)].join("\n"),
        buttons: cadre.consent.purposes.map((p) => [{ label: t(`profile:withdraw.button.${p}`), data: `/rutdongy ${p}` }]),
      },
    ];
  }
  if (purpose === basePurpose) {
    return [
      {
        text: t("profile:withdraw.base"),
        buttons: [
          [
            { label: t("profile:forget.confirmButton"), data: "/xoadulieu xacnhan" },
            { label: t("common:keep"), data: "/xoadulieu giulai" },
          ],
        ],
      },
    ];
  }
  await deps.store.transaction(async (tx) => {
    const { phone: _, ...rest } = cadre;
    await tx.cadres.put({
      ...rest,
      consent: { purposes: cadre.consent.purposes.filter((p) => p !== purpose), at: deps.now().toISOString() },
    });
    await audit(deps, tx, {
      actorId: actor.person.id,
      action: "consent.withdraw",
      subjectId: cadre.id,
      details: { purpose, fields: "phone" },
    });
  });
  return [{ text: t("profile:withdraw.contactDone") }];
}

export const personalDataCommands: Command[] = [
  { name: "dulieu", alias: "mydata", chats: "private", run: sendMyData },
  { name: "xoadulieu", alias: "forgetme", chats: "private", run: forgetMe },
  { name: "rutdongy", alias: "withdrawconsent", chats: "private", run: withdrawConsent },
];
