import { Global, Module, type DynamicModule } from '@nestjs/common';
import { JOINT_USE_NOTICE_REVISIONS, NoticeRevisions } from '@registry/policy';

/**
 * The notice revisions sharing decides by: the published list unless the application is created with another
 * (tests supply synthetic revisions this way, without touching the published list). Inject `NoticeRevisions`.
 */
@Global()
@Module({})
export class NoticeSourceModule {
  static register(revisions: NoticeRevisions = JOINT_USE_NOTICE_REVISIONS): DynamicModule {
    return { module: NoticeSourceModule, providers: [{ provide: NoticeRevisions, useValue: revisions }], exports: [NoticeRevisions] };
  }
}
