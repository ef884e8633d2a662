// Static routes against the zone's denied.routes setting (VpcManagerImpl.isCidrDenylisted).
import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { type Catalog } from "./api-instances-fixture";
import { startRulesFixture } from "./api-rules-fixture";
import { assertError, jobObject, type Fixture } from "./api-fixture";
import { vpcKit, type VpcKit } from "./api-vpc-fixture";

describe("simulator api: static routes and denied.routes", function () {
  this.timeout(60_000);
  let f: Fixture;
  let c: Catalog;
  let k: VpcKit;
  startedForSuite(startRulesFixture, async (started) => {
    f = started.f;
    c = started.c;
    k = await vpcKit(f);
  });

  describe("static routes and the zone's denied.routes (VpcManagerImpl.isCidrDenylisted)", () => {
    it("refuses a route overlapping a denied route of the VPC's zone, set at zone scope", async () => {
      const vpc = String((await k.vpc(f.user, { name: "denied-vpc" })).id);
      const set = await f.call(f.admin, "updateConfiguration", { name: "denied.routes", value: "172.30.0.0/16,192.0.2.0/24", zoneid: c.zoneid });
      assert.strictEqual(set.status, 200, JSON.stringify(set.body));
      try {
        assertError(
          await f.call(f.user, "createStaticRoute", { vpcid: vpc, nexthop: "10.0.1.10", cidr: "172.30.8.0/24" }),
          431,
          4350,
          "The static gateway cidr overlaps with one of the denied routes of the zone the VPC belongs to",
        );
        const allowed = jobObject(await f.job(f.user, "createStaticRoute", { vpcid: vpc, nexthop: "10.0.1.10", cidr: "172.31.0.0/16" }), "staticroute");
        assert.strictEqual(allowed.cidr, "172.31.0.0/16");
      } finally {
        await f.call(f.admin, "updateConfiguration", { name: "denied.routes", value: "", zoneid: c.zoneid });
      }
    });
  });
});
