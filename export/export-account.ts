// The exporter as a function: resolves the owner and zone named on the command line, collects
// the owner's objects and renders the program that adopts them.
import { CloudStackClient, type CredentialSource } from "../provider/client";
import { ClientRuntime } from "../provider/adapter/runtime";
import type { ApiObject } from "../provider/adapter/types";
import type { ExportArguments } from "./arguments";
import { collect } from "./collect";
import { implicitObjects, type CatalogueEntry } from "./catalogue";
import { renderProgram, type RenderedProgram } from "./render";
import { resolvedScope } from "./scope";

export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExportError";
  }
}

export interface ExportOptions {
  /** Endpoint and keys; each missing one is taken from CLOUDSTACK_API_URL and the like. */
  readonly credentials?: CredentialSource;
  readonly env?: NodeJS.ProcessEnv;
  readonly warn?: (message: string) => void;
  readonly progress?: (message: string) => void;
  /** The kinds to list (the whole catalogue by default). */
  readonly entries?: readonly CatalogueEntry[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The one object whose id or name is `given`, or an error naming the flag and the candidates. */
function oneNamed(flag: string, given: string, items: readonly ApiObject[], describe: (item: ApiObject) => string): ApiObject {
  const matches = items.filter((item) => (UUID.test(given) ? String(item.id).toLowerCase() === given.toLowerCase() : item.name === given));
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) {
    const known = items.map(describe).slice(0, 10).join(", ");
    throw new ExportError(`${flag} ${JSON.stringify(given)}: CloudStack shows no such name or id to this caller${known ? ` (it shows ${known})` : ""}`);
  }
  throw new ExportError(`${flag} ${JSON.stringify(given)} matches ${matches.length} objects (${matches.map(describe).join(", ")}): give its id instead`);
}

async function ownerOf(client: CloudStackClient, args: ExportArguments): Promise<{ owner: { account?: string; domainId?: string; projectId?: string }; text: string }> {
  if (args.project !== undefined) {
    const projects = await client.list<ApiObject>("listProjects", { listall: true });
    const project = oneNamed("--project", args.project, projects, (p) => `${String(p.name)} (${String(p.id)})`);
    return { owner: { projectId: String(project.id) }, text: `the objects of project ${String(project.name)} (${String(project.id)})` };
  }
  if (args.account !== undefined) {
    const accounts = await client.list<ApiObject>("listAccounts", { listall: true, name: args.account, domainid: args.domainId });
    const account = oneNamed("--account", args.account, accounts, (a) => `${String(a.name)} in domain ${String(a.domain ?? a.domainid)} (--domain-id ${String(a.domainid)})`);
    return {
      owner: { account: String(account.name), domainId: String(account.domainid) },
      text: `the objects of account ${String(account.name)} of domain ${String(account.domain ?? account.domainid)}`,
    };
  }
  return { owner: {}, text: "the caller's own objects" };
}

export async function exportAccount(args: ExportArguments, options: ExportOptions = {}): Promise<RenderedProgram> {
  const warn = options.warn ?? (() => undefined);
  const runtime = new ClientRuntime(undefined, () => options.env ?? process.env);
  runtime.configure(options.credentials ?? {});
  try {
    const client = await runtime.client();
    const { owner, text } = await ownerOf(client, args);
    let zoneId: string | undefined;
    let zoneText = "";
    if (args.zone !== undefined) {
      const zone = oneNamed("--zone", args.zone, await client.list<ApiObject>("listZones", {}), (z) => String(z.name));
      zoneId = String(zone.id);
      zoneText = ` in zone ${String(zone.name)}`;
    }
    const objects = await collect({ runtime, scope: resolvedScope(owner), zoneId, entries: options.entries, warn, progress: options.progress });
    const program = renderProgram(objects, { scopeText: text + zoneText, leftOut: implicitObjects });
    for (const secret of program.secrets) {
      warn(
        secret.unreadable
          ? `${secret.resource}: CloudStack never shows ${secret.input}; set it with \`pulumi config set --secret ${secret.configKey} ...\` (the adopted object keeps the one it has)`
          : `${secret.resource}: ${secret.input} is a secret, read from the stack config: \`pulumi config set --secret ${secret.configKey} ...\``,
      );
    }
    return program;
  } finally {
    await runtime.close();
  }
}
