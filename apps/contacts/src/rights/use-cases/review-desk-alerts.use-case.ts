import { Inject, Injectable } from '@nestjs/common';
import { DeskAlertsService, type DeskAlert } from '../desk-alerts.service';
import { SubjectRequestsService } from '../subject-requests.service';

/** The desk's alerts, with requests that have become overdue since the last check raised first. */
@Injectable()
export class ReviewDeskAlertsUseCase {
  constructor(
    @Inject(SubjectRequestsService) private readonly requests: SubjectRequestsService,
    @Inject(DeskAlertsService) private readonly alerts: DeskAlertsService,
  ) {}

  async execute(status: 'OPEN' | 'ACKNOWLEDGED' | undefined): Promise<DeskAlert[]> {
    await this.requests.raiseOverdueAlerts();
    return this.alerts.list(status);
  }
}
