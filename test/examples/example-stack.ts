// Runs an example from examples/ through the engine stand-in against a simulator: the stack's
// config points the provider at the simulator, as `pulumi config set` would.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalStack, findRepoRoot, linkPackage } from "../harness";
import { RunningSimulator } from "../../simulator";
import { rawCall } from "../simulator/raw-client";

export const examplesDir = path.join(findRepoRoot(), "examples");

export interface ExampleStack {
  stack: LocalStack;
  stateDir: string;
  cleanup(): void;
}

/** `example` names a folder of examples/, or is an absolute path to another program folder. */
export function exampleStack(example: string, sim: RunningSimulator, options: { stack?: string } = {}): ExampleStack {
  const programDir = path.isAbsolute(example) ? example : path.join(examplesDir, example);
  linkPackage(programDir);
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `example-${path.basename(example)}-`));
  const stack = new LocalStack({ programDir, stack: options.stack ?? "dev", stateDir });
  stack.setConfig("cloudstack:apiUrl", sim.endpoint);
  stack.setConfig("cloudstack:apiKey", sim.admin.apiKey);
  stack.setConfig("cloudstack:secretKey", sim.admin.secretKey, { secret: true });
  return { stack, stateDir, cleanup: () => fs.rmSync(stateDir, { recursive: true, force: true }) };
}

/** Every network the simulator holds, across accounts and projects, as the admin sees them. */
export async function listAllNetworks(sim: RunningSimulator): Promise<Array<Record<string, unknown>>> {
  const seen: Array<Record<string, unknown>> = [];
  const scopes: Array<Record<string, string>> = [{ listall: "true" }, { listall: "true", projectid: "-1" }];
  for (const scope of scopes) {
    const res = await rawCall(sim.endpoint, sim.admin, "listNetworks", scope);
    if (res.status !== 200) throw new Error(`listNetworks: ${JSON.stringify(res.body)}`);
    const body = res.body.listnetworksresponse as { network?: Array<Record<string, unknown>> } | undefined;
    seen.push(...(body?.network ?? []));
  }
  return seen;
}
