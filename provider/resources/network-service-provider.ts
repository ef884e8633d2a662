// NetworkServiceProvider: a network service provider of a physical network, enabled or disabled,
// with the services it offers there (addNetworkServiceProvider, updateNetworkServiceProvider,
// deleteNetworkServiceProvider, listNetworkServiceProviders; root admin). For VirtualRouter,
// VpcVirtualRouter and InternalLbVm it also configures the element CloudStack requires.
import { z } from "zod";
import type { CloudStackClient } from "../client";
import { defineSpec } from "../adapter/spec";
import { ApiObject, ApiObjectWith, EXTRA, PropertyMap } from "../adapter/types";
import { PartiallyCreatedError } from "../adapter/lifecycle/errors";
import { nonEmpty, uuid } from "../validation/fields";
import { booleanOrNull, textOrNull } from "./common/api-values";
import { executeForObject, stillPresent } from "./common/job-result";
import { findPhysicalNetworkPart } from "./common/physical-network-parts";
import { configureElement, elementOf } from "./common/provider-elements";
import { inputObject } from "./common/inputs";

/** The providers createPhysicalNetwork adds to every new physical network, Disabled (NetworkServiceImpl.createPhysicalNetwork). */
export const DEFAULT_PROVIDERS: readonly string[] = ["VirtualRouter", "VpcVirtualRouter", "InternalLbVm", "SecurityGroupProvider", "ConfigDrive"];

export const networkServiceProviderInputs = inputObject({
  physicalNetworkId: uuid().describe("The id of the physical network (e.g. a PhysicalNetwork's `id`). Changing it replaces the provider."),
  name: nonEmpty().describe(
    'The provider, by CloudStack\'s name: "VirtualRouter", "VpcVirtualRouter", "InternalLbVm", "SecurityGroupProvider", "ConfigDrive", "Netscaler"... A provider CloudStack added with the physical network is taken over rather than added twice. Changing it replaces the provider.',
  ),
  state: z
    .enum(["Enabled", "Disabled"])
    .describe("Enabled or Disabled. Enabling a VirtualRouter, VpcVirtualRouter or InternalLbVm provider enables its element first. Updated in place."),
  services: z
    .array(nonEmpty())
    .optional()
    .describe(
      'The services the provider offers on this physical network, e.g. ["Dhcp", "Dns", "SourceNat"]; every service it supports when omitted. Order does not matter, and Gateway comes with SourceNat. Updated in place.',
    ),
  destinationPhysicalNetworkId: uuid()
    .optional()
    .describe("The physical network the provider connects to, for providers that bridge two. Changing it replaces the provider."),
});

export const networkServiceProviderAttributes = z.object({
  adopted: z
    .boolean()
    .describe("Whether CloudStack had already added the provider (a default provider of the physical network): deleting the resource then disables it instead of removing it."),
  elementId: z.string().nullable().describe("The id of the provider's element (VirtualRouter, VpcVirtualRouter, InternalLbVm), whose configuration enables the provider."),
  canEnableIndividualService: z.boolean().nullable().describe("Whether the provider's services can be chosen one by one."),
});

interface ProviderExtra {
  readonly adopted: boolean;
  readonly elementId: string | null;
}

type Provider = ApiObjectWith<ProviderExtra>;

/** Services compared as sets, Gateway left out: CloudStack adds it with SourceNat. */
function sameServices(a: unknown, b: unknown): boolean {
  const set = (v: unknown) => (Array.isArray(v) ? [...new Set(v.map(String).filter((s) => s !== "Gateway"))].sort() : undefined);
  return JSON.stringify(set(a)) === JSON.stringify(set(b));
}

async function withExtra(client: CloudStackClient, provider: ApiObject, adopted: boolean): Promise<Provider> {
  const element = await elementOf(client, String(provider.name), String(provider.id));
  return { ...provider, [EXTRA]: { adopted, elementId: element ? String(element.id) : null } };
}

/** A provider read without outputs (get, importId) counts as adopted when it is one of CloudStack's defaults. */
const adoptedFrom = (olds: PropertyMap, name: unknown): boolean =>
  typeof olds.adopted === "boolean" ? olds.adopted : DEFAULT_PROVIDERS.includes(String(name));

