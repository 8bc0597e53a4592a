import { describe, expect, it } from "vitest";
import { pageQuerySchema, pageView, toLimitOffset } from "../../../src/web/pagination.ts";

describe("pagination", () => {
  it("defaults to the first page of 25", () => {
    const page = pageQuerySchema.parse({});
    expect(page).toEqual({ page: 1, pageSize: 25 });
    expect(toLimitOffset({ page: 3, pageSize: 10 })).toEqual({ limit: 10, offset: 20 });
  });

  it.each([{ page: "0" }, { page: "x" }, { pageSize: "201" }, { page: "1.5" }])("rejects %j", (query) => {
    expect(pageQuerySchema.safeParse(query).success).toBe(false);
  });

  it("builds links that keep the filters, and none beyond the ends", () => {
    expect(pageView({ page: 1, pageSize: 25 }, 0, "/x")).toEqual({
      page: 1,
      pages: 1,
      total: 0,
      previousHref: null,
      nextHref: null,
    });
    const middle = pageView({ page: 2, pageSize: 10 }, 35, "/admin/audit", { action: "auth.login" });
    expect(middle).toEqual({
      page: 2,
      pages: 4,
      total: 35,
      previousHref: "/admin/audit?action=auth.login&page=1&pageSize=10",
      nextHref: "/admin/audit?action=auth.login&page=3&pageSize=10",
    });
  });
});
