// VNF templates (CloudStack 4.19+): registered, updated and deleted with their NICs and details
// (RegisterVnfTemplateCmd / RegisterTemplateCmd.validateParameters, VnfTemplateUtils,
// TemplateAdapterBase.prepare, VnfTemplateManagerImpl.persistVnfTemplate / updateVnfTemplate).
// A registered template is downloaded first (template-downloads.ts).
import { paramError } from "../errors";
import { now } from "./dates";
import { newUuid, nextId } from "./ids";
import type { AccountRecord, SimulatorState, TemplateRecord, VnfNicRecord } from "./records";
import { DEFAULT_TEMPLATE_DOWNLOAD_MS, startDownload, templateReady } from "./template-downloads";

const HYPERVISORS = ["XenServer", "KVM", "VMware", "Hyperv", "VirtualBox", "Parralels", "BareMetal", "Simulator", "Ovm", "Ovm3", "LXC", "Custom", "External", "Any"];
const ACCESS_DETAILS = ["ACCESS_METHODS", "USERNAME", "PASSWORD", "SSH_USER", "SSH_PASSWORD", "SSH_PORT", "WEB_USER", "WEB_PASSWORD", "HTTP_PATH", "HTTP_PORT", "HTTPS_PATH", "HTTPS_PORT"];
const VNF_DETAILS = ["VERSION", "VENDOR", "MAINTAINER"];
const ACCESS_METHODS = ["ssh-password", "ssh-key", "http", "https", "console"];

/** VnfTemplateUtils.getVnfNicsList: name and deviceid required, required and management true unless "false"-like, sorted by device id. */
export function vnfNicsOf(entries: Array<Record<string, string>>): VnfNicRecord[] {
  const nics = entries.map((e): VnfNicRecord => {
    if (!e.name?.trim() || !e.deviceid?.trim()) throw paramError("VNF nic name and deviceid cannot be null");
    // Integer.parseInt: digits only, with an optional sign.
    if (!/^[+-]?\d+$/.test(e.deviceid)) throw paramError("Unable to parse VNF nic deviceId to Integer: null");
    const flag = (v: string | undefined) => v === undefined || v.trim() === "" || v.toLowerCase() === "true";
    return { deviceId: Number.parseInt(e.deviceid, 10), name: e.name, required: flag(e.required), management: flag(e.management), description: e.description };
  });
  return nics.sort((a, b) => a.deviceId - b.deviceId);
}

/** VnfTemplateUtils.validateApiCommandParams: the type, each detail, then the NICs' order. */
export function validateVnf(details: Record<string, string>, nics: VnfNicRecord[], templateType: string | undefined): void {
  if (templateType !== undefined && templateType !== "VNF") throw paramError("The template type must be VNF for VNF templates.");
  for (const [key, value] of Object.entries(details)) {
    if (![...VNF_DETAILS, ...ACCESS_DETAILS].includes(key.toUpperCase())) {
      throw paramError(`Invalid VNF detail found: ${key}. Valid values are ${ACCESS_DETAILS.join(", ")} and ${VNF_DETAILS.join(", ")}`);
    }
    if (key.toUpperCase() === "ACCESS_METHODS") {
      for (const method of value.split(",")) {
        if (!ACCESS_METHODS.includes(method.trim().toLowerCase())) {
          throw paramError(`Invalid VNF access method found: ${method}. Valid values are ${[...ACCESS_METHODS].sort().join(", ")}`);
        }
      }
    }
  }
  let expected = 0;
  let previousRequired = true;
  for (const nic of nics) {
    if (nic.deviceId !== expected) {
      throw paramError(`deviceid must be consecutive and start from 0. Nic deviceid should be ${expected} but actual is ${nic.deviceId}.`);
    }
    if (!previousRequired && nic.required) {
      throw paramError(`required cannot be true if a preceding nic is optional. Nic with deviceid ${expected} should be required but actual is optional.`);
    }
    expected++;
    previousRequired = nic.required;
  }
}

/** VnfTemplateManagerImpl.persistVnfTemplateDetails: keys in lower case, access methods sorted. */
function storedDetails(details: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(details).map(([key, value]) => [key.toLowerCase(), key.toUpperCase() === "ACCESS_METHODS" ? value.split(",").sort().join(",") : value]),
  );
}

