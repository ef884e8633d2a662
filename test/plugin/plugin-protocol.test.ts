// The plugin's own calls, launched both ways the CLI launches it: GetPluginInfo, GetSchema,
// CheckConfig, DiffConfig and Configure (from args, from variables, missing credentials); then
// Invoke, and several providers in one process, in-process.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import { z } from "zod";
import { startSimulator, RunningSimulator } from "../../simulator";
import { findRepoRoot } from "../../engine-standin/package-link";
import { PLUGIN_LAUNCHES, PluginHost, startEngineService, startPluginHost, EngineStandIn } from "../../engine-standin/plugin-host";
import { fromStruct, toStruct, unary } from "../../engine-standin/provider-host";
import { functions } from "../../provider/functions";
import type { LookupFunction } from "../../provider/functions/lookup-function";
import { servePlugin, RunningPlugin } from "../../provider/plugin/server";
import { ISOLATED, ZONE } from "../support/network-fixture";

const root = findRepoRoot();
const NO_ENV = { CLOUDSTACK_API_URL: "", CLOUDSTACK_API_KEY: "", CLOUDSTACK_SECRET_KEY: "" };
const networkUrn = (name: string) => `urn:pulumi:test::test::cloudstack:index:Network::${name}`;

describe("the native plugin's own calls", function () {
  this.timeout(120_000);
  let sim: RunningSimulator;
  let engine: EngineStandIn;

  before(async () => {
    sim = await startSimulator({ jobMs: 10 });
    engine = await startEngineService();
  });

  after(async () => {
    await engine?.close();
    await sim?.close();
  });

  for (const launch of PLUGIN_LAUNCHES) {
    describe(`launched by ${launch}`, () => {
      let host: PluginHost;

      before(async () => {
        host = await startPluginHost({ launch, engine: engine.address, env: NO_ENV });
      });

      after(async () => host?.close());

      it("GetPluginInfo gives the package's version, GetSchema schema.json as it is", async () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
        assert.deepStrictEqual(await host.getPluginInfo(), { version: pkg.version });
        assert.strictEqual(await host.getSchema(), fs.readFileSync(path.join(root, "schema.json"), "utf8"));
      });

      it("CheckConfig names each bad setting with its value and rule, never a secret's value, and leaves unknown values alone", async () => {
        const bad = await host.checkConfig({}, { apiUrl: "cloud.example.com", apiKey: "", secretKey: " ", insecure: "maybe", maxInFlight: 0, maxRequestsPerSecond: "fast", apiurl: "x" });
        // A Struct keeps its keys sorted: the failures come in that order.
        assert.deepStrictEqual(bad.failures, [
          { property: "apiKey", reason: 'apiKey: "" must be a non-empty string' },
          { property: "apiUrl", reason: 'apiUrl: "cloud.example.com" is not an http or https URL (e.g. https://cloud.example.com/client/api)' },
          { property: "apiurl", reason: 'apiurl: "x" is not a setting of the cloudstack provider (apiUrl, apiKey, secretKey, insecure, maxInFlight, maxRequestsPerSecond)' },
          { property: "insecure", reason: 'insecure: "maybe" must be true or false' },
          { property: "maxInFlight", reason: "maxInFlight: 0 is not a whole number of requests of at least 1" },
          { property: "maxRequestsPerSecond", reason: 'maxRequestsPerSecond: "fast" is not a number of requests per second above 0 (e.g. 20, or 0.5 for one every 2 s)' },
          { property: "secretKey", reason: "secretKey: [secret] must be a non-empty string" },
        ]);
        const good = { apiUrl: sim.endpoint, apiKey: "k", secretKey: "s", insecure: true, maxInFlight: "4", maxRequestsPerSecond: 0.5, version: "0.1.0" };
        assert.deepStrictEqual(await host.checkConfig({}, good), { inputs: good, failures: [] });
        const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        assert.deepStrictEqual((await host.checkConfig({}, { apiUrl: unknown })).failures, []);
      });

      it("DiffConfig reports the settings that changed, replacing nothing", async () => {
        const olds = { apiUrl: sim.endpoint, apiKey: "a" };
        assert.deepStrictEqual(await host.diffConfig(olds, olds), { changes: "none", diffs: [], replaces: [] });
        assert.deepStrictEqual(await host.diffConfig(olds, { ...olds, apiKey: "b", insecure: true }), { changes: "some", diffs: ["apiKey", "insecure"], replaces: [] });
      });

      it("without credentials in the environment or the provider's inputs, calls that need the API say what is missing", async () => {
        await host.configureProvider({});
        await assert.rejects(host.check(networkUrn("n"), {}, { name: "n", zone: ZONE, networkOffering: ISOLATED, cidr: "10.1.70.0/24" }), /CloudStack credentials are missing: apiUrl \(CLOUDSTACK_API_URL\)/);
      });

      it("Configure takes the provider's inputs (the secret key sent as a secret) and serves the resource calls with them", async () => {
        await host.configureProvider({ apiUrl: sim.endpoint, apiKey: sim.admin.apiKey, secretKey: sim.admin.secretKey });
        const checked = await host.check(networkUrn("n"), {}, { name: "n", zone: ZONE, networkOffering: ISOLATED, cidr: "10.1.70.0/24" });
        assert.deepStrictEqual(checked.failures, []);
        assert.match(String(checked.inputs.zoneId), /^[0-9a-f-]{36}$/);
      });

      it("Configure from `variables` alone, as older engines send it", async () => {
        await host.configureProvider({});
        const client = new provrpc.ResourceProviderClient(`127.0.0.1:${host.port}`, grpc.credentials.createInsecure());
        try {
          const req = new provproto.ConfigureRequest();
          req.getVariablesMap().set("cloudstack:config:apiUrl", sim.endpoint);
          req.getVariablesMap().set("cloudstack:config:apiKey", sim.admin.apiKey);
          req.getVariablesMap().set("cloudstack:config:secretKey", sim.admin.secretKey);
          const res = await unary<provproto.ConfigureResponse>((cb) => client.configure(req, cb));
          assert.strictEqual(res.getAcceptsecrets(), false, "the engine unwraps secrets and marks the outputs of secret inputs itself");
          assert.strictEqual(res.getSupportspreview(), false);
          // Newer engines ask the same first, through Handshake.
          const handshake = new provproto.ProviderHandshakeRequest();
          handshake.setEngineAddress(engine.address);
          const shook = await unary<provproto.ProviderHandshakeResponse>((cb) => client.handshake(handshake, cb));
          assert.deepStrictEqual([shook.getAcceptSecrets(), shook.getAcceptResources(), shook.getAcceptOutputs()], [false, false, false]);
        } finally {
          client.close();
        }
        const checked = await host.check(networkUrn("n"), {}, { name: "n", zone: ZONE, networkOffering: ISOLATED, cidr: "10.1.70.0/24" });
        assert.deepStrictEqual(checked.failures, []);
      });

      it("a resource type of another package is refused with the types it has", async () => {
        await assert.rejects(host.check("urn:pulumi:test::test::aws:ec2:Vpc::v", {}, {}), /unknown resource type "aws:ec2:Vpc".*cloudstack:index:Network/);
      });

      it("wrote nothing to stderr", () => assert.strictEqual(host.stderr(), ""));
    });
  }

  describe("in one process", () => {
    const plugins: RunningPlugin[] = [];
    const clients: provrpc.ResourceProviderClient[] = [];
    const testFunction: LookupFunction = {
      name: "getZoneForTest",
      description: "A zone by name: a lookup function declared by this test, to exercise Invoke generically.",
      listCommand: "listZones",
      example: { name: "Sandbox-simulator" },
      args: z.object({ name: z.string().min(1) }),
      result: z.object({ id: z.string(), name: z.string() }),
      async call(client, input) {
        const args = z.object({ name: z.string().min(1) }).parse(input);
        const zones = await client.list<Record<string, unknown>>("listZones", { name: args.name });
        if (zones.length !== 1) throw new Error(`getZoneForTest: ${zones.length} zones named ${JSON.stringify(args.name)}`);
        return { id: String(zones[0].id), name: String(zones[0].name) };
      },
    };

    async function configured(apiKey: string, secretKey: string): Promise<provrpc.ResourceProviderClient> {
      const plugin = await servePlugin(undefined);
      plugins.push(plugin);
      const client = new provrpc.ResourceProviderClient(`127.0.0.1:${plugin.port}`, grpc.credentials.createInsecure());
      clients.push(client);
      const req = new provproto.ConfigureRequest();
      req.setArgs(toStruct({ apiUrl: sim.endpoint, apiKey, secretKey }));
      await unary<provproto.ConfigureResponse>((cb) => client.configure(req, cb));
      return client;
    }

    async function invoke(client: provrpc.ResourceProviderClient, token: string, args: Record<string, unknown>) {
      const req = new provproto.InvokeRequest();
      req.setTok(token);
      req.setArgs(toStruct(args));
      const res = await unary<provproto.InvokeResponse>((cb) => client.invoke(req, cb));
      return { result: fromStruct(res.getReturn()), failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })) };
    }

    before(() => {
      (functions as Record<string, LookupFunction>)[testFunction.name] = testFunction as unknown as LookupFunction;
    });

    after(async () => {
      delete (functions as Record<string, LookupFunction>)[testFunction.name];
      for (const client of clients) client.close();
      for (const plugin of plugins) await plugin.close();
    });

    it("Invoke: an unknown function is refused by name; arguments are checked against the function's declaration; a good call returns its result", async () => {
      const client = await configured(sim.admin.apiKey, sim.admin.secretKey);
      await assert.rejects(invoke(client, "cloudstack:index:getNothing", {}), /unknown function "cloudstack:index:getNothing": the cloudstack provider has .*cloudstack:index:getZoneForTest/);
      const bad = await invoke(client, "cloudstack:index:getZoneForTest", { name: 7 });
      assert.strictEqual(bad.failures.length, 1);
      assert.strictEqual(bad.failures[0].property, "name");
      assert.match(bad.failures[0].reason, /^name: 7 /);
      const good = await invoke(client, "cloudstack:index:getZoneForTest", { name: ZONE });
      assert.deepStrictEqual(good.failures, []);
      assert.strictEqual(good.result.name, ZONE);
      assert.match(String(good.result.id), /^[0-9a-f-]{36}$/);
    });

    it("two providers configured with two accounts' keys act as those accounts, each network in its own account", async () => {
      const admin = await configured(sim.admin.apiKey, sim.admin.secretKey);
      const user = await configured(sim.user.apiKey, sim.user.secretKey);
      const made: Array<{ account: string; id: string }> = [];
      for (const [client, name, cidr] of [[admin, "admins-net", "10.1.71.0/24"], [user, "users-net", "10.1.72.0/24"]] as const) {
        const check = new provproto.CheckRequest();
        check.setUrn(networkUrn(name));
        check.setOlds(toStruct({}));
        check.setNews(toStruct({ name, zone: ZONE, networkOffering: ISOLATED, cidr }));
        const checked = await unary<provproto.CheckResponse>((cb) => client.check(check, cb));
        assert.deepStrictEqual(checked.getFailuresList(), []);
        const create = new provproto.CreateRequest();
        create.setUrn(networkUrn(name));
        create.setProperties(checked.getInputs());
        const created = await unary<provproto.CreateResponse>((cb) => client.create(create, cb));
        made.push({ account: String(fromStruct(created.getProperties()).account), id: created.getId() });
      }
      assert.deepStrictEqual(made.map((m) => m.account), ["admin", "user"]);
      const owners = made.map(({ id }) => sim.model.state.networks.find((n) => n.uuid === id)?.accountUuid);
      assert.notStrictEqual(owners[0], owners[1]);
    });
  });
});
