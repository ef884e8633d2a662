// Lookups shared by the tests that drive the real simulator through raw-client.
import assert from "assert";
import { rawCall, RawCredentials } from "./raw-client";

export const ADVANCED_ZONE = "Sandbox-simulator";
export const ISOLATED_OFFERING = "DefaultIsolatedNetworkOfferingWithSourceNatService";

type Item = Record<string, unknown> & { id: string; name: string };

export async function findByName(
  endpoint: string,
  creds: RawCredentials,
  command: string,
  key: string,
  name: string,
  params: Record<string, string> = {},
): Promise<Item> {
  const r = await rawCall(endpoint, creds, command, params);
  assert.strictEqual(r.status, 200, JSON.stringify(r.body));
  const items = ((r.body[`${command.toLowerCase()}response`] as Record<string, unknown>)[key] ?? []) as Item[];
  const found = items.find((i) => i.name === name);
  assert.ok(found, `${command} has no ${name}: ${JSON.stringify(items.map((i) => i.name))}`);
  return found;
}

/** Creates an isolated network in the default advanced zone; returns its id. */
export async function createIsolatedNetwork(endpoint: string, creds: RawCredentials, name: string): Promise<string> {
  const zone = await findByName(endpoint, creds, "listZones", "zone", ADVANCED_ZONE);
  const offering = await findByName(endpoint, creds, "listNetworkOfferings", "networkoffering", ISOLATED_OFFERING, { zoneid: zone.id });
  const r = await rawCall(endpoint, creds, "createNetwork", {
    name,
    displaytext: name,
    zoneid: zone.id,
    networkofferingid: offering.id,
  });
  assert.strictEqual(r.status, 200, JSON.stringify(r.body));
  return ((r.body.createnetworkresponse as Record<string, unknown>).network as Item).id;
}
