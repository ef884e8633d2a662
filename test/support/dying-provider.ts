// A provider in a process that dies once a given command has been sent: every later request
// fails as a killed process's would, so a create ends with CloudStack holding what it did and the
// stack knowing nothing of it (what the next `pulumi up` must reconcile).
import { ClientRuntime, makeProvider, specs, type DynamicProvider, type ResourceKind } from "../../provider";
import { CloudStackClient } from "../../provider/client";
import type { RunningSimulator } from "../../simulator";

export function providerDyingAfter(sim: RunningSimulator, kind: ResourceKind, command: string): DynamicProvider {
  const runtime = new ClientRuntime((options) => {
    const dying = new CloudStackClient(options);
    const request = dying.request;
    let sent = false;
    dying.request = async function (name, params) {
      if (sent) throw new Error("the provider process was killed");
      if (name === command) sent = true;
      return request.call(this, name, params);
    };
    return dying;
  });
  runtime.configure({ apiUrl: sim.endpoint, apiKey: sim.admin.apiKey, secretKey: sim.admin.secretKey });
  return makeProvider(specs[kind], runtime);
}
