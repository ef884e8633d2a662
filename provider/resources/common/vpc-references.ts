// Kinds of object that the VPC inputs name by name or id.
import { ReferenceKind } from "../../adapter/check/reference";

export const vpcOfferingReference: ReferenceKind = { noun: "VPC offering", listCommand: "listVPCOfferings" };
