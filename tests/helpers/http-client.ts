/**
 * A small cookie-keeping HTTP client for driving the server-rendered pages the way a browser does:
 * it keeps cookies, does not follow redirects, and reads the CSRF token from the last form it fetched.
 */
export class PageClient {
  private readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(
    readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** The Cookie header this client sends (for a hand-made request). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async get(path: string): Promise<PageResponse> {
    return this.request("GET", path);
  }

  /** Posts a form, adding the CSRF token from the last page unless `_csrf` is given (or null to omit it). */
  async post(path: string, form: Record<string, string | null>): Promise<PageResponse> {
    const body = new URLSearchParams();
    const fields = { _csrf: this.csrfToken ?? null, ...form };
    for (const [key, value] of Object.entries(fields)) if (value !== null) body.set(key, value);
    return this.request("POST", path, body.toString(), "application/x-www-form-urlencoded");
  }

  /** Posts a multipart form with one file (an upload), adding the CSRF token like post(). */
  async postFile(
    path: string,
    fields: Record<string, string>,
    file: { field: string; name: string; content: string | Uint8Array<ArrayBuffer>; type?: string },
  ): Promise<PageResponse> {
    const form = new FormData();
    for (const [key, value] of Object.entries({ _csrf: this.csrfToken ?? "", ...fields }))
      form.set(key, value);
    form.set(file.field, new Blob([file.content], { type: file.type ?? "text/csv" }), file.name);
    return this.request("POST", path, form);
  }

  async request(
    method: string,
    path: string,
    body?: string | FormData,
    contentType?: string,
  ): Promise<PageResponse> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      redirect: "manual",
      headers: {
        ...this.headers,
        ...(contentType ? { "content-type": contentType } : {}),
        cookie: this.cookieHeader(),
      },
      ...(body === undefined ? {} : { body }),
    });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair = ""] = setCookie.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(setCookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (token) this.csrfToken = token;
    return {
      status: response.status,
      headers: response.headers,
      text,
      location: response.headers.get("location"),
    };
  }

  /** A GET with this client's cookies, returning the raw Response (to read bytes). */
  fetchRaw(path: string): Promise<Response> {
    return fetch(new URL(path, this.baseUrl), {
      headers: { ...this.headers, cookie: this.cookieHeader() },
    });
  }

  /** Signs in through the real login form. */
  async logIn(username: string, password: string): Promise<PageResponse> {
    await this.get("/login");
    return this.post("/login", { username, password });
  }
}

export interface PageResponse {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
}

/** The text of the first <h1>, tags stripped. */
export function heading(html: string): string | undefined {
  return /<h1[^>]*>([\s\S]*?)<\/h1>/
    .exec(html)?.[1]
    ?.replace(/<[^>]+>/g, "")
    .trim();
}
