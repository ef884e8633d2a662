// StaticRoute: a VPC route to a CIDR outside the VPC, through a private gateway or a next hop
// (createStaticRoute, deleteStaticRoute, listStaticRoutes). Nothing changes in place.
import { z } from "zod";
import type { CloudStackClient, Params } from "../client";
import { failure } from "../adapter/check/failures";
import { defineSpec } from "../adapter/spec";
import { CheckFailure, PropertyMap } from "../adapter/types";
import { UNKNOWN } from "../adapter/check/unknown";
import { ipv4Address, ipv4Cidr, uuid } from "../validation/fields";
import { sameCidr } from "../adapter/diff/comparators";
import { overlaps, parseCidr, blockOf } from "../../ip/ipv4";
import { textOrNull } from "./common/api-values";
import { exactlyOneFailures, given, inputObject } from "./common/inputs";
import { executeForObject } from "./common/job-result";
import { ownerAttributes } from "./common/ownership";
import { findScoped, scopedReader } from "./common/scoped-lookup";
import { text } from "./common/attributes";

export const staticRouteInputs = inputObject({
  cidr: ipv4Cidr().describe("The destination CIDR, outside the VPC's CIDR and outside 169.254.0.0/16. Changing it replaces the route."),
  gatewayId: uuid()
    .optional()
    .describe("The id of the private gateway to route through (e.g. a PrivateGateway's `id`). Give this or `nextHop`. Changing it replaces the route."),
  nextHop: ipv4Address()
    .optional()
    .describe("The next hop's IP (inside the VPC CIDR, or on one of its public or private networks), with `vpcId`. Changing it replaces the route."),
  vpcId: uuid().optional().describe("The id of the VPC; required with `nextHop`, taken from the gateway otherwise. Changing it replaces the route."),
});

const LINK_LOCAL = blockOf(0xa9fe0000, 16);

/** Static routes are hard-deleted: a read by id of a deleted one fails with 431 (ParamProcessWorker). */
const readRoute = scopedReader("listStaticRoutes");

function routeFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  const failures = exactlyOneFailures(inputs, known, "gatewayId", "nextHop", "a route goes through one or the other");
  if (known("nextHop") && known("vpcId") && given(inputs, "nextHop") && !given(inputs, "vpcId")) {
    failures.push(failure("vpcId", undefined, "is required with nextHop"));
  }
  if (known("cidr") && typeof inputs.cidr === "string") {
    const parsed = parseCidr(inputs.cidr);
    if (parsed && overlaps(blockOf(parsed.address, parsed.prefix), LINK_LOCAL)) {
      failures.push(failure("cidr", inputs.cidr, "overlaps the link-local range 169.254.0.0/16, which CloudStack refuses"));
    }
  }
  return failures;
}

/**
 * The rule that needs the VPC (VpcManagerImpl.createStaticRoute): the route's CIDR must not
 * overlap the VPC's CIDR (NetUtils.isNetworksOverlap, so neither inside it nor around it). The
 * VPC is the gateway's, or `vpcId` with a next hop.
 */
async function vpcFailures(client: () => Promise<CloudStackClient>, inputs: PropertyMap, known: (key: string) => boolean): Promise<CheckFailure[]> {
  if (!known("cidr") || typeof inputs.cidr !== "string") return [];
  const route = parseCidr(inputs.cidr);
  if (!route) return [];
  let vpcId: unknown;
  if (given(inputs, "gatewayId")) {
    if (!known("gatewayId") || typeof inputs.gatewayId !== "string") return [];
    const gateway = await findScoped(await client(), "listPrivateGateways", inputs.gatewayId, {});
    // A gateway or VPC that is not found is left to CloudStack ("Invalid gateway id is given").
    vpcId = gateway?.vpcid;
  } else {
    if (!known("vpcId") || typeof inputs.vpcId !== "string") return [];
    vpcId = inputs.vpcId;
  }
  if (typeof vpcId !== "string") return [];
  const vpc = await findScoped(await client(), "listVPCs", vpcId, {});
  const vpcCidr = vpc && typeof vpc.cidr === "string" ? parseCidr(vpc.cidr) : undefined;
  if (!vpc || !vpcCidr || !overlaps(blockOf(route.address, route.prefix), blockOf(vpcCidr.address, vpcCidr.prefix))) return [];
  return [
    failure(
      "cidr",
      inputs.cidr,
      `overlaps VPC ${String(vpc.name)}'s CIDR ${String(vpc.cidr)}: a static route leads outside its VPC, and CloudStack refuses it ("CIDR should be outside of VPC cidr ${String(vpc.cidr)}")`,
    ),
  ];
}

/** A new route for an overlapping CIDR in the same VPC conflicts with the old one: delete it first. */
function conflicts(olds: PropertyMap, news: PropertyMap): boolean {
  if (news.cidr === UNKNOWN) return true;
  const before = typeof olds.cidr === "string" ? parseCidr(olds.cidr) : undefined;
  const after = typeof news.cidr === "string" ? parseCidr(news.cidr) : undefined;
  if (!before || !after) return true;
  return overlaps(blockOf(before.address, before.prefix), blockOf(after.address, after.prefix));
}

export const staticRouteSpec = defineSpec({
  kind: "StaticRoute",
  description:
    "A VPC static route to a CIDR outside the VPC, through a private gateway or a next hop. Any change replaces it (deleting the old route first when the CIDRs overlap).",
  inputs: staticRouteInputs,
  attributes: z.object({
    state: text("Add while being applied, then Active."),
    gatewayIp: text("The private gateway's IP on its private network."),
    ...ownerAttributes(),
  }),
  defaultedByCloudStack: ["vpcId"],
  equal: { cidr: sameCidr },
  validate: routeFailures,
  checkWithApi: vpcFailures,
  deleteBeforeReplace: conflicts,

  async create(client, inputs) {
    const params: Params = { cidr: inputs.cidr, gatewayid: inputs.gatewayId, nexthop: inputs.nextHop, vpcid: inputs.vpcId };
    return executeForObject(client, "createStaticRoute", params, "staticroute");
  },

  read: (client, id, olds) => readRoute(client, id, olds),

  delete: "deleteStaticRoute",

  inputsOf: (route) => ({ gatewayId: textOrNull(route.vpcgatewayid) }),

  attributesOf: (route) => ({ gatewayIp: textOrNull(route.vpcgatewayip) }),

  errors: [
    { text: "New static route cidr conflicts with existing route <route>", why: "Routes of one gateway may not overlap." },
  ],
});
