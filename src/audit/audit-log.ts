/** What the audit log records. Views and exports of customer personal data are added by their modules. */
export const AUDIT_ACTIONS = [
  "auth.login",
  "auth.login_failed",
  "auth.logout",
  "user.created",
  "user.role_changed",
  "user.password_reset",
  "user.disabled",
  "user.enabled",
  "user.profile_changed",
  "api_token.created",
  "api_token.revoked",
  "questionnaire.published",
  "customer.viewed",
  "customer.exported",
  "wave.created",
  "wave.launched",
  "wave.link_signed",
  "customer.created",
  "customer.updated",
  "customer.opted_out",
  "customer.opted_in",
  "customer.imported",
  "customer.bulk_upserted",
  "segment.saved",
  "segment.deleted",
  "case.viewed",
  "case.contact_logged",
  "case.status_changed",
  "case.reassigned",
  "case.notes_saved",
  "case_rule.saved",
  "case_cause.saved",
  "work_calendar.saved",
  "department.created",
  "department.updated",
  "department.deactivated",
  "department.reactivated",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface NewAuditEntry {
  action: AuditAction;
  actorUserId?: number | null;
  actorName?: string | null;
  targetType?: string;
  targetId?: string | number;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  id: number;
  at: Date;
  actorUserId: number | null;
  actorName: string | null;
  action: AuditAction;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}
