/** Injection token of the company sync settings. */
export const COMPANY_SYNC_OPTIONS = Symbol('COMPANY_SYNC_OPTIONS');

export interface CompanySyncOptions {
  /** Contacts delivered or withdrawn per transaction. */
  batchSize: number;
  /** How often unfinished jobs are looked for. */
  pollIntervalMs: number;
  /** How often joining and leaving dates are checked against today. */
  checkIntervalMs: number;
}
