// Inputs several kinds declare alike, and reading inputs (or outputs) in rules across fields.
import { z } from "zod";
import { isAbsent } from "../../adapter/diff/comparators";
import { PropertyMap } from "../../adapter/types";

/** The key holds a value: neither absent nor null. */
export const given = (inputs: PropertyMap, key: string): boolean => !isAbsent(inputs[key]);

/** The display flag most kinds take, updated in place; `noun` names the object ("the rule"). */
export const forDisplayInput = (noun: string) => z.boolean().optional().describe(`Whether ${noun} is shown to the end user. Updated in place.`);

/** The zone of a kind that belongs to one, by name or id; `noun` names the object ("the pod"). */
export const zoneInput = (noun: string, rule = "") =>
  z
    .string()
    .min(1, { message: "must not be empty" })
    .describe(`The zone, by name or id (e.g. a Zone's \`id\`)${rule}. Changing it replaces ${noun}.`);
