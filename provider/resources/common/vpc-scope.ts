// Reads of VPC objects. ACL lists, ACL rules, private gateways and static routes take no owner
// parameters of their own (they belong to their VPC's owner), so they are read like any object
// without a recorded owner.
export { findScoped as findInVpcScope } from "./scoped-lookup";
