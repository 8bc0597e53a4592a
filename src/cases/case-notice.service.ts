import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { Database } from "../db/database.ts";
import type { Locale } from "../i18n/bilingual.ts";
import { translate } from "../i18n/i18n.ts";
import type { Mailer } from "../mail/mailer.ts";
import { MailDeliveryError } from "../mail/mailer.ts";
import type { CaseTrigger } from "./case.ts";
import { triggerText } from "./case-text.ts";

/** A notice is given up after this many failed attempts (its last error stays on the row). */
const MAX_ATTEMPTS = 5;

interface PendingNotice {
  id: number;
  case_id: number;
  kind: "opened" | "reassigned" | "escalated";
  email: string;
  locale: string;
  customer_name: string | null;
  customer_ref: string | null;
  questionnaire: string;
  questionnaire_en: string;
  triggers: CaseTrigger[];
  contact_due_at: Date;
  resolve_due_at: Date;
}

const when = (instant: Date, locale: Locale, timeZone: string) =>
  new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "medium", timeStyle: "short" }).format(instant);

/**
 * Sends the case e-mails queued when cases were opened, reassigned or escalated (after their
 * transaction committed), each in its recipient's language, and marks them sent. A failure is counted
 * and retried at the next run; a permanent one (a bad address) is not retried.
 *
 * @returns how many were sent
 */
export async function sendCaseNotices(
  db: Kysely<Database>,
  mailer: Mailer,
  options: { publicUrl: string; timeZone: string; limit?: number },
): Promise<number> {
  const { rows } = await sql<PendingNotice>`
    select n.id, n.case_id, n.kind, n.email, n.locale, c.name as customer_name, c.external_ref as customer_ref,
      q.name as questionnaire, q.name_en as questionnaire_en, sc.triggers, sc.contact_due_at, sc.resolve_due_at
    from case_notice n join service_case sc on sc.id = n.case_id
      join questionnaire q on q.id = sc.questionnaire_id
      left join customer c on c.id = sc.customer_id
    where n.sent_at is null and n.attempts < ${MAX_ATTEMPTS}
    order by n.id limit ${options.limit ?? 200}`.execute(db);
  let sent = 0;
  for (const notice of rows) {
    const locale: Locale = notice.locale === "en" ? "en" : "zh-CN";
    const customer = notice.customer_name
      ? `${notice.customer_name} (${notice.customer_ref ?? ""})`
      : translate(locale, "cases.anonymous");
    const values = { id: notice.case_id, customer };
    try {
      await mailer.send({
        to: notice.email,
        subject: translate(locale, `cases.notice.subject.${notice.kind}`, values),
        text: translate(locale, "cases.notice.body", {
          what: translate(locale, `cases.notice.what.${notice.kind}`),
          customer,
          questionnaire: locale === "en" ? notice.questionnaire_en : notice.questionnaire,
          triggers: notice.triggers.map((trigger) => triggerText(trigger, locale)).join("; "),
          contactDue: when(notice.contact_due_at, locale, options.timeZone),
          resolveDue: when(notice.resolve_due_at, locale, options.timeZone),
          link: `${options.publicUrl.replace(/\/$/, "")}/admin/cases/${notice.case_id}`,
        }),
      });
      await db.updateTable("case_notice").set({ sent_at: new Date() }).where("id", "=", notice.id).execute();
      sent += 1;
    } catch (error) {
      const permanent = error instanceof MailDeliveryError && error.permanent;
      await db
        .updateTable("case_notice")
        .set((eb) => ({
          attempts: permanent ? MAX_ATTEMPTS : eb("attempts", "+", 1),
          last_error: error instanceof Error ? error.message.slice(0, 500) : String(error),
        }))
        .where("id", "=", notice.id)
        .execute();
    }
  }
  return sent;
}
