import { Module, type DynamicModule } from '@nestjs/common';
import { DISCLOSURE_OPTIONS, DisclosureService, type DisclosureOptions } from './disclosure.service';
import { SubjectRequestsController } from './subject-requests.controller';
import { RIGHTS_OPTIONS, SubjectRequestsService, type RightsOptions } from './subject-requests.service';

/** Data subjects' requests: opened, matched, answered and closed by the administrator. */
@Module({})
export class RightsModule {
  static register(options: RightsOptions & DisclosureOptions): DynamicModule {
    return {
      module: RightsModule,
      controllers: [SubjectRequestsController],
      providers: [
        { provide: RIGHTS_OPTIONS, useValue: options },
        { provide: DISCLOSURE_OPTIONS, useValue: options },
        SubjectRequestsService,
        DisclosureService,
      ],
    };
  }
}
