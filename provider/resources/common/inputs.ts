// Inputs several kinds declare alike, and reading inputs (or outputs) in rules across fields.
import { z } from "zod";
import { isAbsent } from "../../adapter/diff/comparators";
import { networkDomain, nonEmpty } from "../../validation/fields";
import { failure } from "../../adapter/check/failures";
import { CheckFailure, PropertyMap } from "../../adapter/types";

/** A kind's inputs: an object that refuses any property it does not declare. */
export const inputObject = <Shape extends z.ZodRawShape>(shape: Shape) => z.object(shape).strict();

/** The key holds a value: neither absent nor null. */
export const given = (inputs: PropertyMap, key: string): boolean => !isAbsent(inputs[key]);

/** The end of the description of an input that changes in place. */
export const UPDATED_IN_PLACE = "Updated in place.";

/** The name of `noun` ("the rule"); `change` says how a change is applied. */
export const nameInput = (noun: string, change = UPDATED_IN_PLACE) => nonEmpty().describe(`The name of ${noun}. ${change}`);

/** A free-text description; `change` says how a change is applied. */
export const descriptionInput = (change = UPDATED_IN_PLACE) => z.string().optional().describe(`A description. ${change}`);

/** A text (a display text, say) CloudStack takes from the name when omitted, updated in place. */
export const textOrNameInput = (what: string) => z.string().optional().describe(`The ${what}; CloudStack uses the name when omitted. ${UPDATED_IN_PLACE}`);

/** A network domain (`of` says whose, e.g. ", shared by every tier"); `change` says how a change is applied. */
export const networkDomainInput = (of: string, change: string) =>
  networkDomain()
    .optional()
    .describe(
      `The network domain${of}: dot-separated labels of ASCII letters, digits and "-" (1-63 characters each, not starting or ending with "-"), 190 characters at most; CloudStack assigns one when omitted. ${change}`,
    );

/** The display flag most kinds take, updated in place; `noun` names the object ("the rule"). */
export const forDisplayInput = (noun: string) => z.boolean().optional().describe(`Whether ${noun} is shown to the end user. Updated in place.`);

/** An optional flag CloudStack takes as false when omitted, updated in place; `what` says what it turns on. */
export const inPlaceFlag = (what: string) => z.boolean().optional().describe(`${what}; false when omitted. Updated in place.`);

/** An allocation state, Enabled or Disabled, updated in place; `rest` describes the values. */
export const enabledOrDisabledInput = (rest: string) => z.enum(["Enabled", "Disabled"]).optional().describe(`Enabled or Disabled${rest} Updated in place.`);

/** Inputs the API object does not carry, kept as written (null when they were not). */
export function keptAsWritten(olds: PropertyMap, ...keys: string[]): PropertyMap {
  return Object.fromEntries(keys.map((key) => [key, olds[key] ?? null]));
}

/**
 * Exactly one of `first` and `second` given, as CloudStack needs; `why` says why not both. Values
 * unknown during preview are not judged.
 */
export function exactlyOneFailures(inputs: PropertyMap, known: (key: string) => boolean, first: string, second: string, why: string): CheckFailure[] {
  if (!known(first) || !known(second)) return [];
  if (given(inputs, first) && given(inputs, second)) return [failure(second, inputs[second], `cannot be combined with ${first}: ${why}`)];
  if (!given(inputs, first) && !given(inputs, second)) return [failure(first, undefined, `or ${second} is required (CloudStack needs exactly one of them)`)];
  return [];
}
/** The zone of a kind that belongs to one, by name or id; `noun` names the object ("the pod"). */
export const zoneInput = (noun: string, rule = "") =>
  z
    .string()
    .min(1, { message: "must not be empty" })
    .describe(`The zone, by name or id (e.g. a Zone's \`id\`)${rule}. Changing it replaces ${noun}.`);
