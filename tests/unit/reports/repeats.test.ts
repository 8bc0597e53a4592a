import { describe, expect, it } from "vitest";
import { decideCounting } from "../../../src/reports/repeats.ts";

const key = (responseId: number, customerId: number, at: string, questionnaireId = 1) => ({
  responseId,
  customerId,
  questionnaireId,
  month: at.slice(0, 7),
  submittedAt: new Date(at),
});

describe("decideCounting: a known customer once per questionnaire and month, by the latest response", () => {
  it("a later response replaces the counted one of the same month", () => {
    const decision = decideCounting([key(2, 7, "2026-11-20T04:00:00Z")], [key(1, 7, "2026-11-02T04:00:00Z")]);
    expect([...decision.skipped]).toEqual([]);
    expect(decision.replaced).toEqual([1]);
  });

  it("an earlier response arriving late is not added; several in one batch keep only the latest", () => {
    const late = decideCounting([key(3, 7, "2026-11-01T04:00:00Z")], [key(1, 7, "2026-11-02T04:00:00Z")]);
    expect([...late.skipped]).toEqual([3]);
    expect(late.replaced).toEqual([]);
    const batch = decideCounting(
      [
        key(4, 8, "2026-11-03T04:00:00Z"),
        key(5, 8, "2026-11-04T04:00:00Z"),
        key(6, 8, "2026-11-04T04:00:00Z"),
      ],
      [],
    );
    // the same instant goes to the higher id
    expect([...batch.skipped].sort()).toEqual([4, 5]);
  });

  it("other months, customers and questionnaires are counted apart", () => {
    const decision = decideCounting(
      [
        key(2, 7, "2026-12-01T04:00:00Z"),
        key(3, 9, "2026-11-20T04:00:00Z"),
        key(4, 7, "2026-11-20T04:00:00Z", 2),
      ],
      [key(1, 7, "2026-11-02T04:00:00Z")],
    );
    expect([...decision.skipped]).toEqual([]);
    expect(decision.replaced).toEqual([]);
  });
});
