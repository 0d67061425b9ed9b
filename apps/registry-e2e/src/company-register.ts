import { bearer, eventually } from '@registry/testing';
import { call } from './http-call';

/** Waits until contacts' copy of the register, fed by sharing's register topic, knows a company its staff act for. */
export async function untilContactsKnows(contactsUrl: string, companyCode: string): Promise<void> {
  await eventually(async () => expect((await call(`${contactsUrl}/contacts?limit=1`, { token: bearer('sales', companyCode) })).status).toBe(200), { timeoutMs: 60_000, intervalMs: 250 });
}
