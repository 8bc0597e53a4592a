// A SERVQUAL questionnaire: one tangibles item (t1), one reliability item (r1) and the 100-point
// importance allocation between the two dimensions.
import { parseDefinition } from "../../../../src/questionnaires/questionnaire-definition.ts";
import { reportInputs, totals, version1 } from "./fixtures.ts";

const text = (en: string) => ({ en, "zh-CN": en });
const pair = { expectation: text("Expected"), perception: text("Perceived") };
const parsed = parseDefinition({
  title: text("SERVQUAL"),
  sections: [
    {
      key: "s",
      title: text("S"),
      items: [
        { key: "t1", type: "servqual", dimension: "tangibles", text: text("Modern equipment"), ...pair },
        { key: "r1", type: "servqual", dimension: "reliability", text: text("On time"), ...pair },
        {
          key: "importance",
          type: "importance",
          text: text("Share 100 points"),
          dimensions: ["tangibles", "reliability"],
        },
      ],
    },
  ],
});
if (!parsed.ok) throw new Error("definition");
export const servqualDefinition = parsed.definition;

// t1: expectation 6, perception 4 (gap −2); r1: expectation 5, perception 6 (gap +1), 40 answers
// each (servqual measures sum the expectation in `sum`, the perception in `sumY`). Allocation means:
// tangibles 40, reliability 60. Unweighted SERVQUAL = (−2 + 1) / 2 = −0.5;
// weighted = 0.4 · (−2) + 0.6 · 1 = −0.2.
export const servqualInputs = reportInputs(
  {
    current: version1({
      "servqual:t1": totals({ n: 40, sum: 240, sumY: 160 }),
      "servqual:r1": totals({ n: 40, sum: 200, sumY: 240 }),
      "alloc:importance:tangibles": totals({ n: 40, sum: 1_600 }),
      "alloc:importance:reliability": totals({ n: 40, sum: 2_400 }),
    }),
  },
  servqualDefinition,
);
