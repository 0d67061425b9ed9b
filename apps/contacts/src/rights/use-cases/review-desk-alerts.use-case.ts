import { Inject, Injectable } from '@nestjs/common';
import { DeskAlertsService, type DeskAlert } from '../desk-alerts.service';
import { RetentionProposalsService } from '../retention-proposals.service';
import { SubjectRequestsService } from '../subject-requests.service';

export interface DeskSummary {
  openAlerts: number;
  overdueRequests: number;
  retentionProposals: number;
}

/** The desk's alerts, with requests that have become overdue since the last check raised first. */
@Injectable()
export class ReviewDeskAlertsUseCase {
  constructor(
    @Inject(SubjectRequestsService) private readonly requests: SubjectRequestsService,
    @Inject(DeskAlertsService) private readonly alerts: DeskAlertsService,
    @Inject(RetentionProposalsService) private readonly retention: RetentionProposalsService,
  ) {}

  async execute(status: 'OPEN' | 'ACKNOWLEDGED' | undefined): Promise<DeskAlert[]> {
    await this.requests.raiseOverdueAlerts();
    return this.alerts.list(status);
  }

  /** What waits for the desk, in counts: alerts not yet acknowledged, overdue requests, persons proposed for erasure. */
  async summary(): Promise<DeskSummary> {
    await this.requests.raiseOverdueAlerts();
    await this.retention.propose();
    const [openAlerts, overdueRequests, retentionProposals] = await Promise.all([this.alerts.countOpen(), this.requests.countOverdue(), this.retention.count()]);
    return { openAlerts, overdueRequests, retentionProposals };
  }
}
