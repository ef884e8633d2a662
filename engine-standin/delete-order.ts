// Deletes run in reverse dependency order, in waves: each wave holds the resources nothing else
// still to be deleted depends on, and its members run concurrently (pkg/resource/deploy/
// step_generator.go ScheduleDeletes: "antichains" of the dependency graph, executed in turn).
import { ResourceState } from "./stack-files";

export function dependenciesOf(state: ResourceState): Set<string> {
  const deps = new Set(state.dependencies);
  for (const urns of Object.values(state.propertyDependencies)) urns.forEach((u) => deps.add(u));
  if (state.parent) deps.add(state.parent);
  return deps;
}

export function deleteWaves(toDelete: ResourceState[]): ResourceState[][] {
  let remaining = [...toDelete];
  const waves: ResourceState[][] = [];
  while (remaining.length > 0) {
    const neededByOthers = new Set<ResourceState>();
    for (const r of remaining) {
      const deps = dependenciesOf(r);
      for (const other of remaining) if (other !== r && deps.has(other.urn)) neededByOthers.add(other);
    }
    const wave = remaining.filter((r) => !neededByOthers.has(r));
    if (wave.length === 0) throw new Error(`dependency cycle among ${remaining.map((r) => r.urn).join(", ")}`);
    waves.push(wave);
    remaining = remaining.filter((r) => neededByOthers.has(r));
  }
  return waves;
}
