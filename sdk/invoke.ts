// How the sdk's lookup functions (getZone, ...) run in a TypeScript program: in the program's
// own process, with the credentials the resources use (cloudstack:apiUrl / apiKey / secretKey
// in the stack config, else the CLOUDSTACK_* environment variables). The native plugin serves
// the same functions through Invoke.
//
// The provider's functions and client are loaded on the first lookup: a program that looks
// nothing up does not pay for loading them.
import * as pulumi from "@pulumi/pulumi";
import type { ClientRuntime } from "../provider/adapter/runtime";

type FunctionsModule = typeof import("../provider/functions");
type RuntimeModule = typeof import("../provider/adapter/runtime");

const loadFunctions = (): FunctionsModule => require("../provider/functions") as FunctionsModule;
const loadRuntime = (): RuntimeModule => require("../provider/adapter/runtime") as RuntimeModule;

/** One client for the program's lookups, made on the first; it follows the stack config, read on every call. */
let runtime: ClientRuntime | undefined;

/** Calls the lookup function `name` with `args` and returns its result (rejects with its error). */
export async function invokeLookup(name: string, args: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>> {
  const { functions } = loadFunctions();
  const fn = functions[name];
  if (!fn) throw new Error(`${name} is not a CloudStack lookup function; the functions are: ${Object.keys(functions).join(", ")}`);
  const { ClientRuntime: Runtime, credentialSourceFrom } = loadRuntime();
  runtime ??= new Runtime();
  // getConfig, not pulumi.Config: the secret key is read as the resources read it, without the
  // warning Config.get prints for a secret value.
  runtime.configure(credentialSourceFrom((key) => pulumi.runtime.getConfig(key)));
  return fn.call(await runtime.client(), args);
}

/** Ends the lookups' client (tests and programs that run lookups outside a Pulumi run). */
export function closeLookups(): Promise<void> {
  return runtime ? runtime.close() : Promise.resolve();
}
