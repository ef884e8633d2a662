// Loaded by @pulumi/pulumi's cmd/run-plugin, which leaves the engine address as the first
// program argument.
"use strict";
require("../dist/provider/plugin/main")
  .main(process.argv.slice(2))
  .catch((err) => {
    console.error(err && err.stack ? err.stack : String(err));
    process.exit(1);
  });
