import { type Kysely, sql } from "kysely";

// Frozen: never import application code here. Sending waves: the wave's audience, message templates
// and reminders; one invitation per customer per wave; the tokens of its links (hashes only); the
// local outbox used when no SMTP server is configured.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("wave")
    // { "kind": "all" } | { "kind": "segment", "id": n } | { "kind": "list", "id": n }
    .addColumn("audience", "jsonb")
    // { "zh-CN": "...", "en": "..." } with merge fields {{name}}, {{link}}, {{closeDate}}
    .addColumn("subject", "jsonb")
    .addColumn("body", "jsonb")
    .addColumn("reminder_subject", "jsonb")
    .addColumn("reminder_body", "jsonb")
    // days after the first message, one entry per reminder: {3, 7}
    .addColumn("reminder_days", sql`real[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn("default_locale", "text", (col) => col.notNull().defaultTo("zh-CN"))
    .addColumn("launched_at", "timestamptz")
    .addColumn("launched_by", "bigint", (col) => col.references("staff_user.id").onDelete("set null"))
    .execute();

  await db.schema
    .createTable("invitation")
    .addColumn("id", "bigint", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("wave_id", "bigint", (col) => col.notNull().references("wave.id").onDelete("cascade"))
    .addColumn("customer_id", "bigint", (col) => col.notNull().references("customer.id").onDelete("cascade"))
    .addColumn("email", "text")
    .addColumn("locale", "text", (col) => col.notNull().defaultTo("zh-CN"))
    // staff waves: the customer manager who calls or visits this customer
    .addColumn("assigned_to", "bigint", (col) => col.references("staff_user.id").onDelete("set null"))
    // the message waiting to go: the first invitation, then reminders
    .addColumn("status", "text", (col) =>
      col.notNull().check(sql`status in ('queued', 'sending', 'sent', 'failed', 'cancelled', 'not_sent')`),
    )
    .addColumn("message_kind", "text", (col) =>
      col.notNull().defaultTo("invitation").check(sql`message_kind in ('invitation', 'reminder')`),
    )
    .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("last_error", "text")
    // the app process sending it right now (see src/jobs/process-presence.ts)
    .addColumn("claimed_by", "text")
    .addColumn("claimed_at", "timestamptz")
    // the process that sent the last message (operations: who sent what)
    .addColumn("sent_by", "text")
    .addColumn("reminders_sent", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("first_sent_at", "timestamptz")
    .addColumn("last_sent_at", "timestamptz")
    .addColumn("opened_at", "timestamptz")
    .addColumn("started_at", "timestamptz")
    .addColumn("completed_at", "timestamptz")
    .addColumn("opted_out_at", "timestamptz")
    // null for anonymous waves: the invitation records only that the customer responded
    .addColumn("response_id", "bigint", (col) => col.references("response.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("invitation_wave_customer_key", ["wave_id", "customer_id"])
    .execute();
  await sql`create index invitation_due_idx on invitation (next_attempt_at) where status = 'queued'`.execute(
    db,
  );
  await sql`create index invitation_sending_idx on invitation (claimed_by) where status = 'sending'`.execute(
    db,
  );
  await sql`create index invitation_assigned_idx on invitation (assigned_to, wave_id) where assigned_to is not null`.execute(
    db,
  );

  // Every message carries its own random token; all of an invitation's tokens open it until the wave closes.
  await db.schema
    .createTable("invitation_token")
    .addColumn("token_hash", "text", (col) => col.primaryKey())
    .addColumn("invitation_id", "bigint", (col) =>
      col.notNull().references("invitation.id").onDelete("cascade"),
    )
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("invitation_token_invitation_idx")
    .on("invitation_token")
    .column("invitation_id")
    .execute();

  await db.schema
    .createTable("outbox_message")
    .addColumn("id", "bigint", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("to_address", "text", (col) => col.notNull())
    .addColumn("subject", "text", (col) => col.notNull())
    .addColumn("text_body", "text", (col) => col.notNull())
    .addColumn("html_body", "text")
    .addColumn("headers", "jsonb", (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    // [{ "filename", "contentType", "size" }]: what was attached (the files themselves are not kept)
    .addColumn("attachments", "jsonb", (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("outbox_message").execute();
  await db.schema.dropTable("invitation_token").execute();
  await db.schema.dropTable("invitation").execute();
  for (const column of [
    "launched_by",
    "launched_at",
    "default_locale",
    "reminder_days",
    "reminder_body",
    "reminder_subject",
    "body",
    "subject",
    "audience",
  ]) {
    await db.schema.alterTable("wave").dropColumn(column).execute();
  }
}
