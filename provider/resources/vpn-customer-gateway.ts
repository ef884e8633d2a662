// VpnCustomerGateway: the far end of site-to-site VPN connections, with its IPsec parameters
// (createVpnCustomerGateway, updateVpnCustomerGateway, deleteVpnCustomerGateway,
// listVpnCustomerGateways). updateVpnCustomerGateway sets every field again and resets the ones
// it is not given (Site2SiteVpnManagerImpl.updateCustomerGateway), so an update sends them all.
import { z } from "zod";
import type { Params } from "../client";
import { failure } from "../adapter/check/failures";
import { defineSpec } from "../adapter/spec";
import { CheckFailure, PropertyMap } from "../adapter/types";
import { sameText } from "../adapter/diff/comparators";
import { domainNameProblem, ipv4Cidr, nonEmpty } from "../validation/fields";
import { overlaps, parseCidr, parseIpv4, blockOf } from "../../ip/ipv4";
import { booleanOrNull, numberOrNull } from "./common/api-values";
import { ownerNameAttributes, ownerNameFields, textAttributes, textFields } from "./common/attributes";
import { inPlaceFlag, inputObject } from "./common/inputs";
import { currentOwner, ownerFailures, ownerInputs, ownerParams } from "./common/ownership";
import { cidrListOf, ipsecPolicyField } from "./common/vpn-fields";
import { createVpnObject, readVpnObject, updateVpnObject } from "./common/vpn-objects";

/** site2site.vpn.customergateway.subnets.limit, CloudStack's default (a global setting users cannot read). */
const MAX_SUBNETS = 10;
/** The longest IKE or ESP lifetime CloudStack accepts, in seconds. */
const MAX_LIFETIME = 86400;

const lifetime = (what: string, fallback: number) =>
  z
    .number()
    .int()
    .min(0)
    .max(MAX_LIFETIME)
    .optional()
    .describe(`The ${what} lifetime in seconds, at most ${MAX_LIFETIME}; ${fallback} when omitted. Updated in place.`);

export const vpnCustomerGatewayInputs = inputObject({
  name: nonEmpty().optional().describe("The name, unique within the account; CloudStack uses VPN-<gateway> when omitted. Updated in place."),
  gateway: z
    .string()
    .refine((v) => parseIpv4(v) !== undefined || domainNameProblem(v) === undefined, { message: "is neither an IPv4 address nor a domain name" })
    .describe("The public IPv4 address or domain name of the customer's VPN device. Updated in place."),
  cidrList: z
    .array(ipv4Cidr())
    .min(1, { message: "must name at least one CIDR" })
    .max(MAX_SUBNETS, { message: `must have at most ${MAX_SUBNETS} CIDRs (site2site.vpn.customergateway.subnets.limit)` })
    .describe("The customer's subnets reachable through the connection; they must not overlap each other nor the VPC's CIDR. Order is no change. Updated in place."),
  ipsecPsk: nonEmpty().describe("The IPsec pre-shared key the customer's device uses; kept secret. Updated in place."),
  ikePolicy: ipsecPolicyField(true).describe(
    "The IKE (phase 1) policy: comma-separated cipher-hash;group, e.g. aes256-sha256;modp2048. Ciphers 3des, aes128, aes192, aes256; hashes md5, sha1, sha256, sha384, sha512; groups modp1024 to modp8192 (required). Updated in place.",
  ),
  espPolicy: ipsecPolicyField(false).describe(
    "The ESP (phase 2) policy: comma-separated cipher-hash[;group], e.g. aes256-sha256 or aes128-sha1;modp1536 (the group, for perfect forward secrecy, is optional). Updated in place.",
  ),
  ikeLifetime: lifetime("IKE (phase 1)", 86400),
  espLifetime: lifetime("ESP (phase 2)", 3600),
  dpd: inPlaceFlag("Dead peer detection"),
  forceEncap: inPlaceFlag("Force UDP encapsulation of ESP packets"),
  splitConnections: inPlaceFlag("One IPsec security association per customer subnet instead of one for all"),
  ikeVersion: z
    .enum(["ike", "ikev1", "ikev2"])
    .optional()
    .describe("The IKE version: ike (let the peers agree), ikev1 or ikev2; ike when omitted. Updated in place."),
  ...ownerInputs("the customer gateway"),
});

export const vpnCustomerGatewayAttributes = z.object({
  ...textAttributes({ ipAddress: "The gateway's IP address as CloudStack reports it." }),
  ...ownerNameAttributes(),
});

