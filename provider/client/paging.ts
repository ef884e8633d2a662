// Collecting every item of a list command across pages (PROTOCOL.md §5).
import { readListPage } from "./envelope";

export const DEFAULT_PAGE_SIZE = 500;

/**
 * Fetches pages 1, 2, ... until the items received reach `count`, or a page comes back short or
 * empty. Items whose id was already seen are dropped: a row inserted while paging shifts the
 * next page by one and would otherwise appear twice.
 */
export async function collectPages(
  fetchPage: (page: number, pageSize: number) => Promise<Record<string, unknown>>,
  pageSize: number,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const seenIds = new Set<string>();
  let received = 0;
  for (let page = 1; ; page++) {
    const { items: pageItems, count } = readListPage(await fetchPage(page, pageSize));
    received += pageItems.length;
    for (const item of pageItems) {
      if (typeof item.id === "string") {
        if (seenIds.has(item.id)) continue;
        seenIds.add(item.id);
      }
      items.push(item);
    }
    if (pageItems.length === 0 || pageItems.length < pageSize) break;
    if (count !== undefined && received >= count) break;
  }
  return items;
}

/** The server's page-size ceiling from its 431 text "Page size can't exceed max allowed page size value: N". */
export function maxPageSizeFrom(errortext: string): number | undefined {
  const match = /max allowed page size value: (\d+)/.exec(errortext);
  const value = match ? Number(match[1]) : NaN;
  return Number.isInteger(value) && value > 0 ? value : undefined;
}
