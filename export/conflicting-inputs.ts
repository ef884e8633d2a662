// A read gives every input the object has, and a few kinds read back inputs that a program may
// not write together (a VPC's public IP shows both its VPC and the tier it serves: CloudStack
// takes vpcid over networkid). Such an input is one CloudStack fills in by itself
// (defaultedByCloudStack), so leaving it out is no change: the first one, in the spec's order,
// whose removal lowers the spec's own cross-field failures is dropped, until none is left.
import type { ResourceSpec } from "../provider/adapter/spec";
import type { PropertyMap } from "../provider/adapter/types";

function failureCount(spec: ResourceSpec, inputs: PropertyMap): number {
  return spec.validate ? spec.validate(inputs, () => true).length : 0;
}

export function withoutConflicts(spec: ResourceSpec, inputs: PropertyMap): PropertyMap {
  let current = inputs;
  let failures = failureCount(spec, current);
  while (failures > 0) {
    let improved: { inputs: PropertyMap; failures: number } | undefined;
    for (const key of spec.defaultedByCloudStack) {
      if (current[key] === undefined || current[key] === null) continue;
      const without = Object.fromEntries(Object.entries(current).filter(([k]) => k !== key));
      const count = failureCount(spec, without);
      if (count < failures) {
        improved = { inputs: without, failures: count };
        break;
      }
    }
    if (!improved) return current;
    ({ inputs: current, failures } = improved);
  }
  return current;
}
