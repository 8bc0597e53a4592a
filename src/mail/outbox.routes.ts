import { Router } from "express";
import type { Kysely } from "kysely";
import type { Database } from "../db/database.ts";
import { NotFoundError } from "../errors.ts";
import { requirePermission } from "../web/authorize.ts";
import { pageQuerySchema, pageView, toLimitOffset } from "../web/pagination.ts";
import { parseOrThrow } from "../web/validate.ts";
import type { Mailer } from "./mailer.ts";
import { outboxHeader } from "./message-families.ts";
import { countOutboxMessages, findOutboxMessage, listOutboxMessages } from "./outbox.repository.ts";

/** `/admin/outbox`: the messages kept instead of sent while no SMTP server is configured. */
export function outboxRouter(db: Kysely<Database>, mailer: Mailer) {
  const router = Router();
  router.use(requirePermission("waves.manage"));

  router.get("/", async (req, res) => {
    const page = parseOrThrow(pageQuerySchema, req.query);
    const [messages, count] = await Promise.all([
      listOutboxMessages(db, toLimitOffset(page)),
      countOutboxMessages(db),
    ]);
    res.render("outbox", {
      title: "outbox.title",
      smtp: mailer.description === "outbox" ? null : mailer.description,
      messages,
      pagination: pageView(page, count, "/admin/outbox"),
    });
  });

  const load = async (id: string) => {
    const n = Number(id);
    const message = Number.isSafeInteger(n) ? await findOutboxMessage(db, n) : undefined;
    if (!message) throw new NotFoundError("No such message");
    return message;
  };

  router.get("/:id", async (req, res) => {
    const message = await load(String(req.params.id));
    res.render("outbox-message", {
      title: "outbox.title",
      message,
      // a header manyi sets is named in the page's language; any other as it is written
      headers: Object.entries(message.headers).map(([name, value]) => ({
        label: outboxHeader.keyOf(name),
        name,
        value,
      })),
    });
  });

  // The HTML part, shown as a sandboxed document: no script of it can run in the console's origin.
  router.get("/:id/html", async (req, res) => {
    const message = await load(String(req.params.id));
    res
      .set("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:")
      .type("html")
      .send(message.html_body ?? "");
  });

  return router;
}
