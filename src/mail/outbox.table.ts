import type { ColumnType, Generated } from "kysely";

export interface OutboxMessageTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: ColumnType<Record<string, string>, string | undefined, string>;
  attachments: ColumnType<
    { filename: string; contentType: string; size: number }[],
    string | undefined,
    string
  >;
  created_at: ColumnType<Date, Date | undefined, never>;
}
