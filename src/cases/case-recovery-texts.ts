import type { Bilingual } from "../i18n/bilingual.ts";

/**
 * The recovery survey's e-mail (merge fields as for any wave: {{name}}, {{link}}). It promises nothing
 * the module does not do: the case was handled, and the answer is read.
 */
export const RECOVERY_MESSAGE: { subject: Bilingual; body: Bilingual } = {
  subject: {
    "zh-CN": "{{name}}，您反馈的问题是否已经解决？",
    en: "{{name}}, is the problem you told us about solved?",
  },
  body: {
    "zh-CN":
      "尊敬的{{name}}：\n\n前些天您在满意度调查中告诉我们有不满意的地方，我们已安排专人跟进处理。想请您花一分钟告诉我们：问题是否已经解决？\n\n{{link}}\n\n您的回答会由负责跟进的同事阅读。谢谢！",
    en: "Dear {{name}},\n\nA few days ago you told us in our satisfaction survey that something was not right, and a member of our team has followed it up. Could you take a minute to tell us whether the problem is now solved?\n\n{{link}}\n\nYour answer is read by the colleague who followed it up. Thank you!",
  },
};
