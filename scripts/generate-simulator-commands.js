#!/usr/bin/env node
// Regenerates simulator/data/commands.json: the parameter facts of every command the simulator
// implements, taken from the CloudStack API reference (shared/cloudstack-api/commands.json).
// The installed package reads only the generated file, never the reference.
// Usage: node scripts/generate-simulator-commands.js [path/to/commands.json]
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const referencePath = process.argv[2] || path.resolve(root, "..", "shared", "cloudstack-api", "commands.json");
const implementedPath = path.join(root, "simulator", "data", "implemented-commands.txt");
const outPath = path.join(root, "simulator", "data", "commands.json");

const reference = JSON.parse(fs.readFileSync(referencePath, "utf8"));
const implemented = fs
  .readFileSync(implementedPath, "utf8")
  .split("\n")
  .map((line) => line.replace(/#.*/, "").trim())
  .filter(Boolean);

const compactParam = (p) => ({ name: p.name, type: p.type, required: Boolean(p.required) });

const out = { source: reference._meta && reference._meta.commit, commands: {} };
for (const name of implemented.sort()) {
  const c = reference[name];
  if (!c) {
    console.error(`unknown CloudStack command in implemented-commands.txt: ${name}`);
    process.exit(1);
  }
  const adminParams = [];
  for (const v of c.variants || []) {
    for (const p of v.extraParams || []) {
      if (!adminParams.some((a) => a.name === p.name)) adminParams.push(compactParam(p));
    }
  }
  out.commands[name] = {
    className: c.class,
    isAsync: Boolean(c.isAsync),
    isAsyncCreate: Boolean(c.isAsyncCreate),
    isList: Boolean(c.isList),
    responseName: c.responseName,
    objectName: c.objectName || null,
    params: c.params.map(compactParam),
    adminParams,
  };
}
fs.writeFileSync(outPath, JSON.stringify(out, null, 1) + "\n");
console.log(`wrote ${Object.keys(out.commands).length} commands to ${path.relative(root, outPath)}`);
