import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { nicsOf } from "./api-instances-fixture";
import { loadBalancerText, startRulesFixture, type RulesFixture } from "./api-rules-fixture";
import { assertError, assertJobError, jobObject, uuidNotFoundText, type Fixture, type Obj } from "./api-fixture";

const NETSCALER_OFFERING = "DefaultIsolatedNetworkOfferingWithNetscalerLB";

describe("simulator api: load balancing rules, members, stickiness and health checks", function () {
  this.timeout(30_000);
  let r: RulesFixture;
  let f: Fixture;

  startedForSuite(startRulesFixture, (started) => {
    r = started;
    f = r.f;
  });

  const createLb = (ip: Obj, extra: Record<string, string> = {}) =>
    f.call(f.user, "createLoadBalancerRule", { publicipid: String(ip.id), name: "web", algorithm: "roundrobin", publicport: "80", privateport: "8080", ...extra });
  const lbRule = async (ip: Obj, extra: Record<string, string> = {}): Promise<Obj> =>
    r.created("createLoadBalancerRule", { publicipid: String(ip.id), name: "web", algorithm: "roundrobin", publicport: "80", privateport: "8080", ...extra }, "loadbalancer");
  const lbById = async (id: unknown): Promise<Obj> => (await f.list(f.user, "listLoadBalancerRules", { id: String(id) }))[0];
  const members = async (id: unknown): Promise<unknown[]> =>
    (await f.list(f.user, "listLoadBalancerRuleInstances", { id: String(id) })).map((v) => v.id);

  it("two web instances behind a round-robin rule, a third added in place, the algorithm changed to leastconn", async () => {
    const { net, vms } = await r.networkWithVms("web", 3);
    const ip = await r.ip(net);
    const lb = await lbRule(ip, { algorithm: "RoundRobin", openfirewall: "false" });
    const user = (await f.list(f.admin, "listAccounts", { name: "user" }))[0];
    assert.deepStrictEqual(lb, {
      id: lb.id,
      name: "web",
      publicipid: ip.id,
      publicip: ip.ipaddress,
      publicport: "80",
      privateport: "8080",
      algorithm: "RoundRobin",
      networkid: net.id,
      cidrlist: "",
      account: "user",
      domainid: user.domainid,
      domain: "ROOT",
      domainpath: "ROOT",
      state: "Add",
      zoneid: r.c.zoneid,
      zonename: "Sandbox-simulator",
      protocol: "tcp",
      tags: [],
      fordisplay: true,
    });
    assert.deepStrictEqual(await f.list(f.user, "listFirewallRules", { ipaddressid: String(ip.id) }), [], "openfirewall=false opens nothing");

    await r.ok("assignToLoadBalancerRule", { id: String(lb.id), virtualmachineids: `${String(vms[0].id)},${String(vms[1].id)}` });
    assert.strictEqual((await lbById(lb.id)).state, "Active");
    assert.deepStrictEqual(await members(lb.id), [vms[0].id, vms[1].id]);
    await r.ok("assignToLoadBalancerRule", { id: String(lb.id), virtualmachineids: String(vms[2].id) });
    assert.deepStrictEqual(await members(lb.id), [vms[0].id, vms[1].id, vms[2].id]);
    assert.strictEqual((await lbById(lb.id)).id, lb.id, "adding a member keeps the rule");

    const updated = jobObject(await f.job(f.user, "updateLoadBalancerRule", { id: String(lb.id), algorithm: "leastconn" }), "loadbalancer");
    assert.deepStrictEqual([updated.id, updated.algorithm, updated.state], [lb.id, "leastconn", "Active"]);

    await r.ok("removeFromLoadBalancerRule", { id: String(lb.id), virtualmachineids: String(vms[0].id) });
    assert.deepStrictEqual(await members(lb.id), [vms[1].id, vms[2].id]);
    // An instance that is not a member is ignored when given by id, as CloudStack's lookup allows.
    await r.ok("removeFromLoadBalancerRule", { id: String(lb.id), virtualmachineids: String(vms[0].id) });
    const notMember = await r.networkWithVms("other", 1);
    assert.deepStrictEqual(
      (await f.list(f.user, "listLoadBalancerRuleInstances", { id: String(lb.id), applied: "false" })).map((v) => v.id),
      [vms[0].id],
    );
    assertJobError(
      await f.job(f.user, "assignToLoadBalancerRule", { id: String(lb.id), virtualmachineids: String(notMember.vms[0].id) }),
      431,
      "VM with id specified cannot be added because it doesn't belong in the same network.",
    );
    assertJobError(
      await f.job(f.user, "assignToLoadBalancerRule", { id: String(lb.id), virtualmachineids: String(vms[1].id) }),
      431,
      `VM ${r.internalId("vms", vms[1].id)} with ${String(nicsOf(vms[1])[0].ipaddress)} is already mapped to load balancer.`,
    );
  });

  it("members by instance and guest IP (vmidipmap): secondary IPs, refusals, and lbvmips", async () => {
    const { net, vms } = await r.networkWithVms("vmip", 1);
    const ip = await r.ip(net);
    const lb = await lbRule(ip, { openfirewall: "false" });
    const nic = nicsOf(vms[0])[0];
    const secondary = jobObject(await f.job(f.user, "addIpToNic", { nicid: String(nic.id) }), "nicsecondaryip");
    const map = (i: number, vm: unknown, vmip: unknown): Record<string, string> => ({ [`vmidipmap[${i}].vmid`]: String(vm), [`vmidipmap[${i}].vmip`]: String(vmip) });
    assertJobError(
      await f.job(f.user, "assignToLoadBalancerRule", { id: String(lb.id), ...map(0, vms[0].id, "10.1.1.250") }),
      431,
      `VM ip 10.1.1.250 specified does not belong to nic in network ${r.internalId("networks", net.id)}`,
    );
    assertJobError(
      await f.job(f.user, "assignToLoadBalancerRule", { id: String(lb.id), ...map(0, vms[0].id, "bad") }),
      431,
      `Invalid ip address bad passed in vmidipmap for vmid ${String(vms[0].id)}`,
    );
    await r.ok("assignToLoadBalancerRule", { id: String(lb.id), ...map(0, vms[0].id, secondary.ipaddress), ...map(1, vms[0].id, nic.ipaddress) });
    const [entry] = await f.list(f.user, "listLoadBalancerRuleInstances", { id: String(lb.id), lbvmips: "true" });
    assert.deepStrictEqual((entry.lbvmipaddresses as string[]).sort(), [String(nic.ipaddress), String(secondary.ipaddress)].sort());
    assert.strictEqual((entry.loadbalancerruleinstance as Obj).id, vms[0].id);
    assertJobError(
      await f.job(f.user, "removeFromLoadBalancerRule", { id: String(lb.id), ...map(0, vms[0].id, "10.1.1.251") }),
      431,
      "Failed to remove instance from load balancer rule",
    );
    await r.ok("removeFromLoadBalancerRule", { id: String(lb.id), ...map(0, vms[0].id, secondary.ipaddress) });
    const [after] = await f.list(f.user, "listLoadBalancerRuleInstances", { id: String(lb.id), lbvmips: "true" });
    assert.deepStrictEqual(after.lbvmipaddresses, [nic.ipaddress]);
  });

  it("refuses bad algorithms, port 53 on a source NAT IP, static NAT IPs, and reports openfirewall's rule", async () => {
    const { net, vms } = await r.networkWithVms("lbchecks", 1);
    const ip = await r.ip(net);
    assertError(await createLb(ip, { algorithm: "random" }), 431, 9999, "Invalid algorithm: random");
    assertError(await createLb(ip, { privateport: "70000" }), 431, 9999, "privatePort is an invalid value: 70000");
    const snat = (await f.list(f.user, "listPublicIpAddresses", { associatednetworkid: String(net.id), issourcenat: "true" }))[0];
    assertError(
      await createLb(snat, { publicport: "53", privateport: "53" }),
      431,
      9999,
      "Error adding load balancer rule, cannot add port 53 with network service offering having DNS service and Source NAT.",
    );
    const lb = await lbRule(ip, { algorithm: "SOURCE" });
    const [opened] = await f.list(f.user, "listFirewallRules", { ipaddressid: String(ip.id) });
    assert.deepStrictEqual([opened.protocol, opened.startport, opened.endport, opened.cidrlist], ["tcp", 80, 80, "0.0.0.0/0"]);
    assertError(
      await createLb(ip, { name: "second", publicport: "80", privateport: "81", openfirewall: "false" }),
      537,
      9999,
      `The range specified, 80-80, conflicts with rule ${loadBalancerText(r, lb, "Add")} which has 80-80`,
    );
    assertError(
      await f.call(f.user, "enableStaticNat", { ipaddressid: String(ip.id), virtualmachineid: String(vms[0].id) }),
      537,
      4360,
      `Failed to enable static nat for the ip address ${String(ip.ipaddress)} as it already has LoadBalancing rules assigned`,
    );
    const natIp = await r.ip(net);
    assert.strictEqual((await f.call(f.user, "enableStaticNat", { ipaddressid: String(natIp.id), virtualmachineid: String(vms[0].id) })).status, 200);
    assertError(await createLb(natIp), 537, 9999, `Can't do load balance on ip address: ${String(natIp.ipaddress)}`);

    await r.ok("deleteLoadBalancerRule", { id: String(lb.id) });
    assert.deepStrictEqual(await f.list(f.user, "listFirewallRules", { ipaddressid: String(ip.id) }), [], "the related firewall rule goes too");
    assertError(await f.call(f.user, "listLoadBalancerRules", { id: String(lb.id) }), 431, 4350, uuidNotFoundText("id", String(lb.id)));
  });

  it("stickiness: the provider's methods and parameters, at most two policies, hard-deleted", async () => {
    const { net } = await r.networkWithVms("sticky", 0);
    const ip = await r.ip(net);
    const lb = await lbRule(ip, { openfirewall: "false" });
    const internal = r.ruleId(lb.id);
    const sticky = (params: Record<string, string>) => f.call(f.user, "createLBStickinessPolicy", { lbruleid: String(lb.id), name: "s", ...params });
    const cookie = jobObject(
      await f.job(f.user, "createLBStickinessPolicy", {
        lbruleid: String(lb.id),
        name: "cookie",
        methodname: "LbCookie",
        "param[0].name": "cookie-name",
        "param[0].value": "SRV",
        "param[1].name": "nocache",
      }),
      "stickinesspolicies",
    );
    const user = (await f.list(f.admin, "listAccounts", { name: "user" }))[0];
    assert.deepStrictEqual(cookie, {
      lbruleid: lb.id,
      account: "user",
      domainid: user.domainid,
      domain: "ROOT",
      stickinesspolicy: [
        {
          id: (cookie.stickinesspolicy as Obj[])[0].id,
          name: "cookie",
          methodname: "LbCookie",
          params: { "cookie-name": "SRV", nocache: "null" },
          fordisplay: true,
        },
      ],
    });
    assertError(await sticky({ methodname: "Magic" }), 431, 4350, `Failed to match Stickiness method name for LB rule:${internal}`);
    assertError(await sticky({ methodname: "lbcookie", "param[0].name": "holdtime", "param[0].value": "5" }), 431, 4350, "Failed : Stickiness policy does not support param name :holdtime");
    assertError(await sticky({ methodname: "AppCookie", "param[0].name": "mode" }), 431, 4350, "Failed : Value expected for the Param :mode");
    assert.strictEqual((await sticky({ methodname: "SourceBased", "param[0].name": "tablesize", "param[0].value": "200k" })).status, 200);
    assertError(await sticky({ methodname: "SourceBased" }), 431, 4350, `Failed to create Stickiness policy: Already two policies attached ${internal}`);

    const [listed] = await f.list(f.user, "listLBStickinessPolicies", { lbruleid: String(lb.id) });
    assert.strictEqual((listed.stickinesspolicy as Obj[]).length, 2);
    const policyId = String((cookie.stickinesspolicy as Obj[])[0].id);
    await r.ok("deleteLBStickinessPolicy", { id: policyId });
    assertError(await f.call(f.user, "listLBStickinessPolicies", { id: policyId }), 431, 4350, uuidNotFoundText("id", policyId));
    assertError(await f.call(f.user, "listLBStickinessPolicies", {}), 431, 4350, "load balancer rule ID and stickiness policy ID can't be null");
  });

  it("NetScaler's stickiness methods need their own parameters", async () => {
    const { net } = await r.networkWithVms("ns-sticky", 0, { networkofferingid: r.c.networkOfferings[NETSCALER_OFFERING] });
    const ip = await r.ip(net);
    const lb = await lbRule(ip, { openfirewall: "false" });
    const sticky = (params: Record<string, string>) => f.call(f.user, "createLBStickinessPolicy", { lbruleid: String(lb.id), name: "s", ...params });
    assertError(await sticky({ methodname: "AppCookie" }), 431, 4350, "Failed : Missing Manadatory Param :name");
    assert.strictEqual((await sticky({ methodname: "AppCookie", "param[0].name": "name", "param[0].value": "JSESSIONID" })).status, 200);
  });

  it("health checks: refused on a virtual router network with CloudStack's reason, accepted once on NetScaler with defaults", async () => {
    const vr = await r.networkWithVms("hc-vr", 0);
    const vrLb = await lbRule(await r.ip(vr.net), { openfirewall: "false" });
    assertError(
      await f.call(f.user, "createLBHealthCheckPolicy", { lbruleid: String(vrLb.id), pingpath: "/health" }),
      431,
      4350,
      `Failed to create HealthCheck policy: Validation Failed (HealthCheck Policy is not supported by LB Provider for the LB rule:${loadBalancerText(r, vrLb, "Add")})`,
    );
    assert.deepStrictEqual((await f.list(f.user, "listLBHealthCheckPolicies", { lbruleid: String(vrLb.id) }))[0].healthcheckpolicy, []);

    const ns = await r.networkWithVms("hc-ns", 0, { networkofferingid: r.c.networkOfferings[NETSCALER_OFFERING] });
    const network = (await f.list(f.user, "listNetworks", { id: String(ns.net.id) }))[0];
    const lbService = (network.service as Obj[]).find((s) => s.name === "Lb") as Obj;
    assert.deepStrictEqual(lbService.provider, [{ name: "Netscaler" }]);
    assert.ok((lbService.capability as Obj[]).some((c) => c.name === "HealthCheckPolicy" && c.value === "true"));
    const nsLb = await lbRule(await r.ip(ns.net), { openfirewall: "false" });
    const hc = (params: Record<string, string>) => f.call(f.user, "createLBHealthCheckPolicy", { lbruleid: String(nsLb.id), ...params });
    assertError(
      await hc({ responsetimeout: "10", intervaltime: "5" }),
      431,
      4350,
      "Failed to create HealthCheck policy : Monitor interval must be greater than response timeout",
    );
    const created = jobObject(await f.job(f.user, "createLBHealthCheckPolicy", { lbruleid: String(nsLb.id), responsetimeout: "5", intervaltime: "5" }), "healthcheckpolicies");
    const [policy] = created.healthcheckpolicy as Obj[];
    assert.deepStrictEqual(policy, {
      id: policy.id,
      pingpath: "/",
      responsetime: 5,
      healthcheckinterval: 5,
      healthcheckthresshold: 2,
      unhealthcheckthresshold: 1,
      fordisplay: true,
    });
    assertError(await hc({ pingpath: "/other" }), 431, 4350, `Failed to create HealthCheck policy: Already policy attached  for the LB Rule:${loadBalancerText(r, nsLb, "Add")}`);
    await r.ok("deleteLoadBalancerRule", { id: String(nsLb.id) });
    assertError(await f.call(f.user, "listLBHealthCheckPolicies", { id: String(policy.id) }), 431, 4350, uuidNotFoundText("id", String(policy.id)));
  });

  it("another account's rule is not the user's to change", async () => {
    const net = await f.call(f.admin, "createNetwork", { zoneid: r.c.zoneid, name: "adminnet", networkofferingid: r.c.networkOfferings.DefaultIsolatedNetworkOfferingWithSourceNatService });
    const ip = await r.ip(net.body.network as Obj, f.admin);
    const lb = await r.created(
      "createLoadBalancerRule",
      { publicipid: String(ip.id), name: "admin-web", algorithm: "leastconn", publicport: "443", privateport: "443", openfirewall: "false" },
      "loadbalancer",
      f.admin,
    );
    assertJobError(await f.job(f.user, "deleteLoadBalancerRule", { id: String(lb.id) }), 530, `Account user does not have permission to operate with resource ${String(lb.id)}`);
    assert.strictEqual((await f.list(f.admin, "listLoadBalancerRules", { id: String(lb.id) })).length, 1);
  });
});
