import type { Actor } from "../accounts/staff-user.service.ts";
import type { Bilingual } from "../i18n/bilingual.ts";

/**
 * A customer's history as their page shows it: their responses and their follow-up cases. Those are
 * other modules' records (responses/, cases/), which build on this one, so the customers module
 * imports neither: the app gives the customer routes a function that reads the history (a port, filled
 * in by the console), and the page draws what it gets.
 */
export interface CustomerHistory {
  readonly responses: readonly {
    id: number;
    submittedAt: Date;
    questionnaireName: Bilingual;
    score: number | null;
    mode: string;
  }[];
  /** the viewer may open a response (it shows the customer's identity with the answers) */
  readonly openResponses: boolean;
  /** the cases the viewer may see; null: they may see none */
  readonly cases:
    | readonly {
        id: number;
        status: string;
        createdAt: Date;
        score: number | null;
        recovered: boolean | null;
      }[]
    | null;
}

export type ReadCustomerHistory = (viewer: Actor, customerId: number) => Promise<CustomerHistory>;

/** No history (the customer routes on their own, as some tests mount them). */
export const NO_HISTORY: ReadCustomerHistory = async () => ({
  responses: [],
  openResponses: false,
  cases: null,
});
