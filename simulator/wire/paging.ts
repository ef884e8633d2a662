// page / pagesize as BaseListCmd validates and applies them.
import { ApiError, paramError } from "../errors";
import { RawParams } from "./types";

/** CloudStack's default.page.size, which is also the largest page a caller may ask for. */
export const DEFAULT_PAGE_SIZE = 500;
const UNLIMITED = -1;

export interface PageWindow {
  /** Index of the first item, 0-based. */
  start: number;
  /** Number of items, or undefined for no limit. */
  size: number | undefined;
}

/** BaseListCmd.validateSpecificParameters builds these directly as ServerApiException (9999). */
const serverParamError = (text: string): ApiError => new ApiError(431, text, 9999);

/** Validates page/pagesize (values already checked as integers) and returns the window. */
export function pageWindow(command: string, params: RawParams, maxPageSize: number = DEFAULT_PAGE_SIZE): PageWindow {
  const pageText = params.page;
  const sizeText = params.pagesize;
  const pageSize = sizeText === undefined ? undefined : Number(sizeText);
  const page = pageText === undefined ? undefined : Number(pageText);
  if (page === undefined && pageSize !== undefined && pageSize !== UNLIMITED) {
    throw serverParamError('"page" parameter is required when "pagesize" is specified');
  }
  if (pageSize === undefined && page !== undefined) {
    throw serverParamError('"pagesize" parameter is required when "page" is specified');
  }
  if (pageSize !== undefined && maxPageSize !== UNLIMITED && pageSize > maxPageSize) {
    throw paramError(`Page size can't exceed max allowed page size value: ${maxPageSize}`);
  }
  if (pageSize === UNLIMITED) {
    if (page !== undefined) throw paramError("Can't specify page parameter when pagesize is -1 (Unlimited)");
    return { start: 0, size: undefined };
  }
  if (pageSize === undefined || page === undefined) {
    return { start: 0, size: maxPageSize === UNLIMITED ? undefined : maxPageSize };
  }
  if (pageSize < 1 || page < 1) {
    const [name, value] = page < 1 ? ["page", pageText] : ["pagesize", sizeText];
    throw serverParamError(`Unable to execute API command ${command.toLowerCase()} due to invalid value ${value} for parameter ${name}`);
  }
  return { start: pageSize * (page - 1), size: pageSize };
}

export function applyWindow<T>(items: ReadonlyArray<T>, window: PageWindow): ReadonlyArray<T> {
  if (window.start === 0 && (window.size === undefined || items.length <= window.size)) return items;
  return items.slice(window.start, window.size === undefined ? undefined : window.start + window.size);
}
