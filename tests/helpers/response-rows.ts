/**
 * The submitted responses of a questionnaire as flat rows, read through `GET /api/v1/responses
 * ?include=answers` page after page: what an independent recomputation of a report starts from. A row
 * has `response_id`, `submitted_at`, `customer_ref`, `customer_name`, `mode`, and per item its value
 * (a satisfaction level key, a choice code, a number or a text as text), or for items with parts (Kano,
 * SERVQUAL, allocations) their parts as JSON, e.g. `{"functional":"like","dysfunctional":"dislike"}`.
 */
export type ResponseRow = Record<string, string>;

interface ApiAnswer {
  itemKey: string;
  part: string;
  number: number | null;
  text: string | null;
}

interface ApiResponse {
  id: number;
  submittedAt: string;
  mode: string;
  customerRef: string | null;
  customerName: string | null;
  answers: ApiAnswer[];
}

export async function responseRows(
  baseUrl: string,
  token: string,
  questionnaireId: number,
): Promise<ResponseRow[]> {
  const rows: ResponseRow[] = [];
  let after = 0;
  for (;;) {
    const response = await fetch(
      `${baseUrl}/api/v1/responses?questionnaire=${questionnaireId}&include=answers&after=${after}&pageSize=200`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (response.status !== 200) throw new Error(`listing responses answered ${response.status}`);
    const page = (await response.json()) as { data: ApiResponse[]; nextAfter: number | null };
    for (const entry of page.data) rows.push(flatten(entry));
    if (page.nextAfter === null) return rows;
    after = page.nextAfter;
  }
}

function flatten(entry: ApiResponse): ResponseRow {
  const row: ResponseRow = {
    response_id: String(entry.id),
    submitted_at: entry.submittedAt,
    customer_ref: entry.customerRef ?? "",
    customer_name: entry.customerName ?? "",
    mode: entry.mode,
  };
  const parts = new Map<string, Record<string, string | number>>();
  for (const answer of entry.answers) {
    const value = answer.text ?? (answer.number === null ? "" : answer.number);
    if (answer.part === "") row[answer.itemKey] = String(value);
    else parts.set(answer.itemKey, { ...(parts.get(answer.itemKey) ?? {}), [answer.part]: value });
  }
  for (const [itemKey, value] of parts) row[itemKey] = JSON.stringify(value);
  return row;
}
