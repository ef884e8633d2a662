// The registry of lookup functions, by name ("getZone"...): the native plugin serves each
// through Invoke as `cloudstack:index:<name>`.
import type { LookupFunction } from "./lookup-function";

export const functions: Record<string, LookupFunction> = {};
