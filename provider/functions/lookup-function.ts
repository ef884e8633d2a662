// What a lookup function declares (getZone, getNetworkOffering, ...): its arguments and result as
// zod objects, and how it finds the one object they name. The sdk calls it in-process for
// TypeScript programs; the native plugin serves the same declaration through Invoke, and
// schema.json's `functions` and docs/functions.md are generated from it.
import type { z } from "zod";
import type { CloudStackClient } from "../client";

export interface LookupFunction {
  /** The function's name in programs and its token (`cloudstack:index:<name>`), e.g. "getZone". */
  readonly name: string;
  readonly description: string;
  /** The CloudStack list command the function reads (for the docs). */
  readonly listCommand: string;
  /** The arguments, each described; every one is optional and narrows the match. */
  readonly args: z.ZodObject<z.ZodRawShape>;
  /** Arguments that find one object, for the docs' example (a test runs each on the simulator). */
  readonly example: Readonly<Record<string, unknown>>;
  /** The result, each field described; absent values are null. */
  readonly result: z.ZodObject<z.ZodRawShape>;
  /**
   * Validates `args` (a LookupArgumentError naming the argument, value and rule) and finds
   * exactly one object; none or several is a LookupError naming the arguments and the candidates.
   */
  call(client: CloudStackClient, args: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>>;
}

/** Arguments that break their rules: raised before any request. */
export class LookupArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LookupArgumentError";
  }
}

/** No object, or several, matched the arguments. */
export class LookupError extends Error {
  constructor(
    message: string,
    /** How many objects matched: 0, or more than 1. */
    readonly matches: number,
  ) {
    super(message);
    this.name = "LookupError";
  }
}
