// `refresh`: read every resource from the provider (step.go RefreshStep). An object the
// provider reports gone (Read answers no id) leaves the state; the rest take the outputs read,
// and the inputs read where the provider returns them, so the next diff sees the drift.
import { PropertyMap, annotateSecrets, changedKeys, stripMap } from "./property-values";
import { RunContext } from "./run-context";
import { ResourceState } from "./stack-files";

export async function refreshResources(ctx: RunContext, resources: ResourceState[]): Promise<ResourceState[]> {
  const refreshed = await Promise.all(
    resources.map(async (r): Promise<ResourceState | undefined> => {
      if (!r.custom || !r.id) return r;
      const start = { urn: r.urn, type: r.type, name: r.name, op: "refresh" as const };
      let result: { id: string; properties: PropertyMap; inputs?: PropertyMap };
      try {
        result = await ctx.step(
          start,
          () => ctx.host.read(r.urn, r.id ?? "", stripMap(r.outputs), stripMap(r.inputs)),
          (res) => (res.id ? { diffKeys: changedKeys(r.outputs, res.properties) } : { gone: true }),
        );
      } catch {
        // The failure is recorded in ctx.errors; the resource keeps its old state.
        return r;
      }
      if (!result.id) return undefined;
      // provider_plugin.go Read: annotateSecrets(newState, oldState) and likewise for inputs.
      return {
        ...r,
        id: result.id,
        outputs: annotateSecrets(result.properties, r.outputs),
        inputs: result.inputs ? annotateSecrets(result.inputs, r.inputs) : r.inputs,
      };
    }),
  );
  return refreshed.filter((r): r is ResourceState => r !== undefined);
}