/** The CIDR lists as sets of canonical CIDRs: CloudStack keeps the order given, which carries no meaning. */
function sameCidrSet(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown) =>
    (Array.isArray(v) ? v : [])
      .map((c) => String(c).trim())
      .sort()
      .join(",");
  return canonical(a) === canonical(b);
}

/** Site2SiteVpnManagerImpl.checkCustomerGatewayCidrList: the customer's subnets must not overlap each other. */
function cidrFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  if (!known("cidrList") || !Array.isArray(inputs.cidrList)) return [];
  const blocks = inputs.cidrList.map((c) => parseCidr(String(c))).map((c) => c && blockOf(c.address, c.prefix));
  const failures: CheckFailure[] = [];
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) {
      const [a, b] = [blocks[i], blocks[j]];
      if (a && b && overlaps(a, b)) failures.push(failure(`cidrList[${j}]`, inputs.cidrList[j], `overlaps cidrList[${i}] ${String(inputs.cidrList[i])}`));
    }
  }
  return failures;
}

/** Every field, the ones left out as the gateway has them now, since the update resets what it is not given. */
function fullState(news: z.infer<typeof vpnCustomerGatewayInputs>, olds: PropertyMap): Params {
  const kept = <T>(value: T | undefined, key: string): T | undefined => value ?? ((olds[key] ?? undefined) as T | undefined);
  return {
    name: kept(news.name, "name"),
    gateway: news.gateway,
    cidrlist: news.cidrList.join(","),
    ipsecpsk: news.ipsecPsk,
    ikepolicy: news.ikePolicy,
    esppolicy: news.espPolicy,
    ikelifetime: kept(news.ikeLifetime, "ikeLifetime"),
    esplifetime: kept(news.espLifetime, "espLifetime"),
    dpd: kept(news.dpd, "dpd"),
    forceencap: kept(news.forceEncap, "forceEncap"),
    splitconnections: kept(news.splitConnections, "splitConnections"),
    ikeversion: kept(news.ikeVersion, "ikeVersion"),
  };
}

export const vpnCustomerGatewaySpec = defineSpec({
  kind: "VpnCustomerGateway",
  description:
    "A site-to-site VPN customer gateway: the customer's VPN device, its subnets and the IPsec parameters (pre-shared key, secret; IKE and ESP policies checked against CloudStack's ciphers, hashes and DH groups). Everything but the owner changes in place.",
  inputs: vpnCustomerGatewayInputs,
  attributes: vpnCustomerGatewayAttributes,
  defaultedByCloudStack: ["name", "ikeLifetime", "espLifetime", "dpd", "forceEncap", "splitConnections", "ikeVersion", "account", "domainId", "projectId"],
  inPlace: {
    name: true,
    gateway: true,
    cidrList: true,
    ipsecPsk: true,
    ikePolicy: true,
    espPolicy: true,
    ikeLifetime: true,
    espLifetime: true,
    dpd: true,
    forceEncap: true,
    splitConnections: true,
    ikeVersion: true,
  },
  equal: { cidrList: sameCidrSet, gateway: sameText, ikeVersion: sameText },
  secretOutputs: ["ipsecPsk"],
  validate: (inputs, known) => [...ownerFailures(inputs, known), ...cidrFailures(inputs, known)],

  create: (client, inputs) => createVpnObject(client, "VpnCustomerGateway", { ...fullState(inputs, {}), ...ownerParams(inputs) }),
  read: (client, id, olds) => readVpnObject(client, "VpnCustomerGateway", id, olds),
  update: (client, id, olds, news) => updateVpnObject(client, "VpnCustomerGateway", id, olds, fullState(news, olds)),
  delete: "deleteVpnCustomerGateway",

  inputsOf: (gateway, olds) => ({
    ...textFields(gateway, { name: "name", gateway: "gateway", ipsecPsk: "ipsecpsk", ikePolicy: "ikepolicy", espPolicy: "esppolicy", ikeVersion: "ikeversion" }),
    cidrList: cidrListOf(gateway),
    ikeLifetime: numberOrNull(gateway.ikelifetime),
    espLifetime: numberOrNull(gateway.esplifetime),
    dpd: booleanOrNull(gateway.dpd),
    forceEncap: booleanOrNull(gateway.forceencap),
    splitConnections: booleanOrNull(gateway.splitconnections),
    ...currentOwner(gateway, olds),
  }),
  attributesOf: (gateway) => ({ ...textFields(gateway, { ipAddress: "ipaddress" }), ...ownerNameFields(gateway) }),

  errors: [
    { text: "The customer gateway with name <name> already existed!", why: "Customer gateway names are unique per account." },
    { text: "Unable to delete VPN customer gateway <id> because there is still related VPN connections!", why: "Connections outside the program still use it: delete them first." },
  ],
});
