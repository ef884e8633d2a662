// `destroy`: every managed resource is deleted in reverse dependency order (step_generator.go
// GenerateDeletes + ScheduleDeletes, with every resource leaving the program). Components,
// external (read) resources and retainOnDelete ones are only forgotten.
import { deleteWaves } from "./delete-order";
import { durationSeconds } from "./custom-timeouts";
import { stripMap } from "./property-values";
import { RunContext } from "./run-context";
import { ResourceState } from "./stack-files";

/** Returns what is left in the state afterwards (what failed to delete, and its dependencies). */
export async function destroyResources(
  ctx: RunContext,
  resources: ResourceState[],
  persist: (left: ResourceState[]) => void,
): Promise<ResourceState[]> {
  const left = [...resources];
  const forget = (r: ResourceState): void => {
    left.splice(left.indexOf(r), 1);
  };
  const managed = left.filter((r) => r.custom && !r.external && !r.retainOnDelete);
  for (const wave of deleteWaves(managed)) {
    const results = await Promise.allSettled(
      wave.map(async (r) => {
        const start = { urn: r.urn, type: r.type, name: r.name, op: r.delete ? ("delete-replaced" as const) : ("delete" as const) };
        if (r.protect) throw ctx.fail(start, `resource "${r.urn}" cannot be deleted because it is protected`);
        if (!ctx.dryRun) {
          await ctx.step(
            start,
            () => ctx.host.delete(r.urn, r.id ?? "", stripMap(r.outputs), { timeoutSeconds: durationSeconds(r.customTimeouts?.delete) }),
            undefined,
            { resource: r, type: "deleting" },
          );
          forget(r);
          persist(left);
        } else {
          ctx.record(start);
        }
      }),
    );
    // step_executor.go: once a step fails no further steps start; what remains stays in state.
    if (results.some((r) => r.status === "rejected")) return left;
  }
  for (const r of [...left].reverse()) {
    if (r.custom && !r.external && !r.retainOnDelete) continue;
    ctx.record({ urn: r.urn, type: r.type, name: r.name, op: r.external ? "discard" : "delete" });
    if (!ctx.dryRun) forget(r);
  }
  if (!ctx.dryRun) persist(left);
  return left;
}
