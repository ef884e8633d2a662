// Property names the sdk writes into a resource's inputs for the provider to read. They live in
// a file with no imports so that a program (which loads the sdk, never the provider's client or
// resources) can name them without loading the provider; provider/index.ts re-exports them.

/** The resource's customTimeouts, forwarded by the sdk base class (the engine keeps them). */
export const TIMEOUTS_KEY = "__timeouts";
/**
 * An input the sdk class adds: "<project>/<stack>/<kind>/<name>", the resource's identity across
 * runs, from which a create derives the ids that let it recognise an earlier attempt's object.
 */
export const IDENTITY_KEY = "__identity";
