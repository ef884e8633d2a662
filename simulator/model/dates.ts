/** CloudStack's response date format, yyyy-MM-dd'T'HH:mm:ssZ in UTC: 2026-11-27T12:00:00+0000. */
export function formatDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "+0000");
}

export const now = (): string => formatDate(new Date());
