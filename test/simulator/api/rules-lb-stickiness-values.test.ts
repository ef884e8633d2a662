// Stickiness parameter values a virtual router refuses (NetworkHelperImpl.validateHAProxyLBRule).
import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { loadBalancerText, startRulesFixture, type RulesFixture } from "./api-rules-fixture";
import { assertError, type Fixture } from "./api-fixture";

describe("simulator api: stickiness values on a virtual router", function () {
  this.timeout(60_000);
  let r: RulesFixture;
  let f: Fixture;
  startedForSuite(startRulesFixture, (started) => {
    r = started;
    f = started.f;
  });

  describe("stickiness values on a virtual router (NetworkHelperImpl.validateHAProxyLBRule)", () => {
    it("refuses malformed expire, tablesize, length and holdtime once the network has its router", async () => {
      const { net } = await r.networkWithVms("haproxy", 1);
      const ip = await r.ip(net);
      const lb = await r.created(
        "createLoadBalancerRule",
        { publicipid: String(ip.id), name: "web", publicport: "80", privateport: "8080", algorithm: "roundrobin", openfirewall: "false" },
        "loadbalancer",
      );
      const sticky = (params: Record<string, string>) => f.call(f.user, "createLBStickinessPolicy", { lbruleid: String(lb.id), name: "s", ...params });
      const text = loadBalancerText(r, lb, "Add");
      assertError(
        await sticky({ methodname: "SourceBased", "param[0].name": "expire", "param[0].value": "30x" }),
        431,
        4350,
        `Failed LB in validation rule: ${text} Cause: expire is not in timeformat: 30x`,
      );
      assertError(
        await sticky({ methodname: "SourceBased", "param[0].name": "tablesize", "param[0].value": "200" }),
        431,
        4350,
        `Failed LB in validation rule: ${text} Cause: tablesize is not in size format: 200`,
      );
      assertError(
        await sticky({ methodname: "AppCookie", "param[0].name": "length", "param[0].value": "ten" }),
        431,
        4350,
        `Failed LB in validation rule id: ${text} Cause: length is not a number: ten`,
      );
      assertError(
        await sticky({ methodname: "AppCookie", "param[0].name": "holdtime", "param[0].value": "3w" }),
        431,
        4350,
        `Failed LB in validation rule id: ${text} Cause: holdtime is not in timeformat: 3w`,
      );
      assert.strictEqual((await sticky({ methodname: "AppCookie", "param[0].name": "holdtime", "param[0].value": "3h" })).status, 200);
      assert.strictEqual((await sticky({ methodname: "SourceBased", "param[0].name": "expire", "param[0].value": "10m", "param[1].name": "tablesize", "param[1].value": "1g" })).status, 200);
    });
  });
});
