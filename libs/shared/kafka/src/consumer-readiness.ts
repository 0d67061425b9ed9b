/** Where a service's consumer stands: joining (or rejoining) its group, holding its assignment, failed, or stopped. */
export type ConsumerState = 'joining' | 'consuming' | 'failed' | 'stopped';

export interface ConsumerStatus {
  groupId: string;
  state: ConsumerState;
  /** Partitions assigned to this member at its last join; 0 is a standby when the group has more members than partitions. */
  partitions: number;
  /** Why it failed, as the broker or client named it (`GROUP_AUTHORIZATION_FAILED`); never a message's content. */
  reason?: string;
  since: string;
}

/** The consumers of a service report here; readiness holds only while every one of them holds its assignment. */
export class ConsumerReadiness {
  private readonly byGroup = new Map<string, ConsumerStatus>();

  report(groupId: string, state: ConsumerState, details: { partitions?: number; reason?: string } = {}): void {
    const previous = this.byGroup.get(groupId);
    this.byGroup.set(groupId, {
      groupId,
      state,
      partitions: details.partitions ?? (state === 'consuming' ? (previous?.partitions ?? 0) : 0),
      ...(details.reason ? { reason: details.reason } : {}),
      since: previous?.state === state && previous.reason === details.reason ? previous.since : new Date().toISOString(),
    });
  }

  statuses(): ConsumerStatus[] {
    return [...this.byGroup.values()];
  }

  /** True when the service has no consumer, or each has joined its group and holds its assignment. */
  ready(): boolean {
    return this.statuses().every((status) => status.state === 'consuming');
  }
}
