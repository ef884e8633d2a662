// Resource URNs as the engine builds them (sdk/go/common/resource/urn.go NewURN): the type is
// qualified by the parent's type chain, except for the root stack.
const stackType = "pulumi:pulumi:Stack";

export function urnType(urn: string): string {
  return urn.split("::")[2] ?? "";
}

export function makeUrn(stack: string, project: string, type: string, name: string, parentUrn: string): string {
  let qualified = type;
  if (parentUrn) {
    const parentType = urnType(parentUrn);
    if (parentType !== stackType) qualified = `${parentType}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** What the plan shows as the type: the dynamic prefix is noise to a reader. */
export function displayType(type: string): string {
  return type.replace(/^pulumi-nodejs:dynamic\//, "");
}
