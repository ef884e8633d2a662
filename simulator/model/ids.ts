import { randomBytes, randomUUID } from "crypto";
import type { SimulatorState } from "./records";

export const newUuid = (): string => randomUUID();

/** The next internal numeric id of a kind; ids start at 1 per kind, as in CloudStack's tables. */
export function nextId(state: SimulatorState, kind: string): number {
  const id = state.nextIds[kind] ?? 1;
  state.nextIds[kind] = id + 1;
  return id;
}

/** API and secret keys in CloudStack's shape: 64 random bytes, base64url without padding. */
export const newApiKey = (): string => randomBytes(64).toString("base64url");
