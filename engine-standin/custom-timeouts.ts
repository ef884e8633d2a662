// customTimeouts values are Go duration strings ("30s", "5m", "1h30m"); the engine converts them
// to seconds for the provider's timeout field (sdk/go/common/resource/plugin: CustomTimeouts).
const units: Record<string, number> = { ns: 1e-9, us: 1e-6, "µs": 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

export function durationSeconds(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * units[m[2]];
    consumed += m[0].length;
  }
  if (consumed !== text.length) throw new Error(`invalid duration ${JSON.stringify(text)}`);
  return total;
}
