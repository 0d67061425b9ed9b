// How the desk shows numbers and times: thousands separators, Tokyo time whatever the browser's zone.

const COUNT = new Intl.NumberFormat('ja-JP');
const DATE_TIME = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const DATE = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });

export function formatCount(count: number): string {
  return COUNT.format(count);
}

/** An instant as Tokyo time, e.g. "2026/11/29 21:05 JST". */
export function formatDateTime(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return '—';
  return `${DATE_TIME.format(date)} JST`;
}

/** A calendar date (YYYY-MM-DD, no zone) as written in Japan, e.g. "2026/11/20". */
export function formatDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return match ? `${match[1]}/${match[2]}/${match[3]}` : isoDate;
}

/** Today's date in Tokyo as YYYY-MM-DD (the default acquisition date). */
export function todayInTokyo(now = new Date()): string {
  const parts = Object.fromEntries(DATE.formatToParts(now).map((part) => [part.type, part.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
}
