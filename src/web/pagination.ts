import { z } from "zod";

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 200;

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE, `at most ${MAX_PAGE_SIZE}`)
    .default(DEFAULT_PAGE_SIZE),
});
export type PageQuery = z.output<typeof pageQuerySchema>;

export function toLimitOffset(page: PageQuery): { limit: number; offset: number } {
  return { limit: page.pageSize, offset: (page.page - 1) * page.pageSize };
}

export interface PageView {
  page: number;
  pages: number;
  total: number;
  previousHref: string | null;
  nextHref: string | null;
}

/** Links for a page of `total` items; `baseQuery` keeps the list's filters in the links. */
export function pageView(
  page: PageQuery,
  total: number,
  path: string,
  baseQuery: Record<string, string> = {},
): PageView {
  const pages = Math.max(1, Math.ceil(total / page.pageSize));
  const href = (n: number) => {
    const params = new URLSearchParams({ ...baseQuery, page: String(n) });
    if (page.pageSize !== DEFAULT_PAGE_SIZE) params.set("pageSize", String(page.pageSize));
    return `${path}?${params.toString()}`;
  };
  return {
    page: page.page,
    pages,
    total,
    previousHref: page.page > 1 ? href(Math.min(page.page - 1, pages)) : null,
    nextHref: page.page < pages ? href(page.page + 1) : null,
  };
}

/** The JSON API's list envelope. */
export function apiPage<T>(items: T[], page: PageQuery, total: number) {
  return { data: items, page: page.page, pageSize: page.pageSize, total };
}
