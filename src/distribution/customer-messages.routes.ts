import { Router } from "express";
import type { Kysely } from "kysely";
import { findCustomer } from "../customers/customer.repository.ts";
import type { Database } from "../db/database.ts";
import { NotFoundError } from "../errors.ts";
import { requirePermission } from "../web/authorize.ts";
import { pageQuerySchema, pageView, toLimitOffset } from "../web/pagination.ts";
import { parseOrThrow } from "../web/validate.ts";
import { listCustomerMessages } from "./invitation.repository.ts";

/**
 * `/admin/customers/:id/messages`: the invitations one customer was sent, with what became of each (a
 * mail server's refusal included), linked from the customer's page. Lives here, not in customers,
 * because invitations are distribution's: customers does not import the modules above it.
 */
export function customerMessagesRouter(db: Kysely<Database>) {
  const router = Router();
  router.get("/:id/messages", requirePermission("waves.manage"), async (req, res) => {
    const id = Number(req.params.id);
    const customer = Number.isSafeInteger(id) ? await findCustomer(db, { kind: "all" }, id) : undefined;
    if (!customer) throw new NotFoundError("No such customer");
    const page = parseOrThrow(pageQuerySchema, req.query);
    const { items, total } = await listCustomerMessages(db, customer.id, toLimitOffset(page));
    res.render("customer-messages", {
      title: "customerMessages.link",
      pageTitle: customer.name,
      customer,
      messages: items,
      pagination: pageView(page, total, `/admin/customers/${customer.id}/messages`),
    });
  });
  return router;
}
