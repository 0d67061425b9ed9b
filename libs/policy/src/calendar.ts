/** The date part (YYYY-MM-DD, UTC+9) of an instant, as the group register's and the notice's dates are Japanese calendar dates. */
export function japanDate(at: Date): string {
  return new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}
