import { Module } from '@nestjs/common';
import { NoticeController } from './notice.controller';

/** The published joint-use notice at GET /joint-use-notice, as JSON or as a page. */
@Module({ controllers: [NoticeController] })
export class NoticeModule {}
