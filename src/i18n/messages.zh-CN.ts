import { accountsZhCN } from "../accounts/messages.zh-CN.ts";
import { auditZhCN } from "../audit/messages.zh-CN.ts";
import { casesZhCN } from "../cases/messages.zh-CN.ts";
import { consoleZhCN } from "../console/messages.zh-CN.ts";
import { customerZhCN } from "../customers/messages.zh-CN.ts";
import { departmentsZhCN } from "../departments/messages.zh-CN.ts";
import { distributionZhCN } from "../distribution/messages.zh-CN.ts";
import { builderZhCN } from "../questionnaires/builder/messages.zh-CN.ts";
import { reportsZhCN } from "../reports/messages.zh-CN.ts";
import { surveyZhCN } from "../responses/messages.zh-CN.ts";
import type { coreEn, MessageKey } from "./messages.en.ts";

/** 简体中文界面文字（外壳部分）。 */
const coreZhCN: Record<keyof typeof coreEn, string> = {
  "app.name": "满意",
  "app.tagline": "衡量客户满意度，并据此改进",
  "lang.switch": "English",
  "common.save": "保存",
  "common.cancel": "取消",
  "common.create": "创建",
  "common.optional": "选填",
  "common.previous": "上一页",
  "common.next": "下一页",
  "common.pageOf": "第 {page} 页，共 {pages} 页",
  "common.total": "共 {count} 条",
  "common.fixErrors": "请更正下面标出的字段。",
  "error.403.title": "无权访问",
  "error.403.body": "您的角色无权访问此页面。如需访问，请联系管理员。",
  "error.csrf.title": "表单已过期",
  "error.csrf.body": "为了您的安全，此表单未被接受。请返回，刷新页面后重试。",
  "error.404.title": "页面不存在",
  "error.404.body": "此地址没有页面。请检查链接，或返回首页。",
  "error.413.title": "数据过多",
  "error.413.body": "请求超出了满意系统可接受的大小。",
  "error.429.title": "尝试次数过多",
  "error.422.title": "输入无法接受",
  "error.422.body": "您提交的内容有误，没有被保存。请返回检查后再试。",
  "error.500.title": "出错了",
  "error.503.title": "暂时无法服务",
  "error.503.body": "数据库暂时无法连接，您的请求没有被处理。请几秒钟后再试。",
  "error.500.body": "发生了意外错误，已记录在日志中。请稍后再试。",
  "error.backHome": "返回首页",
  "error.backToSurvey": "返回问卷",
  "error.requestId": "参考编号：{id}",
  "validation.required": "必填",
  "validation.invalid": "无效",
  "validation.number": "请输入数字",
  "validation.wholeNumber": "请输入整数",
  "validation.tooShort": "至少 {minimum} 个字符",
  "validation.tooLong": "最多 {maximum} 个字符",
  "validation.tooSmall": "不能小于 {minimum}",
  "validation.tooBig": "不能大于 {maximum}",
  "validation.chooseOne": "请至少选择一项",
  "validation.tooFew": "至少 {minimum} 项",
  "validation.tooMany": "最多 {maximum} 项",
  "validation.email": "不是有效的电子邮件地址",
  "validation.choose": "请从选项中选择",
  "validation.notAccepted": "不是可接受的字段",
  "validation.date": "请输入日期，例如 2026-10-31",
  "conflict.duplicate":
    "该记录已存在{field, select, other {（{field} 已被占用）} none {}}，可能刚被另一请求创建。请刷新后查看。",
  "validation.unstorableText": "含有无法保存的字符（空字符或残缺的 Unicode 字符）",
  "validation.chooseQuestionnaire": "请选择问卷",
  "validation.chooseCustomer": "请选择客户",
};

export const zhCN: Record<MessageKey, string> = {
  ...coreZhCN,
  ...accountsZhCN,
  ...auditZhCN,
  ...casesZhCN,
  ...consoleZhCN,
  ...departmentsZhCN,
  ...surveyZhCN,
  ...builderZhCN,
  ...distributionZhCN,
  ...customerZhCN,
  ...reportsZhCN,
};
