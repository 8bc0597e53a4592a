/**
 * Chinese for the field messages that schemas and services write in English (the API answers in
 * English; forms show these next to the field in the page's language). Unlisted messages show as written.
 */
export const VALIDATION_ZH: Record<string, string> = {
  required: "必填",
  "already taken": "已被占用",
  "not correct": "不正确",
  "choose a user": "请选择用户",
  "no such active user": "没有此在用用户",
  "not an email address": "不是有效的电子邮件地址",
  "at least 10 characters": "至少 10 个字符",
  "at most 100 characters": "最多 100 个字符",
  "at most 200 characters": "最多 200 个字符",
  "3–40 letters, digits, dots, dashes or underscores": "3–40 个字母、数字、点、短横线或下划线",
  "one of admin, quality, manager, customer_manager": "请选择一个角色",
  "zh-CN or en": "zh-CN 或 en",
  "You cannot disable your own account": "不能停用您自己的账户",
  "This is the last active administrator and cannot be disabled": "这是最后一个在用的管理员，不能停用",
  "This is the last active administrator; make another user an administrator first":
    "这是最后一个在用的管理员；请先将另一位用户设为管理员",
};
