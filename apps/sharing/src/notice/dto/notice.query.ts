import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { NOTICE_FORMATS, NOTICE_LANGUAGES, type NoticeFormat, type NoticeLanguage } from '../notice-format';

export class NoticeQuery {
  @ApiPropertyOptional({
    enum: NOTICE_FORMATS,
    description: 'json or html. Without it the Accept header decides: a client preferring text/html gets the page, anyone else JSON.',
  })
  @IsOptional()
  @IsIn(NOTICE_FORMATS)
  format?: NoticeFormat;

  @ApiPropertyOptional({ enum: NOTICE_LANGUAGES, default: 'ja', description: 'Language of the page; the JSON carries both languages.' })
  @IsOptional()
  @IsIn(NOTICE_LANGUAGES)
  lang?: NoticeLanguage;
}
