import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { generateSecretToken, hashSecretToken } from "../accounts/tokens.ts";
import { createBatcher } from "../db/batcher.ts";
import type { Database } from "../db/database.ts";
import { translate } from "../i18n/i18n.ts";
import { formatDate } from "../lib/time.ts";
import { MailDeliveryError, type Mailer } from "../mail/mailer.ts";
import { mergeFields, textToHtml } from "../mail/merge-fields.ts";
import {
  type ClaimedMessage,
  claimDueMessages,
  insertInvitationTokens,
  markMessageFailed,
  markMessagesNotSent,
  markMessagesSent,
  releaseMessagesOfDeadProcesses,
} from "./invitation.repository.ts";
import { findWaveMessages, type WaveMessages } from "./wave.repository.ts";
import { waveTemplates } from "./wave-templates.ts";

export interface SenderDependencies {
  db: Kysely<Database>;
  mailer: Mailer;
  /** this process's id (see src/jobs/process-presence.ts) */
  processId: string;
  publicUrl: string;
  /** the organisation's time zone: the closing date in a message is that day there */
  timeZone: string;
  logger: Logger;
  /** first retry after a temporary failure; doubles each time, at most an hour */
  retryBaseSeconds: number;
  maxAttempts: number;
  /** told of every delivery attempt's outcome (the process's metrics count them) */
  countMessage?: (outcome: MessageOutcome) => void;
}

/** A delivery attempt: accepted by the mail server or the outbox, failed and retried later, or given up. */
export type MessageOutcome = "sent" | "failed_retrying" | "failed_given_up";

const CLAIM_BATCH = 200;

/**
 * Sends the messages that are due (invitations and reminders of every email wave) until none is left
 * or `timeBudgetMs` is spent. Safe in several processes at once: each message is claimed by one.
 * Returns whether messages may be left (the caller queues another run at once).
 */
export async function sendDueMessages(
  deps: SenderDependencies,
  timeBudgetMs: number,
  /** called once when a full batch shows that there is much to send: other processes may join */
  onBusy: () => Promise<void> = async () => {},
): Promise<{ more: boolean }> {
  const deadline = Date.now() + timeBudgetMs;
  const released = await releaseMessagesOfDeadProcesses(deps.db);
  if (released > 0) deps.logger.warn({ released }, "messages of a stopped process are sent again");
  const waves = new Map<number, WaveMessages | undefined>();
  const markSent = createBatcher(
    async (ids: number[]) => {
      await markMessagesSent(deps.db, deps.processId, ids);
      return ids;
    },
    { maxBatch: 500, concurrency: 1 },
  );

  let more = false;
  // Two claim loops keep the SMTP connections busy while the next batch is claimed.
  const loop = async () => {
    while (Date.now() < deadline) {
      const claimed = await claimDueMessages(deps.db, deps.processId, CLAIM_BATCH);
      if (claimed.length === 0) return;
      if (claimed.length === CLAIM_BATCH && !more) {
        more = true;
        await onBusy();
      }
      for (const message of claimed) {
        if (!waves.has(message.waveId))
          waves.set(message.waveId, await findWaveMessages(deps.db, message.waveId));
      }
      await sendBatch(deps, claimed, waves, markSent);
    }
    more = true;
  };
  await Promise.all([loop(), loop()]);
  return { more };
}

async function sendBatch(
  deps: SenderDependencies,
  claimed: ClaimedMessage[],
  waves: Map<number, WaveMessages | undefined>,
  markSent: (id: number) => Promise<number>,
) {
  const optedOut = claimed.filter((m) => m.customerOptedOut).map((m) => m.invitationId);
  const noAddress = claimed.filter((m) => !m.customerOptedOut && !m.email).map((m) => m.invitationId);
  await markMessagesNotSent(deps.db, deps.processId, optedOut, "opted out");
  await markMessagesNotSent(deps.db, deps.processId, noAddress, "no email address");
  const sendable = claimed.filter((m) => !m.customerOptedOut && m.email);
  // Each message carries a token of its own; the hashes are stored before anything is sent, so no link
  // in a delivered message can be unknown.
  const tokens = new Map(sendable.map((m) => [m.invitationId, generateSecretToken()]));
  await insertInvitationTokens(
    deps.db,
    [...tokens].map(([invitationId, token]) => ({ invitationId, tokenHash: hashSecretToken(token) })),
  );
  await inParallel(sendable, deps.mailer.concurrency, async (message) => {
    const wave = waves.get(message.waveId);
    const token = tokens.get(message.invitationId) as string;
    try {
      if (!wave) throw new MailDeliveryError("the wave is gone", true);
      await deps.mailer.send(composeMessage(deps, wave, message, token));
      await markSent(message.invitationId);
      deps.countMessage?.("sent");
    } catch (error) {
      const permanent = error instanceof MailDeliveryError && error.permanent;
      // as markMessageFailed decides
      const givenUp = permanent || message.attempts + 1 >= deps.maxAttempts;
      deps.countMessage?.(givenUp ? "failed_given_up" : "failed_retrying");
      const retryInSeconds = Math.min(deps.retryBaseSeconds * 2 ** message.attempts, 3600);
      deps.logger.warn(
        { invitation: message.invitationId, permanent, err: error },
        "a message was not delivered",
      );
      await markMessageFailed(deps.db, deps.processId, message.invitationId, {
        error: error instanceof Error ? error.message : String(error),
        permanent,
        retryInSeconds,
        maxAttempts: deps.maxAttempts,
      });
    }
  });
}

/**
 * The email for one invitation or reminder, in the customer's language, with its own links; its
 * closing date is the day in the organisation's time zone.
 */
export function composeMessage(
  { publicUrl, timeZone }: { publicUrl: string; timeZone: string },
  wave: WaveMessages,
  message: ClaimedMessage,
  token: string,
) {
  const locale = message.locale === "en" ? "en" : "zh-CN";
  const templates = waveTemplates(wave, locale, message.kind);
  const link = `${publicUrl}/s/${token}`;
  const unsubscribe = `${publicUrl}/u/${token}`;
  const closeDate = wave.closesAt
    ? formatDate(wave.closesAt, locale, timeZone)
    : translate(locale, "mail.noCloseDate");
  const values = { name: message.customerName, link, closeDate };
  const text = mergeFields(templates.body, values);
  const footer = `${translate(locale, "mail.footer")} <a href="${unsubscribe}">${translate(locale, "mail.unsubscribe")}</a>`;
  return {
    to: message.email as string,
    subject: mergeFields(templates.subject, values),
    text: `${text}\n\n--\n${translate(locale, "mail.footer")} ${translate(locale, "mail.unsubscribe")}: ${unsubscribe}`,
    html: textToHtml(text, link, footer, translate(locale, "mail.button")),
    headers: {
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

/** Runs `work` over the items with at most `limit` at a time. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
