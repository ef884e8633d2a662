// Building blocks for attributes and the outputs read from API objects, where a kind has several
// of one sort: text attributes CloudStack may leave out (null then), and fields copied as text.
import { z } from "zod";
import { ApiObject, PropertyMap } from "../../adapter/types";
import { textOrNull } from "./api-values";

/** A z.object of nullable text attributes, each with its description. */
export function textAttributes<K extends string>(descriptions: Readonly<Record<K, string>>) {
  const shape = {} as Record<K, z.ZodNullable<z.ZodString>>;
  for (const key of Object.keys(descriptions) as K[]) shape[key] = z.string().nullable().describe(descriptions[key]);
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
export const ownerNameAttributes = () =>
  textAttributes({ domain: "The name of the owner's domain.", project: "The name of the owning project, if any." });

export const ownerNameFields = (object: ApiObject): PropertyMap => textFields(object, { domain: "domain", project: "project" });
