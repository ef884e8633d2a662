// Test helpers around the provider host: a program folder that resolves `pulumi-cloudstack` by
// package name, and a host configured for a simulator as the engine configures a provider.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findRepoRoot } from "../../engine-standin/package-link";
import { startProviderHost } from "../../engine-standin/provider-host";
import type { ProviderHost } from "../../engine-standin/provider-host";

export { ProviderHost, ResourceInitFailedError, PropertyMap } from "../../engine-standin/provider-host";

/**
 * A program folder from which `require("pulumi-cloudstack/...")` resolves by package name, as it
 * does for a user's program: node_modules/pulumi-cloudstack links to this repository.
 */
export function makeProgramDir(prefix = "pcs-program-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const repoRoot = findRepoRoot();
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.symlinkSync(repoRoot, path.join(dir, "node_modules", "pulumi-cloudstack"), "dir");
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "program", private: true }));
  return dir;
}

/** Where a configured host sends its calls: an API endpoint and keys. */
export interface HostTarget {
  endpoint: string;
  admin: { apiKey: string; secretKey: string };
}

/**
 * A host with no credentials in its environment, configured as the engine configures a provider
 * process: from stack config, for `target` with its admin keys (`secretKey` overrides the secret).
 */
export async function startConfiguredHost(cwd: string, target: HostTarget, secretKey = target.admin.secretKey): Promise<ProviderHost> {
  const host = await startProviderHost({ cwd, env: { CLOUDSTACK_API_URL: "", CLOUDSTACK_API_KEY: "", CLOUDSTACK_SECRET_KEY: "" } });
  try {
    await host.configure({ "cloudstack:apiUrl": target.endpoint, "cloudstack:apiKey": target.admin.apiKey, "cloudstack:secretKey": secretKey });
  } catch (err) {
    await host.close();
    throw err;
  }
  return host;
}

