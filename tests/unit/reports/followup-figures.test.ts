import { describe, expect, test } from "vitest";
import {
  type CaseCause,
  type FollowupCase,
  followupFigures,
  isCaseOverdue,
  medianOrNull,
  rankCauses,
  recoveryRate,
} from "../../../src/reports/followup-figures.ts";
import { deepFreeze } from "../scoring/deep-freeze.ts";

// The follow-up section's pure figures. Every expected value is worked out by hand in the comments.

const H = 3_600_000;
const OPENED = new Date("2026-10-10T00:00:00Z");
const at = (hours: number) => new Date(OPENED.getTime() + hours * H);

/** A case opened at OPENED, 48 h to contact, 168 h (7 days) to resolve; the rest as given. */
function fcase(part: Partial<FollowupCase> = {}): FollowupCase {
  return {
    periodIndex: 11,
    openedAt: OPENED,
    contactDueAt: at(48),
    resolveDueAt: at(168),
    contactedAt: null,
    resolvedAt: null,
    department: null,
    assigneeId: null,
    causeId: null,
    recovered: null,
    ...part,
  };
}

describe("medianOrNull", () => {
  test.each([
    [[5, 1, 3], 3],
    [[1, 2, 3, 10], 2.5],
    [[7], 7],
    [[4, 4, 4, 4], 4],
    [[0.5, 100, 2, 1.5, 3, 2], 2], // sorted 0.5 1.5 2 2 3 100: (2 + 2) / 2
  ])("median of %j is %d", (values, expected) => {
    expect(medianOrNull(deepFreeze(values))).toBeCloseTo(expected, 12);
  });

  test("empty: null", () => {
    expect(medianOrNull([])).toBeNull();
  });
});

describe("isCaseOverdue", () => {
  const now = at(100); // past the contact limit (48 h), before the resolve limit (168 h)
  test.each([
    ["contacted on time, not resolved, resolve time ahead", fcase({ contactedAt: at(10) }), false],
    ["contacted exactly at the limit", fcase({ contactedAt: at(48) }), false],
    ["contacted late", fcase({ contactedAt: at(49) }), true],
    ["not contacted, contact time passed", fcase(), true],
    ["not contacted, contact time still ahead", fcase({ contactDueAt: at(200) }), false],
    [
      "resolved late though contacted on time",
      fcase({ contactedAt: at(1), resolvedAt: at(170), resolveDueAt: at(90) }),
      true,
    ],
    [
      "contacted on time, resolve time passed unresolved",
      fcase({ contactedAt: at(1), resolveDueAt: at(99) }),
      true,
    ],
  ])("%s", (_, c, expected) => {
    expect(isCaseOverdue(c, now)).toBe(expected);
  });
});

describe("recoveryRate: the reports' small-n rule on the recovery answers", () => {
  const answered = (recovered: number, notRecovered: number, unanswered = 0) => [
    ...Array.from({ length: recovered }, () => fcase({ recovered: true })),
    ...Array.from({ length: notRecovered }, () => fcase({ recovered: false })),
    ...Array.from({ length: unanswered }, () => fcase()),
  ];

  test("none answered: n 0, withheld", () => {
    expect(recoveryRate(answered(0, 0, 5))).toEqual({
      n: 0,
      recovered: null,
      rate: null,
      reportability: "suppress",
    });
  });

  test("29 answers: withheld, the count too (it would give the rate away); n shown", () => {
    expect(recoveryRate(answered(20, 9, 40))).toEqual({
      n: 29,
      recovered: null,
      rate: null,
      reportability: "suppress",
    });
  });

  test("50 answers, 41 recovered: 82%, flagged (30–59)", () => {
    const rate = recoveryRate(answered(41, 9, 3));
    expect(rate).toMatchObject({ n: 50, recovered: 41, reportability: "caution" });
    expect(rate.rate).toBeCloseTo(0.82, 12);
  });

  test("60 answers, all recovered: 100%, shown", () => {
    expect(recoveryRate(answered(60, 0))).toEqual({ n: 60, recovered: 60, rate: 1, reportability: "ok" });
  });
});