export interface VnfTemplateRegistration {
  name: string;
  displaytext?: string;
  url: string;
  format: string;
  hypervisor: string;
  osTypeUuid: string;
  osTypeName: string;
  zoneUuid: string;
  isPublic?: boolean;
  passwordEnabled?: boolean;
  templateType?: string;
  nics: VnfNicRecord[];
  details: Record<string, string>;
}

export class VnfTemplates {
  constructor(
    private readonly state: SimulatorState,
    /** How long a download takes; read when a template is registered. */
    private readonly downloadMs: () => number = () => DEFAULT_TEMPLATE_DOWNLOAD_MS,
  ) {}

  /** TemplateAdapterBase.prepare's checks the simulator keeps, then the template row, its download begun. */
  register(owner: AccountRecord, input: VnfTemplateRegistration): TemplateRecord {
    validateVnf(input.details, input.nics, input.templateType);
    const hypervisor = HYPERVISORS.find((h) => h.toLowerCase() === input.hypervisor.toLowerCase());
    if (!hypervisor || hypervisor === "Any") {
      throw paramError(`Hypervisor Type: ${input.hypervisor} is invalid. Supported Hypervisor types are: ${HYPERVISORS.join(", ")}`);
    }
    if (input.url.toLowerCase().includes("file://")) throw paramError("File:// type urls are currently unsupported");
    const template: TemplateRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "template"),
      name: input.name,
      displaytext: input.displaytext ?? input.name,
      zoneUuid: input.zoneUuid,
      accountUuid: owner.uuid,
      domainUuid: owner.domainUuid,
      isPublic: input.isPublic ?? false,
      isFeatured: false,
      isReady: false,
      passwordEnabled: input.passwordEnabled ?? false,
      format: input.format.toUpperCase(),
      hypervisor,
      osTypeUuid: input.osTypeUuid,
      osTypeName: input.osTypeName,
      templateType: "VNF",
      size: 0,
      created: now(),
      url: input.url,
      vnfNics: input.nics,
      vnfDetails: storedDetails(input.details),
      download: startDownload(input.url, this.downloadMs()),
    };
    templateReady(template);
    this.state.templates.push(template);
    return template;
  }

  /** updateVnfTemplate: the template must be VNF; a non-empty list replaces, a cleanup flag empties. */
  update(
    template: TemplateRecord,
    input: { name?: string; displaytext?: string; osTypeUuid?: string; osTypeName?: string; passwordEnabled?: boolean; templateType?: string },
    nics: VnfNicRecord[],
    details: Record<string, string>,
    cleanup: { nics: boolean; details: boolean },
  ): TemplateRecord {
    if (template.templateType !== "VNF") {
      throw paramError(`Cannot update as template ${template.id} is not a VNF template. The template type is ${template.templateType}.`);
    }
    validateVnf(details, nics, input.templateType);
    if (input.name !== undefined) template.name = input.name;
    if (input.displaytext !== undefined) template.displaytext = input.displaytext;
    if (input.osTypeUuid !== undefined && input.osTypeName !== undefined) {
      template.osTypeUuid = input.osTypeUuid;
      template.osTypeName = input.osTypeName;
    }
    if (input.passwordEnabled !== undefined) template.passwordEnabled = input.passwordEnabled;
    if (cleanup.details) template.vnfDetails = {};
    else if (Object.keys(details).length > 0) template.vnfDetails = storedDetails(details);
    if (cleanup.nics) template.vnfNics = [];
    else if (nics.length > 0) template.vnfNics = nics;
    return template;
  }

  /** deleteVnfTemplate: only a VNF template; the row goes (the simulator keeps no removed templates). */
  delete(template: TemplateRecord): void {
    if (template.templateType !== "VNF") {
      throw paramError(`Cannot delete as Template ${template.id} is not a VNF template. The template type is ${template.templateType}.`);
    }
    this.state.templates = this.state.templates.filter((t) => t !== template);
    this.state.tags = this.state.tags.filter((t) => !(t.resourceType === "Template" && t.resourceUuid === template.uuid));
  }
}
