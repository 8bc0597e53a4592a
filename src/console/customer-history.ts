import type { Kysely } from "kysely";
import { hasPermission } from "../accounts/roles.ts";
import { listCustomerCases } from "../cases/case.repository.ts";
import { caseScopeOf } from "../cases/case.service.ts";
import type { ReadCustomerHistory } from "../customers/customer-history.ts";
import type { Database } from "../db/database.ts";
import { ForbiddenError } from "../errors.ts";
import { listResponses } from "../responses/response.repository.ts";

/**
 * Reads a customer's history for their page (customers/customer-history.ts): their latest responses,
 * and the follow-up cases the viewer may see (none for a viewer without case access).
 */
export function customerHistoryReader(db: Kysely<Database>, now: () => Date): ReadCustomerHistory {
  return async (viewer, customerId) => {
    const scope = await caseScopeOf(db, viewer).catch((error: unknown) => {
      if (error instanceof ForbiddenError) return null;
      throw error;
    });
    const [responses, cases] = await Promise.all([
      listResponses(db, { customerId }, { limit: 20, offset: 0 }),
      scope === null ? Promise.resolve(null) : listCustomerCases(db, scope, customerId, now()),
    ]);
    return {
      responses: responses.entries.map((r) => ({
        id: r.id,
        submittedAt: r.submittedAt,
        questionnaireName: r.questionnaireName,
        score: r.score,
        mode: r.mode,
      })),
      openResponses: hasPermission(viewer.user.role, "responses.view_identity"),
      cases:
        cases?.map((c) => ({
          id: c.id,
          status: c.status,
          createdAt: c.created_at,
          score: c.respondent_score,
          recovered: c.recovered,
        })) ?? null,
    };
  };
}
