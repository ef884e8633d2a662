import { strict as assert } from "node:assert";
import { CloudStackApiError, CloudStackClient } from "../../provider/client";
import { startedForSuite } from "../support/fixture-hooks";
import { envelope, expectedSignature, ScriptedServer, type Script } from "./scripted-server";
import { startScriptedClient } from "./scripted-client";

const API_KEY = "test-api-key-0001";
const SECRET = "test-secret-key-0001-abcdefgh";

describe("client requests and envelopes", () => {
  let server: ScriptedServer;
  let client: CloudStackClient;
  let script: Script = () => ({ body: {} });

  startedForSuite(
    () => startScriptedClient((req, i) => script(req, i), { apiKey: API_KEY, secretKey: SECRET, retry: { baseDelayMs: 5 } }),
    (started) => ({ server, client } = started),
  );
  beforeEach(() => server.requests.splice(0));

  it("sends reads as GET with a verifiable signatureVersion=3 signature", async () => {
    script = () => ({ body: envelope("listZones", { count: 1, zone: [{ id: "z1", name: "Sandbox-simulator" }] }) });
    const inner = await client.request("listZones", { name: "Sandbox simulator+1", available: true });
    assert.deepEqual(inner, { count: 1, zone: [{ id: "z1", name: "Sandbox-simulator" }] });

    const [req] = server.requests;
    assert.equal(req!.method, "GET");
    assert.equal(req!.rawBody, "");
    assert.equal(req!.params.command, "listZones");
    assert.equal(req!.params.apiKey, API_KEY);
    assert.equal(req!.params.response, "json");
    assert.equal(req!.params.signatureVersion, "3");
    assert.equal(req!.params.name, "Sandbox simulator+1");
    assert.equal(req!.params.available, "true");
    assert.match(req!.params.expires!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    const expiresAt = Date.parse(req!.params.expires!.replace("+0000", "Z"));
    assert.ok(Math.abs(expiresAt - (Date.now() + 600_000)) < 5_000, "expires is about 10 minutes ahead");
    assert.equal(req!.params.signature, expectedSignature(req!.params, SECRET));
  });

  it("sends state-changing commands as a form-encoded POST, with lists and maps flattened", async () => {
    script = () => ({ body: envelope("createNetwork", { network: { id: "n1", name: "tier 1" } }) });
    const inner = await client.request("createNetwork", {
      name: "tier 1",
      displaytext: "web & app ~ 100%",
      zoneid: "z1",
      vlan: 101,
      cidrlist: ["10.1.1.0/24", "10.1.2.0/24"],
      tags: [
        { key: "env", value: "prod" },
        { key: "team", value: "net ops" },
      ],
      gateway: undefined,
      netmask: null,
    });
    assert.deepEqual(inner, { network: { id: "n1", name: "tier 1" } });

    const [req] = server.requests;
    assert.equal(req!.method, "POST");
    assert.equal(req!.rawQuery, "");
    assert.match(req!.contentType!, /^application\/x-www-form-urlencoded/);
    assert.equal(req!.params.displaytext, "web & app ~ 100%");
    assert.equal(req!.params.vlan, "101");
    assert.equal(req!.params.cidrlist, "10.1.1.0/24,10.1.2.0/24");
    assert.equal(req!.params["tags[0].key"], "env");
    assert.equal(req!.params["tags[0].value"], "prod");
    assert.equal(req!.params["tags[1].key"], "team");
    assert.equal(req!.params["tags[1].value"], "net ops");
    assert.ok(!("gateway" in req!.params) && !("netmask" in req!.params));
    assert.equal(req!.params.signature, expectedSignature(req!.params, SECRET));
  });

  it("returns list items across the envelope, [] for the empty form {} and the success form as is", async () => {
    script = (req) => {
      if (req.params.command === "listNetworks") return { body: envelope("listNetworks", {}) };
      if (req.params.command === "listVPCs") return { body: envelope("listVPCs", { count: 2, vpc: [{ id: "v1" }, { id: "v2" }] }) };
      return { body: envelope("deleteNetworkOffering", { success: true }) };
    };
    assert.deepEqual(await client.list("listNetworks"), []);
    assert.deepEqual(await client.list("listVPCs"), [{ id: "v1" }, { id: "v2" }]);
    assert.deepEqual(await client.execute("deleteNetworkOffering", { id: "o1" }), { success: true });
  });

  it("turns an error envelope into CloudStackApiError with its fields and a hint", async () => {
    const errortext = "Unable to execute API command createnetwork due to missing parameter zoneid";
    script = () => ({
      status: 431,
      body: envelope("createNetwork", { uuidList: [], errorcode: 431, cserrorcode: 9999, errortext }),
    });
    const error = await client.request("createNetwork", { name: "n" }).then(
      () => assert.fail("expected an error"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof CloudStackApiError);
    assert.equal(error.status, 431);
    assert.equal(error.errorcode, 431);
    assert.equal(error.cserrorcode, 9999);
    assert.equal(error.command, "createNetwork");
    assert.equal(error.errortext, errortext);
    assert.equal(
      error.message,
      `CloudStack createNetwork failed (431, cserrorcode 9999): ${errortext}. Fix the parameter named in the message.`,
    );
    assert.equal(server.requests.length, 1, "a create is sent once");
  });

  it("reports the 401 signature error without a cserrorcode and points at credentials and clock", async () => {
    script = () => ({
      status: 401,
      body: envelope("listZones", { uuidList: [], errorcode: 401, errortext: "unable to verify user credentials and/or request signature" }),
    });
    const error = await client.request("listZones").catch((e: unknown) => e);
    assert.ok(error instanceof CloudStackApiError);
    assert.equal(error.cserrorcode, undefined);
    assert.match(error.message, /^CloudStack listZones failed \(401\): unable to verify user credentials and\/or request signature\. /);
    assert.match(error.message, /API key and secret key.*clock/);
    assert.equal(server.requests.length, 1, "401 is not retried");
  });

  it("reads the errorresponse envelope of an unknown command", async () => {
    script = () => ({
      status: 432,
      body: { errorresponse: { uuidList: [], errorcode: 432, cserrorcode: 9999, errortext: "The given command does not exist or it is not available for user" } },
    });
    const error = await client.request("createNetwrk").catch((e: unknown) => e);
    assert.ok(error instanceof CloudStackApiError);
    assert.equal(error.errorcode, 432);
    assert.equal(error.errortext, "The given command does not exist or it is not available for user");
  });

  it("turns a non-JSON body into CloudStackApiError carrying the HTTP status", async () => {
    script = () => ({ status: 403, contentType: "text/html", body: "<html><body>Forbidden by the proxy</body></html>" });
    const error = await client.request("createNetwork").catch((e: unknown) => e);
    assert.ok(error instanceof CloudStackApiError);
    assert.equal(error.status, 403);
    assert.equal(error.errorcode, 403);
    assert.equal(error.cserrorcode, undefined);
    assert.match(error.errortext, /HTTP 403 .*not JSON.*Forbidden by the proxy/);
  });

  it("refuses parameters the client sets itself", async () => {
    await assert.rejects(client.request("listZones", { signature: "x" }), /set by the CloudStack client itself/);
    assert.equal(server.requests.length, 0);
  });

  it("classifies list*, query* and get* as reads", async () => {
    const { isReadCommand } = await import("../../provider/client");
    assert.deepEqual(
      ["listNetworks", "queryAsyncJobResult", "getApiLimit", "createNetwork", "deleteVPC", "listener", "updateNetwork"].map(isReadCommand),
      [true, true, true, false, false, false, false],
    );
  });
});

describe("error hints fit what CloudStack said", () => {
  const message = (errorcode: number, errortext: string, command = "deployVirtualMachine") =>
    new CloudStackApiError({ status: errorcode, errorcode, command, errortext }).message;

  it("does not say retry later for an address that can never be had (533)", () => {
    for (const text of ["Insufficient address capacity", "Unable to acquire Guest IP address for network Ntwk[204|Guest|8]"]) {
      const said = message(533, text);
      assert.doesNotMatch(said, /retry later/i, said);
      assert.match(said, /If a specific IP was asked for, it is outside the network's CIDR or ranges, the gateway, or already taken: choose another or free it \(retrying does not help\)/);
    }
    assert.doesNotMatch(message(533, "Unable to allocate vnet as a part of network 1 implement"), /retry later/i);
  });

  it("names the parameter only when the text names one (430, 431)", () => {
    assert.match(message(431, "Unable to execute API command createnetwork due to missing parameter zoneid"), /Fix the parameter named in the message\.$/);
    const without = message(431, "CIDR should be outside of VPC cidr 10.0.0.0/16", "createStaticRoute");
    assert.equal(
      without,
      "CloudStack createStaticRoute failed (431): CIDR should be outside of VPC cidr 10.0.0.0/16. CloudStack refused a value of the request: correct the input the message describes.",
    );
  });

  it("explains the VPC tier limit instead of calling it an internal error (530)", () => {
    const said = message(530, "Number of networks per VPC cannot surpass [3].", "createNetwork");
    assert.equal(
      said,
      "CloudStack createNetwork failed (530): Number of networks per VPC cannot surpass [3]. The VPC already has the 3 tiers the vpc.max.networks setting allows: delete a tier, or have a root admin raise vpc.max.networks (e.g. with a ConfigurationSetting).",
    );
    assert.match(message(530, "Failed to create network"), /internal error/);
  });
});