async function readProvider(client: CloudStackClient, id: string, olds: PropertyMap): Promise<Provider | undefined> {
  const provider = await findPhysicalNetworkPart(client, "listNetworkServiceProviders", id, olds);
  return provider && withExtra(client, provider, adoptedFrom(olds, provider.name));
}

/** The provider's state and services as declared: the element first, since enabling checks it. */
async function apply(client: CloudStackClient, provider: ApiObject, state: string | undefined, services: string[] | undefined): Promise<void> {
  const id = String(provider.id);
  if (services !== undefined && !sameServices(provider.servicelist, services)) await client.execute("updateNetworkServiceProvider", { id, servicelist: services });
  if (state === "Enabled") await configureElement(client, String(provider.name), id, true);
  if (state !== undefined && state !== provider.state) await client.execute("updateNetworkServiceProvider", { id, state });
}

export const networkServiceProviderSpec = defineSpec<typeof networkServiceProviderInputs, Provider>({
  kind: "NetworkServiceProvider",
  description:
    "A network service provider of a physical network, enabled or disabled, with its services (root admin). CloudStack adds VirtualRouter, VpcVirtualRouter, InternalLbVm, SecurityGroupProvider and ConfigDrive to every new physical network, Disabled: this resource takes such a provider over, and deleting it disables the provider again rather than removing it.",
  inputs: networkServiceProviderInputs,
  attributes: networkServiceProviderAttributes,
  defaultedByCloudStack: ["services"],
  inPlace: { state: true, services: true },
  equal: { services: sameServices },

  async create(client, inputs) {
    const listed = await client.list<ApiObject>("listNetworkServiceProviders", { physicalnetworkid: inputs.physicalNetworkId, name: inputs.name });
    const existing = listed.find((p) => p.name === inputs.name);
    const provider =
      existing ??
      (await executeForObject(
        client,
        "addNetworkServiceProvider",
        { physicalnetworkid: inputs.physicalNetworkId, name: inputs.name, servicelist: inputs.services, destinationphysicalnetworkid: inputs.destinationPhysicalNetworkId },
        "networkserviceprovider",
      ));
    const adopted = existing !== undefined;
    try {
      await apply(client, provider, inputs.state, existing ? inputs.services : undefined);
    } catch (err) {
      throw new PartiallyCreatedError(await withExtra(client, provider, adopted), err);
    }
    return stillPresent(await readProvider(client, String(provider.id), { physicalNetworkId: inputs.physicalNetworkId, adopted }), "NetworkServiceProvider", String(provider.id)) as Provider;
  },

  read: (client, id, olds) => readProvider(client, id, olds),

  async update(client, id, olds, news, _ids, changed) {
    const current = stillPresent(await readProvider(client, id, olds), "NetworkServiceProvider", id);
    await apply(client, current, changed.includes("state") ? news.state : undefined, changed.includes("services") ? news.services : undefined);
    return stillPresent(await readProvider(client, id, olds), "NetworkServiceProvider", id) as Provider;
  },

  async delete(client, id, provider) {
    if (!provider[EXTRA].adopted) {
      await client.execute("deleteNetworkServiceProvider", { id });
      return;
    }
    // A default provider goes back to how CloudStack made it: Disabled, its element too.
    if (provider.state !== "Disabled") await client.execute("updateNetworkServiceProvider", { id, state: "Disabled" });
    await configureElement(client, String(provider.name), id, false);
  },

  inputsOf(provider) {
    return {
      physicalNetworkId: textOrNull(provider.physicalnetworkid),
      name: textOrNull(provider.name),
      state: textOrNull(provider.state),
      services: Array.isArray(provider.servicelist) ? provider.servicelist.map(String) : null,
      destinationPhysicalNetworkId: textOrNull(provider.destinationphysicalnetworkid),
    };
  },

  attributesOf(provider) {
    return {
      adopted: provider[EXTRA].adopted,
      elementId: provider[EXTRA].elementId,
      canEnableIndividualService: booleanOrNull(provider.canenableindividualservice),
    };
  },

  errors: [
    { text: "The '<name>' provider already exists on physical network : <pnet>", why: "Adopt it with `importId` (the virtual router providers exist with every physical network)." },
    { text: "Provider is not ready, cannot Enable the provider, please configure the provider first", why: "Some providers need their elements configured (and devices added) before they can be enabled." },
  ],
});
