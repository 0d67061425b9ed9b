import { Module, type DynamicModule } from '@nestjs/common';
import { DISCLOSURE_OPTIONS, DisclosureService, type DisclosureOptions } from './disclosure.service';
import { RetentionProposalsController } from './retention-proposals.controller';
import { RETENTION_OPTIONS, RetentionProposalsService, type RetentionOptions } from './retention-proposals.service';
import { SubjectRequestsController } from './subject-requests.controller';
import { RIGHTS_OPTIONS, SubjectRequestsService, type RightsOptions } from './subject-requests.service';
import { CorrectForSubjectUseCase } from './use-cases/correct-for-subject.use-case';
import { CorrectTransactionEntryForSubjectUseCase } from './use-cases/correct-transaction-entry-for-subject.use-case';
import { DiscloseToSubjectUseCase } from './use-cases/disclose-to-subject.use-case';
import { EraseForRetentionUseCase } from './use-cases/erase-for-retention.use-case';
import { EraseForSubjectUseCase } from './use-cases/erase-for-subject.use-case';
import { RespondToComplaintUseCase } from './use-cases/respond-to-complaint.use-case';
import { ReviewDeskAlertsUseCase } from './use-cases/review-desk-alerts.use-case';
import { SetJointUseUseCase } from './use-cases/set-joint-use.use-case';
import { SetSubjectSuspensionUseCase } from './use-cases/set-subject-suspension.use-case';

export interface RightsModuleOptions extends RightsOptions, DisclosureOptions {
  retention: RetentionOptions;
  /** The contacts module the desk acts through (the very instance the application imports). */
  contacts: DynamicModule;
}

/** Data subjects' requests, complaints and retention: opened, matched, answered and closed by the administrator. */
@Module({})
export class RightsModule {
  static register({ contacts, retention, ...options }: RightsModuleOptions): DynamicModule {
    return {
      module: RightsModule,
      imports: [contacts],
      controllers: [SubjectRequestsController, RetentionProposalsController],
      providers: [
        { provide: RIGHTS_OPTIONS, useValue: options },
        { provide: DISCLOSURE_OPTIONS, useValue: options },
        { provide: RETENTION_OPTIONS, useValue: retention },
        RetentionProposalsService,
        EraseForRetentionUseCase,
        RespondToComplaintUseCase,
        SubjectRequestsService,
        DisclosureService,
        DiscloseToSubjectUseCase,
        CorrectForSubjectUseCase,
        CorrectTransactionEntryForSubjectUseCase,
        SetSubjectSuspensionUseCase,
        EraseForSubjectUseCase,
        SetJointUseUseCase,
        ReviewDeskAlertsUseCase,
      ],
    };
  }
}
