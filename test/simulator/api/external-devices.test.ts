// NetScaler load balancers and Palo Alto firewalls through the simulator's API: the rules of
// NetscalerElement, PaloAltoExternalFirewallElement and the external device managers.
import * as assert from "assert";
import { startedForEachTest } from "../../support/fixture-hooks";
import { assertError, assertJobError, jobObject, startFixture, uuidNotFoundText, type Fixture, type Obj } from "./api-fixture";

const NS_URL = "https://10.147.40.10?publicinterface=1/1&privateinterface=1/2";
const PA_URL = "https://10.147.40.20?publicinterface=ethernet1/1&privateinterface=ethernet1/2&publicnetwork=untrust&privatenetwork=trust&pavr=default";

describe("simulator api: external devices", function () {
  this.timeout(20_000);
  let f: Fixture;
  let pnetId: string;

  startedForEachTest(startFixture, async (started) => {
    f = started;
    pnetId = String((await f.list(f.admin, "listPhysicalNetworks"))[0].id);
  });

  const addProvider = async (name: string): Promise<Obj> =>
    jobObject(await f.job(f.admin, "addNetworkServiceProvider", { physicalnetworkid: pnetId, name }), "networkserviceprovider");
  const addNetscaler = (extra: Record<string, string> = {}) =>
    f.job(f.admin, "addNetscalerLoadBalancer", { physicalnetworkid: pnetId, url: NS_URL, username: "nsroot", password: "secret", networkdevicetype: "NetscalerVPXLoadBalancer", ...extra });

  it("adds a NetScaler only to a physical network with the provider, in CloudStack's order of checks", async () => {
    const missing = await addNetscaler();
    assert.deepStrictEqual([missing.jobstatus, missing.jobresultcode], [2, 530]);
    assert.match(
      String((missing.jobresult as Obj).errortext),
      /^Network Service Provider: Netscaler is not enabled in the physical network: PhysicalNetwork \{"id": \d+, "name": ".*", "uuid": "[0-9a-f-]+"\} to add this device$/,
    );
    await addProvider("Netscaler");
    assertJobError(await addNetscaler({ networkdevicetype: "F5BigIpLoadBalancer" }), 431, "Invalid Netscaler device type");
    assertJobError(
      await addNetscaler({ networkdevicetype: "NetscalerMPXLoadBalancer", url: NS_URL + "&lbdevicededicated=true" }),
      431,
      "Only Netscaler VPX load balancers can be specified for dedicated use",
    );
    assertJobError(
      await addNetscaler({ networkdevicetype: "NetscalerSDXLoadBalancer", gslbprovider: "true" }),
      431,
      "Only Netscaler VPX or MPX load balancers can be specified as GSLB service provider",
    );
    assertJobError(await addNetscaler({ gslbprovider: "true", gslbproviderpublicip: "203.0.113.5" }), 431, "Public and Privae IP needs to provided for NetScaler that will be GSLB provider");
    assertJobError(
      await addNetscaler({ isexclusivegslbprovider: "true" }),
      431,
      "NetScaler can be provisioned to be exclusive GSLB service provider only if its being configured as GSLB service provider also.",
    );
    assertJobError(await addNetscaler({ url: "https://10.147.40.10?publicinterface=1/1" }), 530, "Unable to find private interface in the configuration parameters");
    assertJobError(await addNetscaler({ url: "10.147.40.10" }), 530, "Unable to find IP address in the configuration parameters");
    assertJobError(
      await addNetscaler({ url: "https://10.147.40.10 ?publicinterface=1/1" }),
      431,
      "Error parsing the url parameter specified in addNetscalerLoadBalancer command due to Illegal character at index 20: https://10.147.40.10 ?publicinterface=1/1",
    );

    const device = jobObject(await addNetscaler({ url: NS_URL + "&lbdevicecapacity=7" }), "netscalerloadbalancer");
    assert.deepStrictEqual(
      [device.lbdevicename, device.lbdevicestate, device.lbdevicecapacity, device.lbdevicededicated, device.ipaddress, device.provider, device.gslbprovider, device.podids],
      ["NetscalerVPXLoadBalancer", "Enabled", 7, false, "10.147.40.10", "Netscaler", false, []],
    );
    assert.strictEqual(device.password, undefined, "the password is never answered");
  });

  it("keeps one GSLB provider per physical network and configures capacity, dedication and pods with CloudStack's wrapped errors", async () => {
    await addProvider("Netscaler");
    const gslb = { gslbprovider: "true", gslbproviderpublicip: "203.0.113.5", gslbproviderprivateip: "10.147.40.5" };
    const first = jobObject(await addNetscaler({ ...gslb, networkdevicetype: "NetscalerMPXLoadBalancer" }), "netscalerloadbalancer");
    assert.deepStrictEqual([first.gslbprovider, first.gslbproviderpublicip, first.isexclusivegslbprovider], [true, "203.0.113.5", false]);
    assertJobError(await addNetscaler(gslb), 530, "There is a GSLB service provider configured in the zone already.");

    const id = String(first.lbdeviceid);
    assertJobError(
      await f.job(f.admin, "configureNetscalerLoadBalancer", { lbdeviceid: id, lbdevicededicated: "true" }),
      530,
      "failed to configure netscaler device due to Netscaler MPX and SDX device should be shared and can not be dedicated to a single account.",
    );
    const podParams = { zoneid: await f.zoneId(), name: "pod-ns", gateway: "172.16.30.1", netmask: "255.255.255.0", startip: "172.16.30.10", endip: "172.16.30.20" };
    const pod = (await f.call(f.admin, "createPod", podParams)).body.pod as Obj;
    const configured = jobObject(await f.job(f.admin, "configureNetscalerLoadBalancer", { lbdeviceid: id, lbdevicecapacity: "9", podids: String(pod.id) }), "netscalerloadbalancer");
    assert.strictEqual(configured.lbdevicecapacity, 9);
    assert.strictEqual((configured.podids as unknown[]).length, 1);
    assert.strictEqual(typeof (configured.podids as unknown[])[0], "number", "CloudStack answers the pods' internal ids");
    // Without podids CloudStack compares the current pods against a null list.
    assertJobError(await f.job(f.admin, "configureNetscalerLoadBalancer", { lbdeviceid: id, lbdevicecapacity: "10" }), 530, "failed to configure netscaler device due to null");
    // An empty podids is the empty list (ParamProcessWorker): it dissociates every pod.
    const cleared = jobObject(await f.job(f.admin, "configureNetscalerLoadBalancer", { lbdeviceid: id, podids: "" }), "netscalerloadbalancer");
    assert.deepStrictEqual(cleared.podids, []);

    assertError(await f.call(f.admin, "listNetscalerLoadBalancers"), 431, 4350, "Either physical network Id or load balancer device Id must be specified");
    assert.strictEqual((await f.list(f.admin, "listNetscalerLoadBalancers", { physicalnetworkid: pnetId })).length, 1);
    assert.strictEqual((await f.job(f.admin, "deleteNetscalerLoadBalancer", { lbdeviceid: id })).jobstatus, 1);
    assertError(await f.call(f.admin, "listNetscalerLoadBalancers", { lbdeviceid: id }), 431, 4350, uuidNotFoundText("lbdeviceid", id));
    assertError(await f.call(f.user, "listNetscalerLoadBalancers", { physicalnetworkid: pnetId }), 432, 9999, "The given command does not exist or it is not available for user");
  });

  it("enables the PaloAlto provider only once an enabled device exists, and lists devices as paloaltofirewall", async () => {
    const nsp = await addProvider("PaloAlto");
    const enable = () => f.job(f.admin, "updateNetworkServiceProvider", { id: String(nsp.id), state: "Enabled" });
    assertJobError(await enable(), 530, "Provider is not ready, cannot Enable the provider, please configure the provider first");
    const add = (extra: Record<string, string> = {}) =>
      f.job(f.admin, "addPaloAltoFirewall", { physicalnetworkid: pnetId, url: PA_URL, username: "admin", password: "secret", networkdevicetype: "PaloAltoFirewall", ...extra });
    assertJobError(await add({ networkdevicetype: "JuniperSRXFirewall" }), 431, "Invalid Palo Alto firewall device type");
    assertJobError(await add({ url: "https://10.147.40.20?publicinterface=ethernet1/1&privateinterface=ethernet1/2&publicnetwork=untrust&privatenetwork=trust" }), 530, "Unable to find virtual router");
    const device = jobObject(await add({ url: PA_URL + "&timeout=60" }), "pafirewall");
    assert.deepStrictEqual([device.fwdevicename, device.fwdevicestate, device.fwdevicecapacity, device.ipaddress, device.timeout], ["PaloAltoFirewall", "Enabled", 50, "10.147.40.20", "60"]);
    assert.strictEqual(jobObject(await enable(), "networkserviceprovider").state, "Enabled");

    const r = await f.call(f.admin, "listPaloAltoFirewalls", { physicalnetworkid: pnetId });
    assert.deepStrictEqual(Object.keys(r.body), ["count", "paloaltofirewall"]);
    const configured = jobObject(await f.job(f.admin, "configurePaloAltoFirewall", { fwdeviceid: String(device.fwdeviceid), fwdevicecapacity: "4" }), "pafirewall");
    assert.strictEqual(configured.fwdevicecapacity, 4);
    assert.strictEqual((await f.job(f.admin, "deletePaloAltoFirewall", { fwdeviceid: String(device.fwdeviceid) })).jobstatus, 1);
    assert.deepStrictEqual(await f.list(f.admin, "listPaloAltoFirewalls", { physicalnetworkid: pnetId }), []);
  });
});
