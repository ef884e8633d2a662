// Helpers for the VPC suites: a VPC and its tiers over the raw client, and the internal ids that
// CloudStack's error texts carry (VpcVO / NetworkVO / VpcGatewayVO toString forms).
import * as assert from "assert";
import type { RawCredentials } from "../raw-client";
import { jobObject, type Fixture, type Obj } from "./api-fixture";

export const TIER_OFFERING = "DefaultIsolatedNetworkOfferingForVpcNetworks";
export const TIER_OFFERING_NO_LB = "DefaultIsolatedNetworkOfferingForVpcNetworksNoLB";

export interface VpcKit {
  f: Fixture;
  zoneid: string;
  vpcOfferingId: string;
  /** createVPC, waited for; the finished job's vpc object. */
  vpc(creds: RawCredentials, params?: Record<string, string>): Promise<Obj>;
  /** createNetwork in a VPC (sync); the network object. */
  tier(creds: RawCredentials, vpcid: string, gateway: string, params?: Record<string, string>): Promise<Obj>;
  /** "[VPC [<internal id>-<name>]", as CloudStack names a VPC in texts. */
  vpcText(vpcUuid: string): string;
  /** "Ntwk[<internal id>|Guest|<offering internal id>]". */
  networkText(networkUuid: string): string;
  vpcInternalId(vpcUuid: string): number;
  networkInternalId(networkUuid: string): number;
  aclInternalId(aclUuid: string): number;
  gatewayInternalId(gatewayUuid: string): number;
  /** The id of a default ACL list by name (default_allow, default_deny). */
  defaultAcl(name: string): Promise<string>;
}

let counter = 0;

export async function vpcKit(f: Fixture): Promise<VpcKit> {
  const zoneid = await f.zoneId();
  const vpcOfferingId = String((await f.list(f.admin, "listVPCOfferings", { name: "Default VPC offering" }))[0].id);
  const model = f.sim.model;
  const find = <T extends { uuid: string }>(rows: T[], uuid: string, what: string): T => {
    const row = rows.find((r) => r.uuid === uuid);
    assert.ok(row, `no ${what} ${uuid} in the model`);
    return row;
  };
  const kit: VpcKit = {
    f,
    zoneid,
    vpcOfferingId,
    vpc: async (creds, params = {}) => {
      counter += 1;
      const job = await f.job(creds, "createVPC", { zoneid, vpcofferingid: vpcOfferingId, name: `vpc${counter}`, cidr: "10.0.0.0/16", ...params });
      return jobObject(job, "vpc");
    },
    tier: async (creds, vpcid, gateway, params = {}) => {
      counter += 1;
      const r = await f.call(creds, "createNetwork", {
        zoneid,
        vpcid,
        name: `tier${counter}`,
        networkofferingid: await f.offeringId(TIER_OFFERING),
        gateway,
        netmask: "255.255.255.0",
        ...params,
      });
      assert.strictEqual(r.status, 200, JSON.stringify(r.body));
      return r.body.network as Obj;
    },
    vpcText: (uuid) => {
      const vpc = find(model.state.vpcs, uuid, "VPC");
      return `[VPC [${vpc.id}-${vpc.name}]`;
    },
    networkText: (uuid) => {
      const n = find(model.state.networks, uuid, "network");
      return `Ntwk[${n.id}|Guest|${find(model.state.networkOfferings, n.offeringUuid, "offering").id}]`;
    },
    vpcInternalId: (uuid) => find(model.state.vpcs, uuid, "VPC").id,
    networkInternalId: (uuid) => find(model.state.networks, uuid, "network").id,
    aclInternalId: (uuid) => find(model.state.networkAclLists, uuid, "ACL list").id,
    gatewayInternalId: (uuid) => find(model.state.privateGateways, uuid, "private gateway").id,
    defaultAcl: async (name) => String((await f.list(f.admin, "listNetworkACLLists", { name }))[0].id),
  };
  return kit;
}
