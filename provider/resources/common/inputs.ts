// Reading a resource's inputs (or outputs) in rules across fields.
import { isAbsent } from "../../adapter/diff/comparators";
import { PropertyMap } from "../../adapter/types";

/** The key holds a value: neither absent nor null. */
export const given = (inputs: PropertyMap, key: string): boolean => !isAbsent(inputs[key]);
