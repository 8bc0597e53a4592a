import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** a header's raw value, e.g. header("list-unsubscribe") */
  header(name: string): string | undefined;
  attachments: ParsedMail["attachments"];
}

/**
 * A real SMTP server for tests (smtp-server), keeping every message it accepts, parsed (mailparser).
 * `refuse` makes it answer the next messages with a temporary (451) or permanent (550) error.
 */
export interface TestSmtpServer {
  url: string;
  received: ReceivedMail[];
  /** resolves when at least `count` messages have arrived */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  refuse(code: 451 | 550 | null, forAddress?: string): void;
  close(): Promise<void>;
}

/** `parse: false` keeps only the recipient and the raw text (fast, for thousands of messages). */
export async function startTestSmtpServer(
  options: { parse?: boolean /** to come back on the port of one that was closed */; port?: number } = {},
): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let refusal: { code: number; address: string | undefined } | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const recipient = session.envelope.rcptTo[0]?.address ?? "";
      if (refusal && (!refusal.address || refusal.address === recipient)) {
        stream.resume();
        const error = Object.assign(new Error(refusal.code === 451 ? "try again later" : "no such mailbox"), {
          responseCode: refusal.code,
        });
        stream.on("end", () => callback(error));
        return;
      }
      if (options.parse === false) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          received.push({
            to: recipient,
            subject: "",
            text,
            html: "",
            header: () => undefined,
            attachments: [],
          });
          callback();
        });
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          received.push({
            to: recipient,
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
            header: (name) =>
              mail.headerLines
                .find((line) => line.key === name.toLowerCase())
                ?.line.replace(/^[^:]+:\s*/, ""),
            attachments: mail.attachments,
          });
          callback();
        })
        .catch(callback);
    },
  });
  // A client that dies (the kill -9 test) resets its connections; that is expected, not a failure.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse(code, forAddress) {
      refusal = code === null ? null : { code, address: forAddress };
    },
    async waitFor(count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} messages, the SMTP server got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
