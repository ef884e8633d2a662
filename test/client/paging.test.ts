import { strict as assert } from "node:assert";
import { CloudStackClient } from "../../provider/client";
import { startedForSuite } from "../support/fixture-hooks";
import { envelope, ScriptedServer, type Script } from "./scripted-server";
import { startScriptedClient } from "./scripted-client";

const items = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from) }, (_, i) => ({ id: `ip-${from + i}`, ipaddress: `192.168.2.${from + i}` }));

describe("client paging", () => {
  let server: ScriptedServer;
  let client: CloudStackClient;
  let script: Script = () => ({ body: {} });

  startedForSuite(() => startScriptedClient((req, i) => script(req, i), { apiKey: "k-123456", secretKey: "s-1234567890" }), (started) => ({ server, client } = started));
  beforeEach(() => server.requests.splice(0));

  // A server holding `total` rows that answers page/pagesize like BaseListCmd, with count = total.
  const paged = (total: number, reportCount: number = total): Script => (req) => {
    const page = Number(req.params.page);
    const size = Number(req.params.pagesize);
    const slice = items((page - 1) * size, Math.min(total, page * size));
    return { body: envelope("listPublicIpAddresses", slice.length ? { count: reportCount, publicipaddress: slice } : {}) };
  };

  it("stops once the items received reach count", async () => {
    script = paged(1000);
    const all = await client.list("listPublicIpAddresses", { zoneid: "z1" });
    assert.equal(all.length, 1000);
    assert.equal(new Set(all.map((item) => item.id)).size, 1000);
    assert.deepEqual(
      server.requests.map((r) => [r.params.page, r.params.pagesize, r.params.zoneid]),
      [
        ["1", "500", "z1"],
        ["2", "500", "z1"],
      ],
    );
  });

  it("stops at a short page", async () => {
    script = paged(1203, 5000);
    const all = await client.list("listPublicIpAddresses");
    assert.equal(all.length, 1203);
    assert.deepEqual(server.requests.map((r) => r.params.page), ["1", "2", "3"]);
  });

  it("stops at an empty page", async () => {
    script = paged(1000, 5000);
    const all = await client.list("listPublicIpAddresses");
    assert.equal(all.length, 1000);
    assert.deepEqual(server.requests.map((r) => r.params.page), ["1", "2", "3"]);
  });

  it("uses a caller's pagesize and returns a single page when page is given", async () => {
    script = paged(25);
    assert.equal((await client.list("listPublicIpAddresses", { pagesize: 10 })).length, 25);
    assert.deepEqual(server.requests.map((r) => [r.params.page, r.params.pagesize]), [["1", "10"], ["2", "10"], ["3", "10"]]);

    server.requests.splice(0);
    const second = await client.list("listPublicIpAddresses", { page: 2, pagesize: 10 });
    assert.deepEqual(second.map((item) => item.id), items(10, 20).map((item) => item.id));
    assert.equal(server.requests.length, 1);
  });

  it("pages again with the server's ceiling when default.page.size is below 500", async () => {
    script = (req, i) => {
      if (Number(req.params.pagesize) > 100) {
        return {
          status: 431,
          body: envelope("listPublicIpAddresses", {
            uuidList: [],
            errorcode: 431,
            cserrorcode: 4350,
            errortext: "Page size can't exceed max allowed page size value: 100",
          }),
        };
      }
      return paged(150)(req, i);
    };
    const all = await client.list("listPublicIpAddresses");
    assert.equal(all.length, 150);
    assert.deepEqual(server.requests.map((r) => r.params.pagesize), ["500", "100", "100"]);
  });

  it("drops an item repeated across pages when a row shifted between requests", async () => {
    script = (req) => {
      const page = Number(req.params.page);
      const slice = page === 1 ? items(0, 500) : items(499, 600);
      return { body: envelope("listPublicIpAddresses", { count: 601, publicipaddress: slice }) };
    };
    const all = await client.list("listPublicIpAddresses");
    assert.equal(all.length, 600);
    assert.equal(server.requests.length, 2);
  });
});
