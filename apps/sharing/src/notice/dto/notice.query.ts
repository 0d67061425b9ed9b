import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, Matches } from 'class-validator';
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

  @ApiPropertyOptional({
    example: '2025-04-01',
    description:
      'A Japanese calendar date (YYYY-MM-DD), from the first revision to today: the notice in force on that day and the group companies as the register stood at its end. Today by default.',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'on must be a date YYYY-MM-DD' })
  @IsDateString({ strict: true }, { message: 'on must be a calendar date' })
  on?: string;
}
