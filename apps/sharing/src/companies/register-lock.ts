import type { EntityManager } from 'typeorm';

/*
 * Deliveries that follow the group register and changes of a company's eligibility exclude each other.
 * A contact change holds the lock shared from reading the register until it commits; an eligibility change
 * takes it exclusively, so it waits for those changes to commit and any later one reads the new register.
 * A backfill or withdrawal that starts after the eligibility change therefore sees every delivery made
 * under the old register, and no delivery under the old register can land behind it.
 */
const GROUP_REGISTER_LOCK = 'group-register';

/** Taken by every delivery decision that reads the group register; released at commit. */
export async function lockRegisterForDeliveries(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock_shared(hashtext($1))`, [GROUP_REGISTER_LOCK]);
}

/** Taken by an eligibility change; released at commit. */
export async function lockRegisterForEligibilityChange(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [GROUP_REGISTER_LOCK]);
}

/** Serialises changes to one register entry, whoever makes them (the administrator, the scheduled check). */
export async function lockRegisterEntry(manager: EntityManager, code: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`group-company:${code}`]);
}
