import { Module } from '@nestjs/common';
import { JointUsersService } from './joint-users.service';
import { NoticeController } from './notice.controller';

/** The published joint-use notice at GET /joint-use-notice, as JSON or as a page, with its revisions and the list of joint users. */
@Module({ controllers: [NoticeController], providers: [JointUsersService] })
export class NoticeModule {}
