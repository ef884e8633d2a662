// What programs import: `import * as cloudstack from "pulumi-cloudstack"`.
export { Network } from "./network";
export type { NetworkArgs } from "./network";
export { CloudStackResource } from "./resource";
