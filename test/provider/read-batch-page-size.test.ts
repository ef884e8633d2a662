// The page size of a batched list follows the server's default.page.size: a larger pagesize is
// refused with 431 "Page size can't exceed max allowed page size value: N" (BaseListCmd), and the
// list goes on at N, for this batch and the next. Against a scripted server, since the simulator
// pages at 500 whatever default.page.size says.
import { strict as assert } from "node:assert";
import { findById } from "../../provider/adapter/lifecycle/lookup";
import { ClientRuntime } from "../../provider";
import { envelope, ScriptedServer, type ReceivedRequest } from "../client/scripted-server";

const CEILING = 5;
const networks = Array.from({ length: 12 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, name: `net-${i}` }));

/** listNetworks as CloudStack answers it with default.page.size 5. */
function answer(req: ReceivedRequest) {
  const size = Number(req.params.pagesize);
  if (size > CEILING) {
    return {
      status: 431,
      body: envelope("listNetworks", { uuidList: [], errorcode: 431, cserrorcode: 4350, errortext: `Page size can't exceed max allowed page size value: ${CEILING}` }),
    };
  }
  const matching = req.params.id ? networks.filter((n) => n.id === req.params.id) : networks;
  const page = Number(req.params.page);
  const slice = matching.slice((page - 1) * size, page * size);
  return { body: envelope("listNetworks", slice.length ? { count: matching.length, network: slice } : {}) };
}

describe("coalesced reads and the server's page size", () => {
  let server: ScriptedServer;
  let runtime: ClientRuntime;
  before(async () => {
    server = await ScriptedServer.start(answer);
    runtime = new ClientRuntime();
    runtime.configure({ apiUrl: server.url, apiKey: "k-page-size", secretKey: "s-page-size" });
  });
  after(async () => {
    await runtime.close();
    await server.close();
  });

  it("pages at the ceiling a 431 names, and starts the next batch at it", async () => {
    const client = await runtime.client();
    const ids = networks.map((n) => n.id);
    const read = await Promise.all(ids.map((id) => findById(client, "listNetworks", id, {})));
    assert.deepEqual(
      read.map((n) => n?.id),
      ids,
    );
    assert.deepEqual(
      server.requests.map((r) => [r.params.page, r.params.pagesize, r.params.id ?? null]),
      [
        ["1", "500", null],
        ["1", "5", null],
        ["2", "5", null],
        ["3", "5", null],
      ],
    );

    server.requests.splice(0);
    // A change sent through this process (whatever its answer): the next reads list again, at the size learned.
    await client.request("updateNetwork", { id: ids[0], name: "renamed" }).catch(() => undefined);
    server.requests.splice(0);
    await Promise.all(ids.slice(0, 4).map((id) => findById(client, "listNetworks", id, {})));
    assert.deepEqual(
      server.requests.map((r) => [r.params.page, r.params.pagesize]),
      [
        ["1", "5"],
        ["2", "5"],
        ["3", "5"],
      ],
    );
  });
});
