/**
 * The database role the audit service acts as once its migrations have run: it may insert and read audit
 * records, never change or delete them. The service connects as the database owner and takes this role
 * for every connection of its pool (startup option `role`).
 */
export const AUDIT_SERVICE_ROLE = 'registry_audit_service';
