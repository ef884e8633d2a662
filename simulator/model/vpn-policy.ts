// Site-to-site VPN parameter rules CloudStack checks before storing a customer gateway
// (NetUtils.isValidS2SVpnPolicy, Site2SiteVpnManagerImpl.checkCustomerGatewayCidrList and the
// lifetime and gateway checks of createCustomerGateway / updateCustomerGateway).
import { paramError } from "../errors";
import { cidrsOverlap, isValidIp, parseCidr } from "./cidr";

const CIPHERS = new Set(["3des", "aes128", "aes192", "aes256"]);
const HASHES = new Set(["md5", "sha1", "sha256", "sha384", "sha512"]);
const DH_GROUPS = new Set(["modp1024", "modp1536", "modp2048", "modp3072", "modp4096", "modp6144", "modp8192"]);
const MAX_LIFETIME = 86400;
/** A domain name CloudStack accepts as a gateway (NetUtils.verifyDomainName). */
const DOMAIN = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)*[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

/** Each comma-separated entry is cipher-hash, then ";group" (required for IKE, optional PFS for ESP). */
export function isValidPolicy(kind: "ike" | "esp", policy: string): boolean {
  return policy.split(",").every((entry) => {
    const [cipherHash, group, ...rest] = entry.trim().split(";");
    if (rest.length > 0) return false;
    const [cipher, hash, ...more] = cipherHash.split("-");
    if (more.length > 0 || !CIPHERS.has(cipher) || !HASHES.has(hash)) return false;
    if (group === undefined) return kind === "esp";
    return DH_GROUPS.has(group);
  });
}

export interface CustomerGatewayFields {
  gateway: string;
  cidrList: string;
  ikePolicy: string;
  espPolicy: string;
  ikeLifetime: number;
  espLifetime: number;
}

/** The checks shared by create and update, in CloudStack's order; `subnetLimit` is site2site.vpn.customergateway.subnets.limit. */
export function checkCustomerGateway(fields: CustomerGatewayFields, subnetLimit: number): void {
  if (!isValidIp(fields.gateway) && !DOMAIN.test(fields.gateway)) throw paramError(`The customer gateway ip/Domain ${fields.gateway} is invalid!`);
  const cidrs = fields.cidrList.split(",").map((c) => c.trim());
  if (cidrs.some((c) => parseCidr(c) === undefined)) {
    throw paramError(`The customer gateway peer cidr list ${fields.cidrList} contains an invalid cidr!`);
  }
  if (!isValidPolicy("ike", fields.ikePolicy)) {
    throw paramError(`The customer gateway IKE policy ${fields.ikePolicy} is invalid!  Verify the required Diffie Hellman (DH) group is specified.`);
  }
  if (!isValidPolicy("esp", fields.espPolicy)) throw paramError(`The customer gateway ESP policy ${fields.espPolicy} is invalid!`);
  if (fields.ikeLifetime > MAX_LIFETIME) throw paramError(`The IKE lifetime ${fields.ikeLifetime} of vpn connection is invalid!`);
  if (fields.espLifetime > MAX_LIFETIME) throw paramError(`The ESP lifetime ${fields.espLifetime} of vpn connection is invalid!`);
  if (cidrs.length > subnetLimit) throw paramError(`Too many subnets of customer gateway! The limit is ${subnetLimit}`);
  for (let i = 0; i < cidrs.length; i++) {
    for (let j = i + 1; j < cidrs.length; j++) {
      if (cidrsOverlap(parseCidr(cidrs[i])!, parseCidr(cidrs[j])!)) {
        throw paramError(`The subnet of customer gateway ${cidrs[i]} is overlapped with another subnet ${cidrs[j]} of customer gateway!`);
      }
    }
  }
}
