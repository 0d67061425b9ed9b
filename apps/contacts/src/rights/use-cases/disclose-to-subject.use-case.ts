import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal } from '@registry/auth';
import { DataSource } from 'typeorm';
import type { AnsweredDisclosure } from '../disclosure-answer';
import { DisclosureService } from '../disclosure.service';
import { SubjectRequestsService } from '../subject-requests.service';

/**
 * Gathers the disclosure bundle for a request's confirmed persons, with the delivery the person asked for and any
 * refusal, and keeps the step on the request's timeline. Refused in whole, the bundle carries the refusal alone.
 */
@Injectable()
export class DiscloseToSubjectUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SubjectRequestsService) private readonly requests: SubjectRequestsService,
    @Inject(DisclosureService) private readonly disclosure: DisclosureService,
  ) {}

  async execute(principal: Principal, requestId: string, format: 'json' | 'html'): Promise<AnsweredDisclosure> {
    const { type, contactIds, deliveryMethod, refusal } = await this.requests.confirmedFor(requestId, 'DISCLOSED');
    const bundle = await this.disclosure.gather(this.dataSource.manager, principal, { id: requestId, type }, contactIds);
    await this.requests.record(principal, requestId, 'DISCLOSED', { contactIds, format, deliveryMethod, refused: refusal?.extent ?? null });
    return { ...bundle, deliveryMethod, refusal };
  }
}
