// What the exporter leaves out because CloudStack made it: checked on list answers shaped as
// CloudStack gives them, including fields the simulator does not report (relatedruleid).
import * as assert from "assert";
import type { CloudStackClient, Params } from "../../provider/client";
import type { ApiObject } from "../../provider/adapter/types";
import type { ResourceKind } from "../../provider";
import { catalogue, firewallRules, type Listed } from "../../export/catalogue";
import { resolvedScope } from "../../export/scope";

/** A client that answers each list command with fixed objects, and records the parameters. */
function listing(answers: Record<string, ApiObject[]>, calls: Array<[string, Params]> = []): CloudStackClient {
  const fake = {
    async list(command: string, params: Params = {}) {
      calls.push([command, params]);
      return answers[command] ?? [];
    },
  };
  return fake as unknown as CloudStackClient;
}

const listedNothing = new Map<ResourceKind, readonly Listed[]>();

describe("cloudstack-export: what CloudStack made by itself stays out", () => {
  it("leaves out firewall rules opened for another rule, and a remote access VPN's ports", async () => {
    const client = listing({
      listFirewallRules: [
        { id: "own", ipaddressid: "ip-1", protocol: "tcp", startport: 80 },
        { id: "for-lb", ipaddressid: "ip-1", protocol: "tcp", startport: 443, relatedruleid: "lb-1" },
        { id: "ike", ipaddressid: "ip-vpn", protocol: "udp", startport: 500 },
        { id: "dns", ipaddressid: "ip-vpn", protocol: "udp", startport: 53 },
      ],
    });
    const listed = new Map<ResourceKind, readonly Listed[]>([["RemoteAccessVpn", [{ id: "vpn-1", item: { id: "vpn-1", publicipid: "ip-vpn" } }]]]);
    const kept = await firewallRules({ client, scope: resolvedScope({}), listed });
    assert.deepStrictEqual(kept.map((rule) => rule.id), ["own", "dns"]);
  });

  it("leaves out the default ACL lists, the default security group, source NAT and system IPs", async () => {
    const calls: Array<[string, Params]> = [];
    const client = listing(
      {
        listNetworkACLLists: [{ id: "default-allow", name: "default_allow" }, { id: "web-acl", name: "web-acl", vpcid: "vpc-1" }],
        listSecurityGroups: [{ id: "sg-default", name: "default" }, { id: "sg-web", name: "web" }],
        listPublicIpAddresses: [{ id: "elastic", issystem: true }, { id: "acquired", issystem: false }],
      },
      calls,
    );
    const entry = (kind: ResourceKind) => catalogue.find((e) => e.kind === kind)!;
    const ids = async (kind: ResourceKind) => (await entry(kind).list({ client, scope: resolvedScope({ projectId: "p-1" }), listed: listedNothing })).map((l) => l.id);
    assert.deepStrictEqual(await ids("NetworkAclList"), ["web-acl"]);
    assert.deepStrictEqual(await ids("SecurityGroup"), ["sg-web"]);
    assert.deepStrictEqual(await ids("PublicIpAddress"), ["acquired"]);
    // Source NAT IPs are left out by the list itself, in the project's scope.
    assert.deepStrictEqual(calls.find(([command]) => command === "listPublicIpAddresses")?.[1], { projectid: "p-1", allocatedonly: true, issourcenat: false });
  });

  it("keeps to the owner: an account's list leaves out what names another owner", async () => {
    const client = listing({ listVPCs: [{ id: "mine", account: "ops" }, { id: "project's", account: "ops", projectid: "p-1" }, { id: "other", account: "dev" }] });
    const vpcs = await catalogue.find((e) => e.kind === "Vpc")!.list({ client, scope: resolvedScope({ account: "ops", domainId: "d-1" }), listed: listedNothing });
    assert.deepStrictEqual(vpcs.map((l) => l.id), ["mine"]);
  });
});
