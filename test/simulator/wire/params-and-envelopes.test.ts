import assert from "assert";
import { rawCall } from "../raw-client";
import { FAKE_KEYS, FakeSimulator, startFake } from "./fake-backend";

describe("simulator wire: commands, parameters, envelopes, paging", () => {
  let sim: FakeSimulator;
  before(async () => {
    sim = await startFake();
  });
  after(() => sim.wire.close());

  const call = (command: string, params: Record<string, string> = {}, creds = FAKE_KEYS.admin) =>
    rawCall(sim.endpoint, creds, command, params);

  describe("unknown commands", () => {
    it("answers 432 under errorresponse for a command CloudStack does not have", async () => {
      const r = await call("listUnicorns");
      assert.strictEqual(r.status, 432);
      assert.deepStrictEqual(r.body, {
        errorresponse: { uuidList: [], errorcode: 432, cserrorcode: 9999, errortext: "Unknown API command: listUnicorns" },
      });
    });

    it("answers 432 for a listed command the backend has no handler for", async () => {
      const r = await call("listProjects");
      assert.strictEqual(r.status, 432);
      assert.ok("errorresponse" in r.body);
    });

    it("answers 432 when no command is sent", async () => {
      const res = await fetch(`${sim.endpoint}?response=json`);
      assert.strictEqual(res.status, 432);
      const body = (await res.json()) as { errorresponse: { errortext: string } };
      assert.strictEqual(body.errorresponse.errortext, "Invalid request, no command sent");
    });

    it("answers 404 on other paths and 405 for other methods", async () => {
      assert.strictEqual((await fetch(sim.endpoint.replace("/client/api", "/client/other"))).status, 404);
      assert.strictEqual((await fetch(sim.endpoint, { method: "PUT" })).status, 405);
    });
  });

  describe("parameters", () => {
    it("answers 431 for a missing required parameter, with ParamProcessWorker's text", async () => {
      const r = await call("createNetwork", { name: "n1", zoneid: "zone-1" });
      assert.strictEqual(r.status, 431);
      assert.deepStrictEqual(r.body, {
        createnetworkresponse: {
          uuidList: [],
          errorcode: 431,
          cserrorcode: 9999,
          errortext: "Unable to execute API command createnetwork due to missing parameter networkofferingid",
        },
      });
    });

    it("answers 431 for a parameter the command does not have (strict mode)", async () => {
      const r = await call("listZones", { zoneName: "x" });
      assert.strictEqual(r.status, 431);
      const e = r.body.listzonesresponse as { errortext: string; errorcode: number };
      assert.strictEqual(e.errorcode, 431);
      assert.match(e.errortext, /zoneName/);
    });

    it("lets unknown parameters through in lenient mode", async () => {
      const lenient = await startFake({ strictParams: false });
      try {
        const r = await rawCall(lenient.endpoint, FAKE_KEYS.admin, "listZones", { zoneName: "x" });
        assert.strictEqual(r.status, 200);
        assert.strictEqual(lenient.backend.seenParams.at(-1)?.zoneName, "x");
      } finally {
        await lenient.wire.close();
      }
    });

    it("never treats transport parameters as unknown, and hides them from handlers", async () => {
      const r = await call("listZones", { _: "1700000000", sessionkey: "s" });
      assert.strictEqual(r.status, 200);
      const seen = sim.backend.seenParams.at(-1) ?? {};
      for (const name of ["apiKey", "signature", "signatureVersion", "expires", "response", "command", "_", "sessionkey"]) {
        assert.ok(!(name in seen), `${name} reached the handler`);
      }
    });

    it("answers 431 for a value that is not an integer or boolean", async () => {
      const r = await call("createNetwork", { name: "n", networkofferingid: "o", zoneid: "z", publicmtu: "15x00" });
      assert.strictEqual(r.status, 431);
      assert.strictEqual(
        (r.body.createnetworkresponse as { errortext: string }).errortext,
        "Unable to execute API command createnetwork due to invalid value 15x00 for parameter publicmtu",
      );
      const tooBig = await call("createNetwork", { name: "n", networkofferingid: "o", zoneid: "z", publicmtu: "2147483648" });
      assert.strictEqual(tooBig.status, 431);
      const bool = await call("listZones", { available: "yes" });
      assert.strictEqual(bool.status, 431);
      const ok = await call("listZones", { available: "TRUE" });
      assert.strictEqual(ok.status, 200);
    });

    it("accepts map parameters as name[i].key only for MAP parameters", async () => {
      const ok = await call("listZones", { "tags[0].key": "env", "tags[0].value": "prod" });
      assert.strictEqual(ok.status, 200);
      const bad = await call("listZones", { "name[0].key": "x" });
      assert.strictEqual(bad.status, 431);
    });

    it("accepts admin-variant parameters from root admins only", async () => {
      const params = { name: "n", networkofferingid: "o", zoneid: "z", vlan: "100" };
      const admin = await call("createNetwork", params);
      assert.strictEqual(admin.status, 200, JSON.stringify(admin.body));
      assert.strictEqual(sim.backend.seenParams.at(-1)?.vlan, "100");
      const user = await call("createNetwork", params, FAKE_KEYS.alice);
      assert.strictEqual(user.status, 431);
      assert.match((user.body.createnetworkresponse as { errortext: string }).errortext, /vlan/);
    });
  });

  describe("envelopes", () => {
    it("wraps one object under its object name", async () => {
      const r = await call("createNetwork", { name: "env", networkofferingid: "o", zoneid: "z" });
      const network = (r.body.createnetworkresponse as { network: { name: string; id: string } }).network;
      assert.strictEqual(network.name, "env");
      assert.match(network.id, /^net-/);
    });

    it("gives a list with count and the array under the object name", async () => {
      const r = await call("listZones");
      assert.deepStrictEqual(r.body, {
        listzonesresponse: {
          count: 3,
          zone: [
            { id: "zone-1", name: "Zone 1" },
            { id: "zone-2", name: "Zone 2" },
            { id: "zone-3", name: "Zone 3" },
          ],
        },
      });
    });

    it("gives {} for an empty list", async () => {
      const r = await call("listRegions");
      assert.strictEqual(r.status, 200);
      assert.deepStrictEqual(r.body, { listregionsresponse: {} });
    });

    it("gives only count for retrieveonlyresourcecount=true", async () => {
      const r = await call("listNetworks", { retrieveonlyresourcecount: "true" });
      const body = r.body.listnetworksresponse as Record<string, unknown>;
      assert.ok(typeof body.count === "number" && body.count > 0);
      assert.ok(!("network" in body));
    });

    it("gives success responses flat, with displaytext", async () => {
      const r = await call("deleteTags", { resourceids: "a", resourcetype: "Network" });
      assert.deepStrictEqual(r.body, { deletetagsresponse: { success: true, displaytext: "removed" } });
    });

    it("turns an ApiError into its code, cserrorcode and uuidList", async () => {
      const r = await call("listDomains");
      assert.strictEqual(r.status, 531);
      assert.deepStrictEqual(r.body, {
        listdomainsresponse: {
          uuidList: [{ uuid: "domain-root", description: "domain" }],
          errorcode: 531,
          cserrorcode: 4365,
          errortext: "Caller cannot list domains",
        },
      });
    });

    it("turns any other exception into 530 with its message", async () => {
      const r = await call("updateConfiguration", { name: "x", value: "y" });
      assert.strictEqual(r.status, 530);
      const e = r.body.updateconfigurationresponse as { errorcode: number; errortext: string };
      assert.strictEqual(e.errorcode, 530);
      assert.strictEqual(e.errortext, "boom from a handler bug");
    });

    it("answers JSON with CloudStack's content type even without response=json", async () => {
      const res = await fetch(`${sim.endpoint}?command=listZones`);
      assert.strictEqual(res.headers.get("content-type"), "application/json; charset=UTF-8");
      assert.strictEqual(res.status, 401);
      assert.ok("listzonesresponse" in ((await res.json()) as object));
    });
  });

  describe("paging", () => {
    before(() => {
      sim.backend.zoneCount = 7;
    });
    after(() => {
      sim.backend.zoneCount = 3;
    });
    const zoneIds = (body: Record<string, unknown>): string[] =>
      ((body.listzonesresponse as { zone?: Array<{ id: string }> }).zone ?? []).map((z) => z.id);

    it("returns page N of size M with count = the total", async () => {
      const r = await call("listZones", { page: "2", pagesize: "3" });
      assert.strictEqual((r.body.listzonesresponse as { count: number }).count, 7);
      assert.deepStrictEqual(zoneIds(r.body), ["zone-4", "zone-5", "zone-6"]);
      const last = await call("listZones", { page: "3", pagesize: "3" });
      assert.deepStrictEqual(zoneIds(last.body), ["zone-7"]);
    });

    it("keeps count but no array past the last page", async () => {
      const r = await call("listZones", { page: "9", pagesize: "3" });
      assert.deepStrictEqual(r.body, { listzonesresponse: { count: 7 } });
    });

    it("treats pagesize=-1 as unlimited, and refuses page with it", async () => {
      const r = await call("listZones", { pagesize: "-1" });
      assert.strictEqual(zoneIds(r.body).length, 7);
      const bad = await call("listZones", { pagesize: "-1", page: "1" });
      assert.strictEqual(bad.status, 431);
      assert.strictEqual(
        (bad.body.listzonesresponse as { errortext: string }).errortext,
        "Can't specify page parameter when pagesize is -1 (Unlimited)",
      );
    });

    it("requires page and pagesize together, with CloudStack's messages", async () => {
      const noPage = await call("listZones", { pagesize: "3" });
      assert.strictEqual(noPage.status, 431);
      assert.strictEqual(
        (noPage.body.listzonesresponse as { errortext: string }).errortext,
        '"page" parameter is required when "pagesize" is specified',
      );
      const noSize = await call("listZones", { page: "1" });
      assert.strictEqual(noSize.status, 431);
      assert.strictEqual(
        (noSize.body.listzonesresponse as { errortext: string }).errortext,
        '"pagesize" parameter is required when "page" is specified',
      );
    });

    it("refuses a page size above default.page.size (500)", async () => {
      const r = await call("listZones", { page: "1", pagesize: "501" });
      assert.strictEqual(r.status, 431);
      assert.deepStrictEqual(r.body, {
        listzonesresponse: {
          uuidList: [],
          errorcode: 431,
          cserrorcode: 4350,
          errortext: "Page size can't exceed max allowed page size value: 500",
        },
      });
      assert.strictEqual((await call("listZones", { page: "1", pagesize: "500" })).status, 200);
    });

    it("limits an unpaged list to default.page.size items", async () => {
      sim.backend.zoneCount = 501;
      try {
        const r = await call("listZones");
        assert.strictEqual((r.body.listzonesresponse as { count: number }).count, 501);
        assert.strictEqual(zoneIds(r.body).length, 500);
      } finally {
        sim.backend.zoneCount = 7;
      }
    });
  });
});