describe("followupFigures", () => {
  test("no cases: zero counts, no shares, no medians", () => {
    expect(followupFigures([], OPENED)).toEqual({
      opened: 0,
      contactedInTime: { count: 0, share: null },
      resolvedInTime: { count: 0, share: null },
      overdue: { count: 0, share: null },
      medianHoursToContact: null,
      medianHoursToResolve: null,
      recovery: { n: 0, recovered: null, rate: null, reportability: "suppress" },
    });
  });

  test("four cases, as of 200 h after opening", () => {
    const cases = deepFreeze([
      // contacted at 2 h, resolved at 50 h: both on time
      fcase({ contactedAt: at(2), resolvedAt: at(50) }),
      // contacted at 60 h (late), resolved at 100 h (on time): overdue
      fcase({ contactedAt: at(60), resolvedAt: at(100) }),
      // contacted at 10 h, never resolved, resolve limit (168 h) passed: overdue
      fcase({ contactedAt: at(10) }),
      // never contacted, limits still ahead (due at 300 h and 400 h): nothing late yet
      fcase({ contactDueAt: at(300), resolveDueAt: at(400) }),
    ]);
    const figures = followupFigures(cases, at(200));
    expect(figures.opened).toBe(4);
    expect(figures.contactedInTime).toEqual({ count: 2, share: 0.5 });
    expect(figures.resolvedInTime).toEqual({ count: 2, share: 0.5 });
    expect(figures.overdue).toEqual({ count: 2, share: 0.5 });
    // contacted after 2, 60, 10 h: median 10; resolved after 50, 100 h: median 75
    expect(figures.medianHoursToContact).toBeCloseTo(10, 12);
    expect(figures.medianHoursToResolve).toBeCloseTo(75, 12);
  });
});

describe("rankCauses", () => {
  // 理赔 (position 0) › 时效 (0), 金额 (1); 服务 (position 1) › 态度 (0)
  const causes: CaseCause[] = [
    { id: 1, parentId: null, name: { "zh-CN": "理赔", en: "Claims" }, position: 0 },
    { id: 2, parentId: 1, name: { "zh-CN": "时效", en: "Speed" }, position: 0 },
    { id: 3, parentId: 1, name: { "zh-CN": "金额", en: "Amount" }, position: 1 },
    { id: 4, parentId: null, name: { "zh-CN": "服务", en: "Service" }, position: 1 },
    { id: 5, parentId: 4, name: { "zh-CN": "态度", en: "Attitude" }, position: 0 },
  ];

  test("most frequent first, ties in the list's order, shares of the cases with a cause", () => {
    const cases = [5, 5, 5, 3, 2, null, 99].map((causeId) => fcase({ causeId }));
    const { ranked, withoutCause } = rankCauses(cases, causes);
    expect(withoutCause).toBe(1);
    expect(ranked.map((cause) => [cause.label["zh-CN"], cause.label.en, cause.count])).toEqual([
      ["服务 › 态度", "Service › Attitude", 3],
      // 时效 and 金额 tie at 1: 时效 comes first in the list; a cause gone from the list last, by its id
      ["理赔 › 时效", "Claims › Speed", 1],
      ["理赔 › 金额", "Claims › Amount", 1],
      ["#99", "#99", 1],
    ]);
    expect(ranked[0]?.share).toBeCloseTo(3 / 6, 12);
    expect(ranked.reduce((total, cause) => total + cause.share, 0)).toBeCloseTo(1, 12);
  });

  test("a top-level cause is named alone; no causes: empty", () => {
    expect(rankCauses([fcase({ causeId: 4 })], causes).ranked[0]?.label).toEqual({
      "zh-CN": "服务",
      en: "Service",
    });
    expect(rankCauses([fcase()], causes)).toEqual({ ranked: [], withoutCause: 1 });
  });
});
