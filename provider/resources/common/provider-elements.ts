// The element behind a VirtualRouter, VpcVirtualRouter or InternalLbVm provider: CloudStack
// refuses to enable such a provider until its element is enabled (VirtualRouterElement.isReady,
// InternalLoadBalancerElement.isReady). The element has its own id, which the configure commands
// take; createPhysicalNetwork makes one for each default provider, and a provider added by hand
// needs one created.
import type { CloudStackClient } from "../../client";
import { ApiObject } from "../../adapter/types";
import { executeForObject } from "./job-result";

interface ElementCommands {
  readonly list: string;
  readonly create: string;
  readonly configure: string;
  readonly objectName: string;
}

const ROUTER: ElementCommands = {
  list: "listVirtualRouterElements",
  create: "createVirtualRouterElement",
  configure: "configureVirtualRouterElement",
  objectName: "virtualrouterelement",
};

const INTERNAL_LB: ElementCommands = {
  list: "listInternalLoadBalancerElements",
  create: "createInternalLoadBalancerElement",
  configure: "configureInternalLoadBalancerElement",
  objectName: "internalloadbalancerelement",
};

const ELEMENTS: Readonly<Record<string, ElementCommands>> = { VirtualRouter: ROUTER, VpcVirtualRouter: ROUTER, InternalLbVm: INTERNAL_LB };

/** The provider's element, or undefined for a provider without one. */
export async function elementOf(client: CloudStackClient, providerName: string, providerId: string): Promise<ApiObject | undefined> {
  const commands = ELEMENTS[providerName];
  if (!commands) return undefined;
  const [element] = await client.list<ApiObject>(commands.list, { nspid: providerId });
  return element;
}

/** Sets the element's `enabled` flag, creating the element first when the provider has none. */
export async function configureElement(client: CloudStackClient, providerName: string, providerId: string, enabled: boolean): Promise<void> {
  const commands = ELEMENTS[providerName];
  if (!commands) return;
  const element =
    (await elementOf(client, providerName, providerId)) ?? (await executeForObject(client, commands.create, { nspid: providerId }, commands.objectName));
  if (element.enabled !== enabled) await client.execute(commands.configure, { id: String(element.id), enabled });
}
