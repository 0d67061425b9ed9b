import { Controller, Get, Header, Headers, Query, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '@registry/auth';
import { JOINT_USE_NOTICE, type JointUseNotice } from '@registry/policy';
import type { FastifyReply } from 'fastify';
import { JointUseNoticeResponse } from './dto/joint-use-notice.response';
import { NoticeQuery } from './dto/notice.query';
import { noticeFormat } from './notice-format';
import { NOTICE_PAGE_CONTENT_SECURITY_POLICY, renderNoticePage } from './notice-page';
import { NOTICE_PAGE_CSS } from './notice.styles';

// Public: the notice is published to everyone whose data may be used jointly, so no token is asked for.
@ApiTags('joint-use notice')
@Controller('joint-use-notice')
export class NoticeController {
  @Get()
  @PublicRoute()
  @ApiOperation({
    summary: 'The joint-use notice in force: items, joint users, purposes, acquisition and the company responsible',
    description:
      'Public, no token. JSON (both languages) by default; a readable, printable page when the client prefers text/html or asks for format=html, in Japanese or English (lang=ja|en).',
  })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ type: JointUseNoticeResponse })
  notice(@Query() query: NoticeQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): JointUseNotice | string {
    reply.header('Vary', 'Accept').header('Cache-Control', 'public, max-age=300').header('X-Content-Type-Options', 'nosniff');
    if (noticeFormat(query.format, accept) === 'json') return JOINT_USE_NOTICE;
    const lang = query.lang ?? 'ja';
    reply
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Content-Language', lang)
      .header('Content-Security-Policy', NOTICE_PAGE_CONTENT_SECURITY_POLICY)
      .header('X-Frame-Options', 'DENY')
      .header('Referrer-Policy', 'no-referrer');
    return renderNoticePage(JOINT_USE_NOTICE, lang);
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
