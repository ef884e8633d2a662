// The owner scope an object was created with; the adapter defines it, since reference lookups
// use it too.
export { ownerScope } from "../../adapter/check/owner-scope";
