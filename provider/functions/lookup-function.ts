// What a lookup function declares (getZone, getNetworkOffering, ...): its arguments and result as
// zod types, and how it finds the one object they name. The sdk calls it in-process for
// TypeScript programs; the native plugin serves the same declaration through Invoke, and
// schema.json's `functions` are generated from it.
import type { z } from "zod";
import type { CloudStackClient } from "../client";

export interface LookupFunction<Args extends Record<string, unknown> = Record<string, unknown>, Result extends Record<string, unknown> = Record<string, unknown>> {
  /** The function's name in programs and its token (`cloudstack:index:<name>`), e.g. "getZone". */
  name: string;
  description: string;
  args: z.ZodType<Args>;
  result: z.ZodType<Result>;
  /** Finds exactly one object; none or several is an error naming the arguments. */
  call(client: CloudStackClient, args: Args): Promise<Result>;
}
