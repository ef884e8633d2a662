// Mocha's settings for `npm test` (and so `make test` and CI).
//
// Test files run in parallel, two at a time: most of the suite's time is spent starting
// processes (a provider host and a program per run of the engine stand-in), which leaves a
// core idle; two workers fill both cores of a 2-core CI machine. MOCHA_JOBS=1 runs them one
// after another (or pass --no-parallel). Every file starts its own simulators on free ports and
// keeps its state in its own temporary folders, so files do not share anything.
//
// The files that start the most processes are listed first, so that the two workers do not end
// with one long file running alone; every other test file follows, in name order.
"use strict";
const fs = require("fs");
const path = require("path");

const testRoot = path.join(__dirname, "dist", "test");
const heaviestFirst = ["scenarios", "engine-standin", "examples", "workflow", "faults"];

function testFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return testFiles(full);
      return entry.name.endsWith(".test.js") ? [full] : [];
    })
    .sort();
}

const all = testFiles(testRoot);
const first = heaviestFirst.flatMap((folder) => all.filter((file) => file.startsWith(path.join(testRoot, folder) + path.sep)));
const spec = [...first, ...all.filter((file) => !first.includes(file))].map((file) => path.relative(__dirname, file));

const jobs = Number(process.env.MOCHA_JOBS ?? 2);
// Mocha adds the files named on its command line to these: name files (or a glob) and only
// they run, e.g. `npx mocha dist/test/client/jobs.test.js`.
const named = process.argv.slice(2).some((arg) => arg.endsWith(".test.js") || arg.includes("*"));

module.exports = {
  ...(named ? {} : { spec }),
  timeout: 30000,
  exit: true,
  parallel: jobs > 1,
  jobs,
  // The spec reporter, then the slowest tests and files of the run (test/slowest-tests-reporter.ts).
  reporter: "./dist/test/slowest-tests-reporter.js",
};
