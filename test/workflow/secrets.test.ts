// The API secret key never shows up in what the provider hands back: errors from a wrong key,
// errors from a failing job, a create cut short (its message, outputs and reasons), and what
// the SDK's dynamic-provider host logs. Scanned for the key as written and URL-encoded.
import * as assert from "assert";
import * as fs from "fs";
import { inspect } from "util";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { makeProvider, ResourceInitError, specs } from "../../provider";
import { runtimeFor } from "../support/provider-fixture";
import { ISOLATED, ZONE } from "../support/network-fixture";
import { makeProgramDir, ProviderHost, ResourceInitFailedError, startConfiguredHost } from "../engine-standin/hosts";
import { networkShim, networkUrn } from "./shim-text";

// Characters that URL encoding changes, so an encoded leak is caught too.
const WRONG_SECRET = "wrong+secret/key=0123456789abcdef";

function forms(secret: string): string[] {
  return [secret, encodeURIComponent(secret), secret.replace(/\+/g, "%2B").replace(/\//g, "%2F").replace(/=/g, "%3D")];
}

function assertNoSecret(what: string, value: unknown, secrets: readonly string[]): void {
  const text = typeof value === "string" ? value : `${inspect(value, { depth: 10 })}\n${JSON.stringify(value) ?? ""}`;
  for (const secret of secrets) for (const form of forms(secret)) assert.ok(!text.includes(form), `${what} contains the secret key`);
}

/**
 * Runs `act` while the simulator makes new networks in Setup, a state where CloudStack refuses
 * an IP reservation (NetworkServiceImpl.updateGuestNetwork takes Implemented or Allocated), so
 * the updateNetwork job after the create fails.
 */
async function withNetworksInSetup<T>(sim: RunningSimulator, act: () => Promise<T>): Promise<T> {
  const original = sim.model.networks.create.bind(sim.model.networks);
  sim.model.networks.create = (...args: Parameters<typeof original>) => {
    const made = original(...args);
    made.state = "Setup";
    return made;
  };
  try {
    return await act();
  } finally {
    sim.model.networks.create = original;
  }
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => assert.fail("expected a failure"),
    (err: unknown) => {
      assert.ok(err instanceof Error, String(err));
      return err;
    },
  );
}

describe("workflow: the API secret key stays out of errors, outputs and logs", function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  const network = (name: string, extra: Record<string, unknown> = {}) => ({ name, zone: ZONE, networkOffering: ISOLATED, ...extra });

  startedForSuite(() => startSimulator({ jobMs: 20 }), (started) => (sim = started));

  it("with a wrong secret key: check and create fail with the signature error, without the key", async () => {
    const runtime = runtimeFor(sim, "admin", WRONG_SECRET);
    try {
      const provider = makeProvider(specs.Network, runtime);
      const checkError = await failure(provider.check({}, network("wrong-key")));
      assert.match(checkError.message, /\(401\)/);
      assert.match(checkError.message, /Check the API key and secret key/);
      assertNoSecret("the check error", checkError, [WRONG_SECRET]);
      assertNoSecret("the check error's stack", checkError.stack, [WRONG_SECRET]);

      const createError = await failure(provider.create({ ...network("wrong-key"), zoneId: "a", networkOfferingId: "b" }));
      assert.match(createError.message, /\(401\)/);
      assertNoSecret("the create error", createError, [WRONG_SECRET]);
    } finally {
      await runtime.close();
    }
  });

  it("with a failing job: the create cut short carries no key in its message, outputs or reasons", async () => {
    const runtime = runtimeFor(sim);
    try {
      const provider = makeProvider(specs.Network, runtime);
      // An IP reservation on a network in Setup: the updateNetwork job fails.
      const checked = await provider.check({}, network("failing-job", { cidr: "10.50.0.0/24", guestVmCidr: "10.50.0.0/25" }));
      assert.deepStrictEqual(checked.failures, []);
      const err = await withNetworksInSetup(sim, () => failure(provider.create(checked.inputs)));
      assert.ok(err instanceof ResourceInitError);
      assert.match(err.message, /IP Reservation cannot be applied in Setup state/);
      assertNoSecret("the error", err, [sim.admin.secretKey]);
      assertNoSecret("the recorded outputs", err.properties, [sim.admin.secretKey]);
      assertNoSecret("the reasons", err.reasons, [sim.admin.secretKey]);
      await provider.delete(err.id, err.properties);

      const created = await provider.create((await provider.check({}, network("ok", { cidr: "10.51.0.0/24" }))).inputs);
      assertNoSecret("the outputs of a create", created.outs, [sim.admin.secretKey, sim.admin.apiKey]);
      await provider.delete(created.id, created.outs);
    } finally {
      await runtime.close();
    }
  });

  describe("through the SDK's dynamic-provider host", () => {
    const dirs: string[] = [];
    const hosts: ProviderHost[] = [];
    let shim: string;

    before(async () => (shim = await networkShim()));
    after(async () => {
      for (const host of hosts) await host.close();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    });

    /** A host configured once, as the engine configures a provider process. */
    async function hostWith(secretKey: string): Promise<ProviderHost> {
      const cwd = makeProgramDir("pcs-secrets-");
      dirs.push(cwd);
      const host = await startConfiguredHost(cwd, sim, secretKey);
      hosts.push(host);
      return host;
    }

    it("with a wrong key: neither the error nor the host's log shows it", async () => {
      const host = await hostWith(WRONG_SECRET);
      const wrong = await failure(host.check(networkUrn("wrong"), {}, { __provider: shim, ...network("wrong") }));
      assert.match(wrong.message, /\(401\)/);
      assertNoSecret("the check error", wrong, [WRONG_SECRET]);
      const created = await failure(host.create(networkUrn("wrong"), { __provider: shim, ...network("wrong"), zoneId: "a", networkOfferingId: "b" }));
      assertNoSecret("the create error", created, [WRONG_SECRET]);
      assert.match(host.stderr(), /401/, "the host logged the failed check");
      assertNoSecret("the host's log", host.stderr(), [WRONG_SECRET]);
    });

    it("with a failing job: neither the init failure nor the host's log shows the key", async () => {
      const host = await hostWith(sim.admin.secretKey);
      const urn = networkUrn("host-secret");
      const news = { __provider: shim, ...network("host-secret", { cidr: "10.52.0.0/24", guestVmCidr: "10.52.0.0/25" }) };
      const inputs = (await host.check(urn, {}, news)).inputs;
      const cut = await withNetworksInSetup(sim, () => failure(host.create(urn, inputs)));
      assert.ok(cut instanceof ResourceInitFailedError, String(cut));
      assertNoSecret("the init failure", cut, [sim.admin.secretKey]);
      assertNoSecret("the init failure's outputs", cut.properties, [sim.admin.secretKey]);
      await host.delete(urn, cut.id, cut.properties);
      assertNoSecret("the host's log", host.stderr(), [sim.admin.secretKey]);
    });
  });
});
