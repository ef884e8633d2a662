// What the VPN suites share: a recording simulator with providers, an isolated network whose
// first public IP is its source NAT IP, and a VPC with its VPN gateway and customer gateways.
import * as assert from "assert";
import { CloudStackApiError } from "../../provider/client";
import { createFrom, ISOLATED, ZONE, type Applied, type Props } from "./network-fixture";
import type { VpcFixture } from "./vpc-fixture";

export interface VpnNetwork {
  network: Applied;
  /** The network's source NAT IP (its first public IP). */
  sourceNat: Applied;
}

/** An isolated network and its first public IP, which CloudStack makes the source NAT IP. */
export async function vpnNetwork(fx: VpcFixture, name = "vpn-net", cidr = "10.1.5.0/24"): Promise<VpnNetwork> {
  const network = await createFrom(fx.admin.provider("Network"), { name, zone: ZONE, networkOffering: ISOLATED, cidr });
  const sourceNat = await createFrom(fx.admin.provider("PublicIpAddress"), { network: network.id });
  return { network, sourceNat };
}

/** Customer gateway inputs for a device at `gateway` with the subnets `cidrs`. */
export function customerGatewayInputs(gateway: string, cidrs: string[], extra: Props = {}): Props {
  return {
    gateway,
    cidrList: cidrs,
    ipsecPsk: "shared-secret-of-the-office",
    ikePolicy: "aes256-sha256;modp2048",
    espPolicy: "aes256-sha256",
    ...extra,
  };
}

/** Asserts that `work` fails with CloudStack's code and a text matching `text`. */
export async function refusedBy(work: Promise<unknown>, errorcode: number, text: RegExp): Promise<void> {
  await assert.rejects(work, (err: unknown) => {
    assert.ok(err instanceof CloudStackApiError, String(err));
    assert.strictEqual(err.errorcode, errorcode, err.message);
    assert.match(err.errortext, text);
    return true;
  });
}
