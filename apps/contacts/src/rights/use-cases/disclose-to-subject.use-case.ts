import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal } from '@registry/auth';
import { DataSource } from 'typeorm';
import { DisclosureService, type DisclosureBundle } from '../disclosure.service';
import { SubjectRequestsService } from '../subject-requests.service';

/** Gathers the disclosure bundle for a request's confirmed persons, and keeps the step on the request's timeline. */
@Injectable()
export class DiscloseToSubjectUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SubjectRequestsService) private readonly requests: SubjectRequestsService,
    @Inject(DisclosureService) private readonly disclosure: DisclosureService,
  ) {}

  async execute(principal: Principal, requestId: string, format: 'json' | 'html'): Promise<DisclosureBundle> {
    const { type, contactIds } = await this.requests.confirmedFor(requestId, 'DISCLOSED');
    const bundle = await this.disclosure.gather(this.dataSource.manager, principal, { id: requestId, type }, contactIds);
    await this.requests.record(principal, requestId, 'DISCLOSED', { contactIds, format });
    return bundle;
  }
}
