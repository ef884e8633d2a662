// The provider hosts a stack keeps between operations when it opts in: lent to one operation at a
// time, the same host again for the next one, never one that has exited.
import * as assert from "assert";
import { borrowProviderHost, returnProviderHost } from "../../engine-standin/host-pool";
import type { ProviderHost } from "../../engine-standin/provider-host";
import { toyProgramDir } from "./toy-fixture";

describe("engine stand-in: provider hosts kept between operations", function () {
  this.timeout(60000);
  const options = { cwd: toyProgramDir, env: { TOY_CLOUD_DIR: "/nonexistent-host-pool-test" }, providerConfig: { "cloudstack:apiUrl": "http://127.0.0.1:1/client/api" } };
  const lent: ProviderHost[] = [];
  after(async () => {
    for (const host of lent) if (host.alive()) await host.close();
  });

  it("lends the same host to the next operation, a second host to a concurrent one, and a fresh one after an exit", async () => {
    const first = await borrowProviderHost(options);
    lent.push(first);
    const concurrent = await borrowProviderHost(options);
    lent.push(concurrent);
    assert.notStrictEqual(concurrent.port, first.port, "a host serves one operation at a time");
    returnProviderHost(options, first);
    returnProviderHost(options, concurrent);

    const next = await borrowProviderHost(options);
    assert.ok([first.port, concurrent.port].includes(next.port), "an idle host is lent again");
    assert.ok(next.alive());
    await next.close();
    returnProviderHost(options, next);

    const others = [await borrowProviderHost(options), await borrowProviderHost(options)];
    lent.push(...others);
    assert.ok(others.every((host) => host.alive()), "an exited host is never lent");
    assert.ok(!others.some((host) => host === next));
    for (const host of others) returnProviderHost(options, host);
  });

  it("lends a host only for the provider settings it was configured with, since the SDK's host configures a provider once", async () => {
    const first = await borrowProviderHost(options);
    lent.push(first);
    returnProviderHost(options, first);
    const otherEndpoint = { ...options, providerConfig: { "cloudstack:apiUrl": "http://127.0.0.1:2/client/api" } };
    const other = await borrowProviderHost(otherEndpoint);
    lent.push(other);
    assert.notStrictEqual(other.port, first.port, "another endpoint: another host");
    returnProviderHost(otherEndpoint, other);
    // A program's own settings do not reach the provider's configure: the same host serves them.
    const programSetting = { ...options, providerConfig: { ...options.providerConfig, "toy:resources": "[]" } };
    const again = await borrowProviderHost(programSetting);
    assert.ok([first.port].includes(again.port));
    returnProviderHost(programSetting, again);
  });
});
