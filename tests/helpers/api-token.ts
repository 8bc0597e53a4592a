import { PageClient } from "./http-client.ts";
import type { TestApp } from "./test-app.ts";

/**
 * Creates an API token acting as `username` the way an administrator does, through the admin page, and
 * reads it off the page (it is shown only there, once).
 */
export async function createApiTokenThroughAdmin(
  app: TestApp,
  username: string,
  name = `${username} token`,
): Promise<string> {
  const admin = new PageClient(app.baseUrl, { "accept-language": "en" });
  await admin.logIn("admin", "manyi-admin-demo");
  const { id } = await app.database.db
    .selectFrom("staff_user")
    .select("id")
    .where("username", "=", username)
    .executeTakeFirstOrThrow();
  await admin.get("/admin/tokens");
  const page = await admin.post("/admin/tokens", { name, staffUserId: String(id) });
  const token = /<code class="token" id="created-token">([^<]+)<\/code>/.exec(page.text)?.[1];
  if (page.status !== 201 || !token) throw new Error(`creating a token failed with ${page.status}`);
  return token;
}
