// Inputs several kinds declare alike, and reading inputs (or outputs) in rules across fields.
import { z } from "zod";
import { isAbsent } from "../../adapter/diff/comparators";
import { PropertyMap } from "../../adapter/types";

/** The key holds a value: neither absent nor null. */
export const given = (inputs: PropertyMap, key: string): boolean => !isAbsent(inputs[key]);

/** The display flag most kinds take, updated in place; `noun` names the object ("the rule"). */
export const forDisplayInput = (noun: string) => z.boolean().optional().describe(`Whether ${noun} is shown to the end user. Updated in place.`);

/** Inputs the API object does not carry, kept as written (null when they were not). */
export function keptAsWritten(olds: PropertyMap, ...keys: string[]): PropertyMap {
  return Object.fromEntries(keys.map((key) => [key, olds[key] ?? null]));
}
