import type { ColumnType } from "kysely";

/** Column types shared by the modules' `*.table.ts` files. */
export type CreatedAt = ColumnType<Date, Date | undefined, never>;
export type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
/** jsonb: read as a value, written as JSON text */
export type Json<T> = ColumnType<T, string, string>;
