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

// A UUID parameter's "related" command, as listApis reports it: a list command returning the
// entity the parameter names (the shortest name: listNetworks rather than listBrocadeVcsDeviceNetworks).
const listCommandsByResponse = new Map();
for (const [name, c] of Object.entries(reference)) {
  if (name.startsWith("_") || !c || !c.isList || !c.responseObject) continue;
  const known = listCommandsByResponse.get(c.responseObject);
  if (!known || name.length < known.length) listCommandsByResponse.set(c.responseObject, name);
}

const compactParam = (p) => {
  const out = { name: p.name, type: p.type, required: Boolean(p.required), description: p.description || "" };
  const related = p.entityType && listCommandsByResponse.get(p.entityType);
  if (related) out.related = related;
  return out;
};

// Java class name with its package, from the source path of the command class.
const qualifiedClassName = (c) => {
  const m = /src\/main\/java\/(.+)\.java$/.exec(c.file || "");
  return m ? m[1].replace(/\//g, ".") : c.class;
};

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
    className: qualifiedClassName(c),
    description: c.description || "",
    isAsync: Boolean(c.isAsync),
    isAsyncCreate: Boolean(c.isAsyncCreate),
    isList: Boolean(c.isList),
    responseName: c.responseName,
    objectName: c.objectName || null,
    params: c.params.map(compactParam),
    adminParams,
    response: (Array.isArray(c.response) ? c.response : []).map((f) => ({
      name: f.name,
      type: String(f.type || "").toLowerCase(),
      description: f.description || "",
    })),
  };
}
fs.writeFileSync(outPath, JSON.stringify(out, null, 1) + "\n");
console.log(`wrote ${Object.keys(out.commands).length} commands to ${path.relative(root, outPath)}`);
