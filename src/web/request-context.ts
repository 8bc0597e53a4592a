import type { StaffUser } from "../accounts/staff-user.ts";
import type { Locale } from "../i18n/bilingual.ts";

declare global {
  namespace Express {
    interface Request {
      /** The signed-in staff member (session cookie) or the API token's user. */
      user?: StaffUser;
      /** The raw session cookie of a signed-in browser, for sign-out. */
      sessionToken?: string;
      locale: Locale;
      csrfToken: string;
    }
  }
}
