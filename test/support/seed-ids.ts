// Ids of what every simulator starts with, read from its model: the ROOT domain and the project
// "simproject" (owned by the user account).
import type { RunningSimulator } from "../../simulator";

export function rootDomainId(sim: RunningSimulator): string {
  return sim.model.state.domains.find((d) => d.name === "ROOT")!.uuid;
}

export function simProjectId(sim: RunningSimulator): string {
  return sim.model.state.projects.find((p) => p.name === "simproject")!.uuid;
}
