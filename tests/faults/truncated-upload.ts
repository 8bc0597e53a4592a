import http from "node:http";
import type { PageClient } from "../helpers/http-client.ts";

/**
 * Posts a customer import whose multipart body stops in the middle of the file, without its closing
 * boundary, as a browser whose connection drops would (the request itself is complete: its length is
 * what was sent). With `hangUp` the client closes the connection half-way through the body instead.
 */
export function postTruncatedUpload(
  client: PageClient,
  path: string,
  options: { hangUp?: boolean } = {},
): Promise<{ status: number; body: string } | "hung up"> {
  const boundary = "----manyi-fault-boundary";
  const head = [
    `--${boundary}`,
    'Content-Disposition: form-data; name="_csrf"',
    "",
    client.csrfToken ?? "",
    `--${boundary}`,
    'Content-Disposition: form-data; name="file"; filename="customers.csv"',
    "Content-Type: text/csv",
    "",
    "客户编号,姓名,邮箱\nC9001,截断,cut@example.com\nC9002,截",
  ].join("\r\n");
  const body = Buffer.from(head, "utf8");
  const url = new URL(path, client.baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: "POST",
      headers: {
        cookie: client.cookieHeader(),
        "content-type": `multipart/form-data; boundary=${boundary}`,
        // a hang-up promises more than it sends
        "content-length": String(options.hangUp ? body.length * 4 : body.length),
        "accept-language": "en",
      },
    });
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        text += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on("error", (error) => (options.hangUp ? resolve("hung up") : reject(error)));
    request.write(body);
    if (options.hangUp) setTimeout(() => request.destroy(), 200);
    else request.end();
  });
}
