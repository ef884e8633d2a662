// Guest CIDRs in RFC 6598 space (100.64.0.0/10) pass check like RFC 1918 ones, and others fail
// it, as CloudStack's NetUtils.validateGuestCidr decides.
import * as assert from "assert";
import { startedForSuite } from "../support/fixture-hooks";
import { checkFailures, startRules, type AddressingFixture } from "../support/rules-fixture";

describe("provider: guest CIDR space at check", function () {
  this.timeout(60000);
  let fx: AddressingFixture;
  startedForSuite(startRules, (started) => {
    fx = started;
  });

  it("accepts RFC 6598 space (100.64.0.0/10) for a VPC CIDR and a guest VM CIDR at check", async () => {
    const vpc = { name: "cgn", zone: "Sandbox-simulator", vpcOffering: "Default VPC offering", cidr: "100.64.0.0/16" };
    assert.deepStrictEqual(await checkFailures(fx.sim, fx.admin.provider("Vpc"), vpc), []);
    const beyond = await checkFailures(fx.sim, fx.admin.provider("Vpc"), { ...vpc, cidr: "100.128.0.0/16" });
    assert.deepStrictEqual(
      beyond.map((f) => f.reason),
      ['cidr: "100.128.0.0/16" is not RFC 1918 or RFC 6598 space (CloudStack: "Guest Cidr 100.128.0.0/16 is not RFC1918 compliant")'],
    );
    const network = {
      name: "cgn-net",
      zone: "Sandbox-simulator",
      networkOffering: "DefaultIsolatedNetworkOfferingWithSourceNatService",
      gateway: "100.64.1.1",
      netmask: "255.255.255.0",
      guestVmCidr: "100.64.1.0/26",
    };
    assert.deepStrictEqual(await checkFailures(fx.sim, fx.admin.provider("Network"), network), []);
  });
});
