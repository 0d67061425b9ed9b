import { Controller, Get, Header, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '@registry/auth';
import { RegistryException, RegistryErrorDto } from '@registry/platform';
import { japanDate, NoticeRevisions, type JointUseNoticeShape, type NoticeRevision } from '@registry/policy';
import type { FastifyReply } from 'fastify';
import { JointUseNoticeResponse, RevisionListResponse, type RevisionResponse } from './dto/joint-use-notice.response';
import { NoticeQuery } from './dto/notice.query';
import { JointUsersService, type ListedCompany } from './joint-users.service';
import { noticeFormat } from './notice-format';
import { NOTICE_PAGE_CONTENT_SECURITY_POLICY, renderNoticePage } from './notice-page';
import { NOTICE_PAGE_CSS } from './notice.styles';

/** The notice as published in JSON: the revision's content, the date, the revision and the list of companies. */
type PublishedNotice = JointUseNoticeShape & { on: string; revision: RevisionResponse; companies: ListedCompany[] };

const revisionOf = ({ version, publishedOn, effectiveFrom, changes, summary }: NoticeRevision): RevisionResponse => ({
  version,
  publishedOn,
  effectiveFrom,
  changes: [...changes],
  summary,
});

// Public: the notice is published to everyone whose data may be used jointly, so no token is asked for.
@ApiTags('joint-use notice')
@Controller('joint-use-notice')
export class NoticeController {
  constructor(
    @Inject(NoticeRevisions) private readonly revisions: NoticeRevisions,
    @Inject(JointUsersService) private readonly jointUsers: JointUsersService,
  ) {}

  @Get()
  @PublicRoute()
  @ApiOperation({ operationId: 'getJointUseNotice',
    summary: 'The joint-use notice in force (or in force on a past date): items, joint users and the list of them, purposes, acquisition and the company responsible',
    description:
      'Public, no token. JSON (both languages) by default; a readable, printable page when the client prefers text/html or asks for format=html, in Japanese or English (lang=ja|en). ' +
      'on=YYYY-MM-DD gives the revision in force on that date and the group companies as the register stood then.',
  })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ type: JointUseNoticeResponse })
  @ApiBadRequestResponse({ type: RegistryErrorDto, description: 'on is not a calendar date, or lies before the first revision or after today' })
  async notice(@Query() query: NoticeQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<PublishedNotice | string> {
    const today = japanDate(new Date());
    const on = query.on ?? today;
    const first = this.revisions.first.effectiveFrom;
    if (on < first || on > today) {
      throw new RegistryException('VALIDATION_FAILED', 400, 'The request is invalid; see details for each field.', [
        { field: 'on', rule: 'withinPublishedNotice', message: `on must be a date from ${first} (the first revision) to ${today} (today)` },
      ]);
    }
    const revision = this.revisions.onDate(on);
    const companies = await this.jointUsers.on(on, revision.notice);
    reply.header('Vary', 'Accept').header('Cache-Control', 'public, max-age=300').header('X-Content-Type-Options', 'nosniff');
    if (noticeFormat(query.format, accept) === 'json') return { ...revision.notice, on, revision: revisionOf(revision), companies };
    const lang = query.lang ?? 'ja';
    reply
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Content-Language', lang)
      .header('Content-Security-Policy', NOTICE_PAGE_CONTENT_SECURITY_POLICY)
      .header('X-Frame-Options', 'DENY')
      .header('Referrer-Policy', 'no-referrer');
    return renderNoticePage(revision.notice, lang, { on, companies, history: this.revisions.publishedBy(today).map(revisionOf), inForce: revision.version });
  }

  @Get('revisions')
  @PublicRoute()
  @ApiOperation({ operationId: 'listJointUseNoticeRevisions',
    summary: 'Every revision of the joint-use notice, with its dates and what it changed',
    description: 'Public, no token. Oldest first; a revision announced in advance is listed from the day it is published, before it takes effect.',
  })
  @ApiOkResponse({ type: RevisionListResponse })
  revisionList(@Res({ passthrough: true }) reply: FastifyReply): RevisionListResponse {
    reply.header('Cache-Control', 'public, max-age=300');
    const today = japanDate(new Date());
    const inForce = this.revisions.onDate(today).version;
    return { revisions: this.revisions.publishedBy(today).map((revision) => ({ ...revisionOf(revision), inForce: revision.version === inForce })) };
  }

  @Get('notice.css')
  @PublicRoute()
  @ApiExcludeEndpoint()
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  @Header('X-Content-Type-Options', 'nosniff')
  styles(): string {
    return NOTICE_PAGE_CSS;
  }
}
