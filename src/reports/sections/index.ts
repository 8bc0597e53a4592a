import { breakdownsSection } from "./breakdowns.ts";
import { dimensionsSection } from "./dimensions.ts";
import { dissatisfactionSection } from "./dissatisfaction.ts";
import { distributionSection } from "./distribution.ts";
import { followupSection } from "./followup.ts";
import { headlineSection } from "./headline.ts";
import { indicatorsSection } from "./indicators.ts";
import { ipaSection } from "./ipa.ts";
import { kanoSection } from "./kano.ts";
import { rankingsSection } from "./rankings.ts";
import { servqualSection } from "./servqual.ts";
import { trendSection } from "./trend.ts";

/**
 * The report's sections in the order the model, the page and the workbook list them; the page numbers
 * them 1, 2, 3… over those it shows. A new section is one file in this folder and one line here (and
 * its part named in ReportModel).
 */
export const REPORT_SECTIONS = [
  headlineSection,
  dimensionsSection,
  indicatorsSection,
  distributionSection,
  kanoSection,
  servqualSection,
  ipaSection,
  breakdownsSection,
  trendSection,
  dissatisfactionSection,
  rankingsSection,
  followupSection,
] as const;
