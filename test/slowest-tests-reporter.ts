// Mocha's spec reporter, followed at the end of the run by the slowest tests and the slowest files,
// so that whoever makes the suite slower sees where the time went. It is a reporter rather than a
// root hook because, with --parallel, only the main process sees every file's events.
// Used through .mocharc.json; SLOWEST_TESTS=<n> changes how many lines each list has.
import * as Mocha from "mocha";

const { EVENT_HOOK_END, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_RUN_BEGIN, EVENT_RUN_END } = Mocha.Runner.constants;

interface Timed {
  title: string;
  file: string;
  ms: number;
}

class SlowestTestsReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const tests: Timed[] = [];
    // Per file: its tests and its hooks (the simulators and hosts a file starts); module loading
    // is not counted.
    const files = new Map<string, number>();
    let started = Date.now();
    const count = (runnable: Mocha.Runnable): void => {
      const file = relative(runnable.file);
      files.set(file, (files.get(file) ?? 0) + (runnable.duration ?? 0));
    };
    runner.once(EVENT_RUN_BEGIN, () => (started = Date.now()));
    runner.on(EVENT_HOOK_END, (hook: Mocha.Hook) => count(hook));
    const onTest = (test: Mocha.Test): void => {
      count(test);
      tests.push({ title: test.fullTitle(), file: relative(test.file), ms: test.duration ?? 0 });
    };
    runner.on(EVENT_TEST_PASS, onTest);
    runner.on(EVENT_TEST_FAIL, onTest);
    // After the spec reporter's own summary (its listener was added first).
    runner.once(EVENT_RUN_END, () => {
      const n = Number(process.env.SLOWEST_TESTS ?? 15);
      const lines: string[] = [];
      lines.push(`  Slowest tests (of ${tests.length}):`);
      for (const t of [...tests].sort((a, b) => b.ms - a.ms).slice(0, n)) {
        lines.push(`  ${seconds(t.ms)}  ${t.title}  (${t.file})`);
      }
      lines.push("", `  Slowest files (tests and hooks, of ${files.size}):`);
      for (const [file, ms] of [...files].sort((a, b) => b[1] - a[1]).slice(0, n)) {
        lines.push(`  ${seconds(ms)}  ${file}`);
      }
      lines.push("", `  Run: ${seconds(Date.now() - started)} wall clock`, "");
      Mocha.reporters.Base.consoleLog(lines.join("\n"));
    });
  }
}

function relative(file: string | undefined): string {
  if (!file) return "(no file)";
  const at = file.lastIndexOf("/dist/");
  return at >= 0 ? file.slice(at + "/dist/".length) : file;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1).padStart(6)} s`;
}

export = SlowestTestsReporter;
