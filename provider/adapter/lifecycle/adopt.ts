// Adopting an existing object (the importId input every kind has): `pulumi import` does not
// work for dynamic providers, so create reads the object instead of creating one. It refuses,
// creating nothing, when the object is missing or differs in an input that forces a replacement;
// inputs that change in place are applied, so the object ends up as the program declares it.
import type { CloudStackClient } from "../../client";
import { changedInputs, changesInPlace } from "../diff/changes";
import { renderValue, SECRET_SHOWN } from "../check/failures";
import type { Prepared } from "../check/prepare";
import { ResourceSpec } from "../spec";
import { observedOutputs } from "./state";
import { ApiObject, PropertyMap } from "../types";

export class AdoptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AdoptError";
  }
}

function scopeText(target: PropertyMap): string {
  if (typeof target.projectId === "string") return ` in project ${target.projectId}`;
  if (typeof target.account === "string") return ` of account ${target.account}`;
  return "";
}

export async function adopt(
  spec: ResourceSpec,
  client: CloudStackClient,
  importId: string,
  { inputs, ids, lists }: Prepared,
): Promise<ApiObject> {
  const target: PropertyMap = { ...inputs, ...ids, ...lists };
  const object = await spec.read(client, importId, target);
  if (!object) {
    throw new AdoptError(
      `cannot adopt ${spec.kind} ${importId}: CloudStack has no such ${spec.kind}${scopeText(target)}; nothing was created. ` +
        `Check importId, and set projectId (or account and domainId) when another owner holds it.`,
    );
  }
  const existing = observedOutputs(spec, object, target).outputs;
  const changed = changedInputs(spec, existing, target);
  const blocked = changed.filter((key) => !changesInPlace(spec, key, existing));
  if (blocked.length > 0) {
    const shown = (key: string, value: unknown) => (spec.secretOutputs?.includes(key) ? SECRET_SHOWN : renderValue(value ?? null));
    const differences = blocked.map((key) => `${key} is ${shown(key, existing[key])} there but ${shown(key, target[key])} in the program`);
    throw new AdoptError(
      `cannot adopt ${spec.kind} ${importId}: it differs in ${blocked.length === 1 ? "an input" : "inputs"} that would force a replacement ` +
        `(${differences.join("; ")}); nothing was changed or created. Make the program match the object, or drop importId to create a new one.`,
    );
  }
  if (changed.length === 0) return object;
  return spec.update(client, spec.idOf(object), existing, inputs, ids, changed, lists);
}
