// How the sdk's lookup functions (getZone, ...) run in a TypeScript program: in the program's
// own process, with the credentials the resources use (cloudstack:apiUrl / apiKey / secretKey
// in the stack config, else the CLOUDSTACK_* environment variables). The native plugin serves
// the same functions through Invoke.
import * as pulumi from "@pulumi/pulumi";
import { functions } from "../provider/functions";
import { ClientRuntime, credentialSourceFrom } from "../provider/adapter/runtime";

/** One client for the program's lookups; it follows the stack config, read on every call. */
const runtime = new ClientRuntime();

/** Calls the lookup function `name` with `args` and returns its result (rejects with its error). */
export async function invokeLookup(name: string, args: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>> {
  const fn = functions[name];
  if (!fn) throw new Error(`${name} is not a CloudStack lookup function; the functions are: ${Object.keys(functions).join(", ")}`);
  // getConfig, not pulumi.Config: the secret key is read as the resources read it, without the
  // warning Config.get prints for a secret value.
  runtime.configure(credentialSourceFrom((key) => pulumi.runtime.getConfig(key)));
  return fn.call(await runtime.client(), args);
}

/** Ends the lookups' client (tests and programs that run lookups outside a Pulumi run). */
export function closeLookups(): Promise<void> {
  return runtime.close();
}
