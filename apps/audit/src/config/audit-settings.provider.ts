/** Injection token of the service's validated settings (AuditSettings), for providers that need them. */
export const AUDIT_SETTINGS = Symbol('AUDIT_SETTINGS');
