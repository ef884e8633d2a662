// The services of an offering, as the supportedServices argument and the `services` result.
import { z } from "zod";
import type { ApiObject } from "../adapter/types";

export const servicesArg = (noun: string) =>
  z.array(z.string().min(1)).optional().describe(`Services the ${noun} must all provide, e.g. ["SourceNat", "Lb"].`);

/** The names in CloudStack's `service: [{ name, provider: [...] }]`. */
export function servicesOf(item: ApiObject): string[] {
  if (!Array.isArray(item.service)) return [];
  return (item.service as unknown[]).flatMap((s) => (s && typeof s === "object" && typeof (s as { name?: unknown }).name === "string" ? [(s as { name: string }).name] : []));
}
