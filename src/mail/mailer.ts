import type { Kysely } from "kysely";
import nodemailer from "nodemailer";
import type { Database } from "../db/database.ts";

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: Buffer; contentType: string; cid?: string }[];
}

/** Where messages go: an SMTP server (pooled, throttled), or the local outbox the console shows. */
export interface Mailer {
  /** "smtp://host:port" or "outbox" (no password ever) */
  readonly description: string;
  /** How many messages may usefully be handed over at once. */
  readonly concurrency: number;
  send(message: OutgoingMessage): Promise<void>;
  close(): void;
}

export interface MailSettings {
  /** absent: the local outbox */
  smtpUrl: string | undefined;
  from: string;
  /** messages a second over SMTP; 0: no limit */
  ratePerSecond: number;
  connections: number;
}

/** A message that was not delivered; `permanent` when sending it again cannot help (5xx, bad address). */
export class MailDeliveryError extends Error {
  override name = "MailDeliveryError";
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export function createMailer(db: Kysely<Database>, settings: MailSettings): Mailer {
  return settings.smtpUrl ? smtpMailer(settings.smtpUrl, settings) : outboxMailer(db, settings);
}

function smtpMailer(smtpUrl: string, settings: MailSettings): Mailer {
  const url = new URL(smtpUrl);
  const secure = url.protocol === "smtps:";
  const transport = nodemailer.createTransport(
    {
      pool: true,
      host: url.hostname,
      port: Number(url.port || (secure ? 465 : 587)),
      secure,
      ...(url.username
        ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
        : {}),
      maxConnections: settings.connections,
      maxMessages: Number.POSITIVE_INFINITY,
      ...(settings.ratePerSecond > 0 ? { rateLimit: settings.ratePerSecond, rateDelta: 1000 } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    },
    { from: settings.from },
  );
  return {
    description: `smtp://${url.hostname}:${url.port || (secure ? 465 : 587)}`,
    concurrency: settings.connections * 8,
    async send(message) {
      try {
        await transport.sendMail(message);
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    close: () => transport.close(),
  };
}

function toDeliveryError(error: unknown): MailDeliveryError {
  const { code, responseCode, message } = error as { code?: string; responseCode?: number; message?: string };
  // RFC 5321: a 5yz reply refuses the message for good, except 503 (the session was in the wrong
  // state); a 4yz reply or a lost connection is temporary.
  const permanent =
    (responseCode !== undefined && responseCode >= 500 && responseCode < 600 && responseCode !== 503) ||
    (responseCode === undefined && code === "EENVELOPE");
  return new MailDeliveryError(message ?? String(error), permanent);
}

/** Without SMTP the messages are kept in `outbox_message`, so the demo shows what would have been sent. */
function outboxMailer(db: Kysely<Database>, settings: MailSettings): Mailer {
  return {
    description: "outbox",
    concurrency: 20,
    async send(message) {
      await db
        .insertInto("outbox_message")
        .values({
          to_address: message.to,
          subject: message.subject,
          text_body: message.text,
          html_body: message.html ?? null,
          headers: JSON.stringify({ From: settings.from, ...message.headers }),
          attachments: JSON.stringify(
            (message.attachments ?? []).map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              size: a.content.length,
            })),
          ),
        })
        .execute();
    },
    close: () => {},
  };
}
