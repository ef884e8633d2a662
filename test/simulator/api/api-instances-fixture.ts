// Helpers shared by the simulator api suites: the catalog (zones, offerings, templates, accounts), networks, deploys and jobs over HTTP.
import * as assert from "assert";
import type { RawCredentials } from "../raw-client";
import { jobObject, startFixture, type Fixture, type Obj } from "./api-fixture";

export const NO_PASSWORD_TEMPLATE = "CentOS 5.6 (64-bit) no GUI (Simulator)";
export const PASSWORD_TEMPLATE = "CentOS 5.6 (64-bit) password enabled (Simulator)";

export interface Catalog {
  zoneid: string;
  basicZoneId: string;
  offeringId: string;
  templateId: string;
  passwordTemplateId: string;
  rootDomainId: string;
  userAccountId: string;
  networkOfferings: Record<string, string>;
}

export async function loadCatalog(f: Fixture): Promise<Catalog> {
  const templates = await f.list(f.admin, "listTemplates", { templatefilter: "featured" });
  const template = (name: string): string => String(templates.find((t) => t.name === name)?.id);
  const networkOfferings = await f.offeringIds();
  const user = (await f.list(f.admin, "listAccounts", { name: "user" }))[0];
  return {
    zoneid: await f.zoneId(),
    basicZoneId: String((await f.list(f.admin, "listZones", { name: "Sandbox-basic" }))[0].id),
    offeringId: String((await f.list(f.admin, "listServiceOfferings", { name: "Small Instance" }))[0].id),
    templateId: template(NO_PASSWORD_TEMPLATE),
    passwordTemplateId: template(PASSWORD_TEMPLATE),
    rootDomainId: String(user.domainid),
    userAccountId: String(user.id),
    networkOfferings,
  };
}

/** A simulator fixture with its catalog loaded; closing it closes the simulator. */
export async function startWithCatalog(): Promise<{ f: Fixture; c: Catalog; close(): Promise<void> }> {
  const f = await startFixture();
  return { f, c: await loadCatalog(f), close: () => f.close() };
}

/**
 * registerVnfTemplate in `zoneid`: an image for the Simulator hypervisor with one management NIC
 * (MGMT, device id 0), and whatever `extra` adds or overrides; asserts success, returns the template.
 */
export async function registerVnfTemplate(f: Fixture, creds: RawCredentials, zoneid: string, extra: Record<string, string> = {}): Promise<Obj> {
  const [seeded] = await f.list(f.admin, "listTemplates", { templatefilter: "featured" });
  const r = await f.call(creds, "registerVnfTemplate", {
    name: "vnf",
    url: "https://images.example/vnf.qcow2",
    zoneid,
    hypervisor: "Simulator",
    format: "QCOW2",
    ostypeid: String(seeded.ostypeid),
    "vnfnics[0].deviceid": "0",
    "vnfnics[0].name": "MGMT",
    ...extra,
  });
  assert.strictEqual(r.status, 200, JSON.stringify(r.body));
  return (r.body.template as Obj[])[0];
}

/** An isolated network with source NAT (starts Allocated). */
export async function isolatedNetwork(f: Fixture, c: Catalog, creds: RawCredentials, name = "net", extra: Record<string, string> = {}): Promise<Obj> {
  const r = await f.call(creds, "createNetwork", {
    zoneid: c.zoneid,
    name,
    networkofferingid: c.networkOfferings.DefaultIsolatedNetworkOfferingWithSourceNatService,
    ...extra,
  });
  assert.strictEqual(r.status, 200, JSON.stringify(r.body));
  return r.body.network as Obj;
}

/** Deploy parameters for the advanced zone with the no-password template. */
export const deployParams = (c: Catalog, extra: Record<string, string>): Record<string, string> => ({
  zoneid: c.zoneid,
  serviceofferingid: c.offeringId,
  templateid: c.templateId,
  ...extra,
});

/** Deploys and waits; asserts success and returns the instance. */
export async function deploy(f: Fixture, c: Catalog, creds: RawCredentials, extra: Record<string, string>): Promise<Obj> {
  return jobObject(await f.job(creds, "deployVirtualMachine", deployParams(c, extra)), "virtualmachine");
}

/** Polls queryAsyncJobResult as the user until the job `jobid` is done; the finished job's fields. */
export async function waitJob(f: Fixture, jobid: string): Promise<Obj> {
  for (;;) {
    const r = await f.call(f.user, "queryAsyncJobResult", { jobid });
    if (r.body.jobstatus !== 0) return r.body;
    await new Promise((res) => setTimeout(res, 20));
  }
}

export async function expunge(f: Fixture, vmId: unknown): Promise<void> {
  const job = await f.job(f.admin, "destroyVirtualMachine", { id: String(vmId), expunge: "true" });
  assert.strictEqual(job.jobstatus, 1, JSON.stringify(job));
}

export const nicsOf = (vm: Obj): Obj[] => vm.nic as Obj[];
