import type { Bilingual, Locale } from "../i18n/bilingual.ts";

/** The texts a wave's messages are made from; a wave may override any of them per language. */
export interface WaveMessageTexts {
  subject: Bilingual | null;
  body: Bilingual | null;
  reminderSubject: Bilingual | null;
  reminderBody: Bilingual | null;
}

export const DEFAULT_TEMPLATES: Record<"subject" | "body" | "reminderSubject" | "reminderBody", Bilingual> = {
  subject: {
    "zh-CN": "{{name}}，诚邀您参加满意度调查",
    en: "{{name}}, how did we do? A short satisfaction survey",
  },
  body: {
    "zh-CN":
      "尊敬的{{name}}：\n\n感谢您一直以来对我们的信任。为了把服务做得更好，诚邀您花几分钟时间填写这份满意度问卷：\n\n{{link}}\n\n问卷将于 {{closeDate}} 截止。您的每一条意见都会有专人阅读。\n\n谢谢！",
    en: "Dear {{name}},\n\nThank you for your trust. To serve you better, we would be grateful if you could spend a few minutes on this satisfaction survey:\n\n{{link}}\n\nThe survey closes on {{closeDate}}. Every comment is read by a member of our service-quality team.\n\nThank you!",
  },
  reminderSubject: {
    "zh-CN": "提醒：{{name}}，您的意见对我们很重要",
    en: "Reminder: {{name}}, your opinion matters to us",
  },
  reminderBody: {
    "zh-CN":
      "尊敬的{{name}}：\n\n前几天我们邀请您参加满意度调查，如果您还没来得及填写，只需几分钟：\n\n{{link}}\n\n问卷将于 {{closeDate}} 截止。若已填写，请忽略本邮件。\n\n谢谢！",
    en: "Dear {{name}},\n\nA few days ago we invited you to our satisfaction survey. If you have not had the time yet, it takes only a few minutes:\n\n{{link}}\n\nThe survey closes on {{closeDate}}. If you have already answered, please ignore this message.\n\nThank you!",
  },
};

/** The subject and body of one message: the wave's own text in that language, else the default. */
export function waveTemplates(
  wave: WaveMessageTexts,
  locale: Locale,
  kind: "invitation" | "reminder",
): { subject: string; body: string } {
  const pick = (own: Bilingual | null, fallback: Bilingual) => own?.[locale]?.trim() || fallback[locale];
  return kind === "invitation"
    ? {
        subject: pick(wave.subject, DEFAULT_TEMPLATES.subject),
        body: pick(wave.body, DEFAULT_TEMPLATES.body),
      }
    : {
        subject: pick(wave.reminderSubject, DEFAULT_TEMPLATES.reminderSubject),
        body: pick(wave.reminderBody, DEFAULT_TEMPLATES.reminderBody),
      };
}
