import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@registry/auth';
import { SubjectRequestsService, type SubjectRequest } from '../subject-requests.service';

/** Records the answer to a complaint or consultation (policy section 6, APPI art. 40); it needs no confirmed person. */
@Injectable()
export class RespondToComplaintUseCase {
  constructor(@Inject(SubjectRequestsService) private readonly requests: SubjectRequestsService) {}

  async execute(principal: Principal, requestId: string, summary: string): Promise<SubjectRequest> {
    await this.requests.act(principal, requestId, 'RESPONDED', async () => ({ result: null, detail: { summary } }));
    return this.requests.get(requestId);
  }
}
