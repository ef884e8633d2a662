// Calls the zone administration suites share: a sync call that must succeed, and a provider
// enabled the way CloudStack requires (its element first, by the element's id).
import * as assert from "assert";
import { jobObject, type Fixture, type Obj } from "./api-fixture";

/** A sync call as root admin that must answer 200; returns its object. */
export async function okCall(f: Fixture, command: string, params: Record<string, string>, objectName: string): Promise<Obj> {
  const r = await f.call(f.admin, command, params);
  assert.strictEqual(r.status, 200, JSON.stringify(r.body));
  return r.body[objectName] as Obj;
}

/** The elements a provider needs enabled first, and the commands that list and configure them. */
const ELEMENTS: Record<string, { list: string; configure: string; objectName: string }> = {
  VirtualRouter: { list: "listVirtualRouterElements", configure: "configureVirtualRouterElement", objectName: "virtualrouterelement" },
  InternalLbVm: { list: "listInternalLoadBalancerElements", configure: "configureInternalLoadBalancerElement", objectName: "internalloadbalancerelement" },
};

/** Enables a provider of the physical network, after its element where it has one. */
export async function enableProvider(f: Fixture, physicalnetworkid: string, name: string): Promise<void> {
  const [nsp] = await f.list(f.admin, "listNetworkServiceProviders", { physicalnetworkid, name });
  const element = ELEMENTS[name];
  if (element) {
    const [row] = await f.list(f.admin, element.list, { nspid: String(nsp.id) });
    jobObject(await f.job(f.admin, element.configure, { id: String(row.id), enabled: "true" }), element.objectName);
  }
  jobObject(await f.job(f.admin, "updateNetworkServiceProvider", { id: String(nsp.id), state: "Enabled" }), "networkserviceprovider");
}
