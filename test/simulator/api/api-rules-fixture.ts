// Helpers shared by the traffic rule tests: a network with instances and public IPs, rules
// created and waited for, and the internal ids CloudStack puts in some of its texts.
import * as assert from "assert";
import type { RawCredentials } from "../raw-client";
import { deploy, isolatedNetwork, startWithCatalog, type Catalog } from "./api-instances-fixture";
import { jobObject, type Fixture, type Obj } from "./api-fixture";

export interface RulesFixture {
  f: Fixture;
  c: Catalog;
  /** A network of the user (implemented by its first instance) with n instances. */
  networkWithVms(name: string, n: number, extra?: Record<string, string>, zoneid?: string): Promise<{ net: Obj; vms: Obj[] }>;
  /** A new public IP of the network (not its source NAT IP once an instance is deployed). */
  ip(net: Obj, creds?: RawCredentials): Promise<Obj>;
  /** A successful create job's object. */
  created(command: string, params: Record<string, string>, objectName: string, creds?: RawCredentials): Promise<Obj>;
  /** A job expected to succeed. */
  ok(command: string, params: Record<string, string>, creds?: RawCredentials): Promise<void>;
  /** The internal numeric id of an object, as CloudStack's texts show it. */
  internalId(kind: "vms" | "networks" | "zones" | "physicalNetworks" | "publicIps", uuid: unknown): number;
  /** The internal id of a firewall, port forwarding or LB rule (one shared sequence). */
  ruleId(uuid: unknown): number;
  close(): Promise<void>;
}

export async function startRulesFixture(): Promise<RulesFixture> {
  const { f, c } = await startWithCatalog();
  const created: RulesFixture["created"] = async (command, params, objectName, creds = f.user) =>
    jobObject(await f.job(creds, command, params), objectName);
  return {
    f,
    c,
    networkWithVms: async (name, n, extra = {}, zoneid) => {
      const net = await isolatedNetwork(f, c, f.user, name, { ...(zoneid ? { zoneid } : {}), ...extra });
      const vms: Obj[] = [];
      for (let i = 0; i < n; i += 1) vms.push(await deploy(f, c, f.user, { networkids: String(net.id), ...(zoneid ? { zoneid } : {}) }));
      return { net, vms };
    },
    ip: async (net, creds = f.user) => created("associateIpAddress", { networkid: String(net.id) }, "ipaddress", creds),
    created,
    ok: async (command, params, creds = f.user) => {
      const job = await f.job(creds, command, params);
      assert.strictEqual(job.jobstatus, 1, `${command}: ${JSON.stringify(job)}`);
    },
    internalId: (kind, uuid) => {
      const found = (f.sim.model.state[kind] as Array<{ uuid: string; id: number }>).find((x) => x.uuid === uuid);
      assert.ok(found, `no ${kind} ${String(uuid)}`);
      return found.id;
    },
    ruleId: (uuid) => {
      const s = f.sim.model.state;
      const found = [...s.firewallRules, ...s.portForwardingRules, ...s.loadBalancerRules].find((r) => r.uuid === uuid);
      assert.ok(found, `no rule ${String(uuid)}`);
      return found.id;
    },
    close: () => f.close(),
  };
}

/** CloudStack's FirewallRuleVO.toString. */
export const firewallRuleText = (r: RulesFixture, uuid: unknown, purpose: string, state: string, networkUuid: unknown): string =>
  `FirewallRule {"id":${r.ruleId(uuid)},"purpose":"${purpose}","state":"${state}","networkId":${r.internalId("networks", networkUuid)},"uuid":"${String(uuid)}"}`;

/** CloudStack's IPAddressVO.toString. */
export const ipAddressText = (r: RulesFixture, ip: Obj): string =>
  `IPAddress {"id":${r.internalId("publicIps", ip.id)},"address":"${String(ip.ipaddress)}","dataCenterId":${r.internalId("zones", ip.zoneid)},"uuid":"${String(ip.id)}"}`;

/** CloudStack's LoadBalancerVO.toString. */
export const loadBalancerText = (r: RulesFixture, lb: Obj, state: string): string =>
  `LoadBalancer {"name":"${String(lb.name)}","id":${r.ruleId(lb.id)},"purpose":"LoadBalancing","state":"${state}","uuid":"${String(lb.id)}"}`;
