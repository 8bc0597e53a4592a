import { type Kysely, sql } from "kysely";

// Frozen: never import application code here.
//
// Answer rows keep their guarantee that they belong to a response, checked once per statement instead
// of once per row. The foreign key ran a locking lookup of the response for every answer row: for a
// batch of 24 submitted 20-item responses that was 480 lookups, 4.8 of the statement's 10 ms. The
// statement-level check below is one anti-join (1.2 ms), and deleting responses still deletes their
// answers, once per statement.
//
// What the foreign key's row lock added (a response deleted by another transaction while its answers
// are inserted) cannot arise here: answer rows are only ever inserted in the statement that creates
// their response, or in the transaction that holds the response locked while submitting it. A response's
// id cannot be changed (it is generated always), so the other side of the key holds too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table answer drop constraint answer_response_id_fkey`.execute(db);

  await sql`
    create function answer_response_exists() returns trigger language plpgsql as $$
    begin
      if exists (
        select 1 from changed_answers a
        where not exists (select 1 from response r where r.id = a.response_id)
      ) then
        raise foreign_key_violation using
          message = 'answer rows refer to a response that does not exist',
          table = 'answer';
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger answer_response_exists_on_insert after insert on answer
    referencing new table as changed_answers
    for each statement execute function answer_response_exists()`.execute(db);
  await sql`
    create trigger answer_response_exists_on_update after update on answer
    referencing new table as changed_answers
    for each statement execute function answer_response_exists()`.execute(db);

  await sql`
    create function delete_answers_of_deleted_responses() returns trigger language plpgsql as $$
    begin
      delete from answer where response_id in (select id from deleted_responses);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger response_deletes_its_answers after delete on response
    referencing old table as deleted_responses
    for each statement execute function delete_answers_of_deleted_responses()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger response_deletes_its_answers on response`.execute(db);
  await sql`drop function delete_answers_of_deleted_responses()`.execute(db);
  await sql`drop trigger answer_response_exists_on_update on answer`.execute(db);
  await sql`drop trigger answer_response_exists_on_insert on answer`.execute(db);
  await sql`drop function answer_response_exists()`.execute(db);
  await sql`
    alter table answer add constraint answer_response_id_fkey
    foreign key (response_id) references response (id) on delete cascade`.execute(db);
}
