// The names the generated program gives its resources: the object's own name, slugged, when it
// has one; otherwise the name of what it hangs on and its natural key (a rule's protocol and
// ports, a route's CIDR). Made unique in the order the objects come, which is deterministic.

/** The inputs that tell apart the objects of a kind without a name, in the order they read best. */
export const NATURAL_KEY_INPUTS: readonly string[] = [
  "protocol",
  "trafficType",
  "number",
  "startPort",
  "endPort",
  "publicPort",
  "publicEndPort",
  "privatePort",
  "privateEndPort",
  "icmpType",
  "icmpCode",
  "cidr",
  "ipAddress",
  "method",
  "username",
];

/** At most this many natural key values go into a name. */
const NATURAL_KEY_PARTS = 3;

/** Shorter words for the kinds whose objects are named from their natural key. */
const KIND_WORDS: Readonly<Record<string, string>> = {
  PublicIpAddress: "ip",
  FirewallRule: "fw",
  EgressFirewallRule: "egress",
  PortForwardingRule: "pf",
  LoadBalancerRule: "lb",
  PrivateGateway: "gateway",
  StaticRoute: "route",
  NetworkAclRuleset: "rules",
  SecurityGroupRuleset: "rules",
  VpnGateway: "vpn-gateway",
  VpnConnection: "vpn",
  NicSecondaryIp: "secondary-ip",
};

/** Lower-case words joined by dashes: "Web Tier (prod)" -> "web-tier-prod". */
export function slug(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** A name before it is made unique, and the key objects that hang on this one use for it. */
export interface BaseName {
  readonly name: string;
  /** The object's name slugged, else its natural key, else its parent's key ("" if none). */
  readonly key: string;
}

/**
 * The object's `name` slugged; otherwise the kind, the key of what it hangs on and its natural
 * key, e.g. "fw-192-168-2-3-tcp-80-80" for a firewall rule on the public IP 192.168.2.3.
 */
export function baseName(kind: string, inputs: Readonly<Record<string, unknown>>, parentKey: string | undefined): BaseName {
  const own = typeof inputs.name === "string" ? slug(inputs.name) : "";
  if (own !== "") return { name: own, key: own };
  const keys = NATURAL_KEY_INPUTS.map((key) => inputs[key])
    .filter((value): value is string | number => (typeof value === "string" && value !== "") || typeof value === "number")
    .slice(0, NATURAL_KEY_PARTS)
    .map((value) => slug(String(value)));
  const parts = [KIND_WORDS[kind] ?? slug(kind), parentKey ?? "", ...keys].filter((part) => part !== "");
  return { name: parts.join("-"), key: keys.length > 0 ? keys.join("-") : (parentKey ?? "") };
}

const RESERVED_WORDS = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if " +
    "import in instanceof new null return super switch this throw true try typeof var void while with yield let static " +
    "implements interface package private protected public await pulumi cloudstack config"
  ).split(" "),
);

/** A TypeScript identifier for a resource name: "web-tier" -> "webTier". */
export function variableName(name: string): string {
  const camel = name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return /^[0-9]/.test(camel) || RESERVED_WORDS.has(camel) ? `r${camel.charAt(0).toUpperCase()}${camel.slice(1)}` : camel;
}

/** Gives out names unique across the program, and variables unique with them. */
export class NamePool {
  private readonly names = new Set<string>();
  private readonly variables = new Set<string>();

  take(base: string): { name: string; variable: string } {
    for (let n = 1; ; n++) {
      const name = n === 1 ? base : `${base}-${n}`;
      const variable = variableName(name);
      if (this.names.has(name) || this.variables.has(variable)) continue;
      this.names.add(name);
      this.variables.add(variable);
      return { name, variable };
    }
  }
}
