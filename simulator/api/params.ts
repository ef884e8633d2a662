// Reading handler parameters the way CloudStack's ParamProcessWorker types them.
import { ApiError } from "../errors";
import type { HandlerContext, RawParams } from "../wire/types";

/** A parameter's value; empty strings count as absent, as CloudStack drops empty values. */
export function str(params: RawParams, name: string): string | undefined {
  const v = params[name];
  return v === undefined || v === "" ? undefined : v;
}

/** A STRING parameter that may be set to empty on purpose (e.g. clearing dns1 on update). */
export const rawStr = (params: RawParams, name: string): string | undefined => params[name];

/** Boolean.parseBoolean: "true" in any case is true, anything else false. */
export function bool(params: RawParams, name: string): boolean | undefined {
  const v = str(params, name);
  return v === undefined ? undefined : v.toLowerCase() === "true";
}

export function int(params: RawParams, name: string): number | undefined {
  const v = str(params, name);
  return v === undefined ? undefined : Number(v);
}

/** CommandType.LIST: comma separated. */
export function list(params: RawParams, name: string): string[] | undefined {
  const v = str(params, name);
  return v === undefined ? undefined : v.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/** CommandType.MAP sent as name[i].key=value: one entry per index, in index order. */
export function map(params: RawParams, name: string): Array<Record<string, string>> {
  const byIndex = new Map<number, Record<string, string>>();
  const prefix = `${name.toLowerCase()}[`;
  for (const [k, v] of Object.entries(params)) {
    if (!k.toLowerCase().startsWith(prefix)) continue;
    const m = /^[^[]+\[(\d+)\]\.(.+)$/.exec(k);
    if (!m) continue;
    const i = Number(m[1]);
    const entry = byIndex.get(i) ?? {};
    entry[m[2].toLowerCase()] = v;
    byIndex.set(i, entry);
  }
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, e]) => e);
}

/** Commands CloudStack authorizes for root admins only answer others as unknown (432). */
export function requireRootAdmin(ctx: HandlerContext): void {
  if (!ctx.caller.isRootAdmin) {
    throw new ApiError(432, "The given command does not exist or it is not available for user", 9999);
  }
}

/** keyword: CloudStack matches it as a substring of the name (SQL LIKE %keyword%). */
export const keywordMatches = (keyword: string | undefined, ...fields: Array<string | undefined>): boolean =>
  keyword === undefined || fields.some((f) => f !== undefined && f.toLowerCase().includes(keyword.toLowerCase()));
