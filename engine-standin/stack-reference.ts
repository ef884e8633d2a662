// `new pulumi.StackReference(name)`: the SDK reads a resource of type pulumi:pulumi:StackReference
// with the id `name` from the engine's builtin provider, whose Read answers the other stack's
// outputs as `{ name, outputs, secretOutputNames }` (pkg/resource/deploy/builtins.go
// readStackReference: secretOutputNames are the outputs that contain a secret, sorted). The
// engine gets those outputs from the backend; the stand-in's backend is its state directory, so
// a stack reference reads `<project>-<stack>.json` there, as written by that stack's last run.
import * as fs from "fs";
import type { ReadResult } from "./provider-host";
import { PropertyMap, containsSecrets } from "./property-values";
import { StackFiles } from "./stack-files";

export const stackReferenceType = "pulumi:pulumi:StackReference";

/** The type of a URN, without its parents' (urn:pulumi:stack::project::parent$type::name). */
export function urnType(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.slice(qualified.lastIndexOf("$") + 1);
}

/** The outputs of a stack named as a StackReference names it. */
export type StackOutputsReader = (name: string) => PropertyMap;

/**
 * Reads stacks from the stand-in's state directory. A name is `stack` (in the current project),
 * `project/stack` or `organization/project/stack`; the stand-in has no organizations, so that
 * part is not checked. A stack that has no state file there fails the read, naming the file.
 */
export function stateDirStackOutputs(stateDir: string, currentProject: string): StackOutputsReader {
  return (name) => {
    const parts = name.split("/");
    if (parts.length > 3 || parts.some((p) => p === "")) {
      throw new Error(`stack reference "${name}": not a stack name (stack, project/stack or organization/project/stack)`);
    }
    const stack = parts[parts.length - 1]!;
    const project = parts.length >= 2 ? parts[parts.length - 2]! : currentProject;
    const files = new StackFiles(stateDir, project, stack);
    if (!fs.existsSync(files.statePath)) {
      throw new Error(`stack reference "${name}": stack ${project}/${stack} has no state in ${stateDir} (${files.statePath}); run its up first with the same state directory`);
    }
    return files.readState().outputs;
  };
}

/** The builtin provider's Read of a StackReference. */
export function readStackReference(id: string, properties: PropertyMap, stackOutputs: StackOutputsReader): ReadResult {
  const name = typeof properties.name === "string" ? properties.name : id;
  const outputs = stackOutputs(name);
  const secretOutputNames = Object.keys(outputs)
    .filter((key) => containsSecrets(outputs[key]))
    .sort();
  return { id, properties: { name, outputs, secretOutputNames }, inputs: { name } };
}
