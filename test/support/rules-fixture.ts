// What the traffic-rule suites share: a simulator with the providers of every kind (from the
// addressing fixture), and a web tier to put rules on: an isolated network implemented by its
// instances, and public IPs on it that are not its source NAT IP.
import * as assert from "assert";
import type { CloudStackClient } from "../../provider/client";
import { AddressingFixture, Applied, createFrom, ISOLATED, Props, startAddressing, ZONE } from "./addressing-fixture";
import { SMALL, TEMPLATE } from "./instance-fixture";

export { assertPlainJson, checkFailures, createFrom, NO_CHANGE, plan, replace, replaceDeletingFirst, updateTo, ZONE } from "./addressing-fixture";
export type { AddressingFixture, Applied, Props } from "./addressing-fixture";

export type Item = Record<string, unknown>;

/** The simulator's isolated offering whose LB provider is NetScaler (health checks, GSLB). */
export const NETSCALER_LB = "DefaultIsolatedNetworkOfferingWithNetscalerLB";
/** The second advanced zone, for GSLB. */
export const SECOND_ZONE = "Sandbox-simulator-2";

export interface WebTier {
  network: Applied;
  vms: Applied[];
}

/** An isolated network with `count` instances on it (the first deploy implements it). */
export async function webTier(fx: AddressingFixture, name: string, cidr: string, count: number, options: { offering?: string; zone?: string } = {}): Promise<WebTier> {
  const zone = options.zone ?? ZONE;
  const network = await createFrom(fx.admin.provider("Network"), { name, zone, networkOffering: options.offering ?? ISOLATED, cidr });
  const vms: Applied[] = [];
  for (let i = 1; i <= count; i++) {
    vms.push(
      await createFrom(fx.admin.provider("Instance"), {
        name: `${name}-vm${i}`,
        zone,
        serviceOffering: SMALL,
        template: TEMPLATE,
        networks: [{ network: network.id }],
      }),
    );
  }
  return { network, vms };
}

/** A public IP on the network that is not its source NAT IP (the network is implemented). */
export async function freshIp(client: CloudStackClient, networkId: string): Promise<Item & { id: string; ipaddress: string }> {
  const result = await client.execute("associateIpAddress", { networkid: networkId });
  const ip = result.ipaddress as Item & { id: string; ipaddress: string };
  assert.strictEqual(ip.issourcenat, false, "the network already has its source NAT IP");
  return ip;
}

/** Items of a list call as the root admin sees them, [] when CloudStack answers 431 for a gone id. */
export async function listed(client: CloudStackClient, command: string, params: Record<string, string | boolean>): Promise<Item[]> {
  try {
    return await client.list<Item>(command, { listall: true, ...params });
  } catch (err) {
    if ((err as { errorcode?: number }).errorcode === 431 && "id" in params) return [];
    throw err;
  }
}

export { startAddressing as startRules, SMALL, TEMPLATE, ISOLATED };
