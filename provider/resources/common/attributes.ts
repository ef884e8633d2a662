// The types of the read-only values kinds report. defineSpec reads each from the field of its
// name in lower case (zoneName from zonename), so a plain attribute is declared by its type and
// description alone; the builders below serve kinds whose outputs come from fields named otherwise.
import { z } from "zod";
import { ApiObject, PropertyMap } from "../../adapter/types";
import { textOrNull } from "./api-values";

/** Text CloudStack reports; null when absent. */
export const text = (description: string) => z.string().nullable().describe(description);

/** Text every object of the kind has (its state, its zone's id). */
export const presentText = (description: string) => z.string().describe(description);

/** A flag CloudStack reports; null when absent. */
export const flag = (description: string) => z.boolean().nullable().describe(description);

/** The names of the owner's domain and project, as CloudStack shows them. */
export const ownerNames = {
  domain: text("The name of the owner's domain."),
  project: text("The name of the owning project, if any."),
};

/** A z.object shape of nullable text attributes, each with its description. */
export function textAttributes<K extends string>(descriptions: Readonly<Record<K, string>>) {
  const shape = {} as Record<K, z.ZodNullable<z.ZodString>>;
  for (const key of Object.keys(descriptions) as K[]) shape[key] = text(descriptions[key]);
  return shape;
}

/** Output values copied as text from the object's fields, by output name (e.g. { publicIp: "publicip" }). */
export function textFields(object: ApiObject, fields: Readonly<Record<string, string>>): PropertyMap {
  const out: PropertyMap = {};
  for (const [name, field] of Object.entries(fields)) out[name] = textOrNull(object[field]);
  return out;
}

/** The owner outputs (ownerAttributes) of a kind whose owner is its parent's: an IP's, a VPC's. */
export function ownerOutputs(object: ApiObject): PropertyMap {
  return textFields(object, { account: "account", domainId: "domainid", projectId: "projectid" });
}

/** The names of the owner's domain and project, for a kind whose owner is an input. */
export const ownerNameAttributes = () => ({ ...ownerNames });

export const ownerNameFields = (object: ApiObject): PropertyMap => textFields(object, { domain: "domain", project: "project" });
