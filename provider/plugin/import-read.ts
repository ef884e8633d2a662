// Reading an object from its id alone, as `pulumi import` (and a `get` from another language)
// does: there is no state to carry the owner scope. For the kinds that take an owner, CloudStack
// shows a project's objects only when asked with the project's id
// (AccountManagerImpl.buildACLSearchParameters), so after the caller's own objects each project
// the caller can see is tried.
import type { ClientRuntime } from "../adapter/runtime";
import type { ResourceSpec } from "../adapter/spec";
import type { DynamicProvider, ReadResult } from "../adapter/types";

export async function readFromIdAlone(spec: ResourceSpec, provider: DynamicProvider, runtime: ClientRuntime, id: string): Promise<ReadResult> {
  const own = await provider.read(id, {});
  if (own.id !== "" || !("projectId" in spec.inputs.shape)) return own;
  const client = await runtime.client();
  const projects = await client.list<Record<string, unknown>>("listProjects", { listall: true });
  for (const project of projects) {
    if (typeof project.id !== "string") continue;
    const found = await provider.read(id, { projectId: project.id });
    if (found.id !== "") return found;
  }
  return own;
}
