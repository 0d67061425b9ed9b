export const NOTICE_FORMATS = ['json', 'html'] as const;
export type NoticeFormat = (typeof NOTICE_FORMATS)[number];

export const NOTICE_LANGUAGES = ['ja', 'en'] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

/** The quality an Accept header gives a media type: its most specific matching range wins; 0 when none matches. */
function quality(accept: string, mediaType: string): number {
  const [type] = mediaType.split('/');
  let best = { specificity: -1, q: 0 };
  for (const part of accept.toLowerCase().split(',')) {
    const [range = '', ...parameters] = part.split(';').map((piece) => piece.trim());
    const specificity = range === mediaType ? 2 : range === `${type}/*` ? 1 : range === '*/*' ? 0 : -1;
    if (specificity <= best.specificity) continue;
    const q = Number(parameters.find((parameter) => parameter.startsWith('q='))?.slice(2) ?? '1');
    best = { specificity, q: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 1 };
  }
  return best.q;
}

/** The format asked for: the `format` parameter if given, else the page when Accept prefers HTML to JSON; JSON by default. */
export function noticeFormat(format: NoticeFormat | undefined, accept: string | undefined): NoticeFormat {
  if (format) return format;
  if (!accept) return 'json';
  return quality(accept, 'text/html') > quality(accept, 'application/json') ? 'html' : 'json';
}
