import fs from "node:fs";
import path from "node:path";

/** The parts of a V8 `.cpuprofile` (written by `node --cpu-prof`) this summary reads. */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Where the CPU was, by package or project file (self time). */
  byArea: Array<{ area: string; ms: number }>;
  /** Functions by self time. */
  selfTop: Array<{ frame: string; ms: number }>;
  /** Project functions (src/, controllers/, hooks/) by inclusive time: the time spent in them and below. */
  projectInclusive: Array<{ frame: string; ms: number }>;
}

const root = path.resolve(__dirname, "..", "..", "..");

/** `sanitize-html`, `src/mail/inbound/mail-content.ts`, `node:internal`, `(garbage collector)`. */
function area(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1]) return modules[1];
  if (url.startsWith("node:")) return "node:internal";
  const file = url.replace(/^file:\/\//, "");
  const relative = path.relative(root, file).replace(/^dist\/bench\//, "").replace(/\.js$/, ".ts");
  return relative.startsWith("..") ? file : relative;
}

function frameName(node: CpuProfile["nodes"][number]): string {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || "(anonymous)"} ${area(url, functionName)}:${lineNumber + 1}`;
}

const top = (totals: Map<string, number>, n: number, key: "area" | "frame") =>
  [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({ [key]: name, ms: Math.round(us / 1000) }) as { area: string; frame: string; ms: number });

/** Reads a `.cpuprofile` and totals its samples by area, by function (self) and by project function (inclusive). */
export function summarizeProfile(file: string, n = 25): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const areas = new Map<string, number>();
  const selves = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node) return;
    total += us;
    const { url, functionName } = node.callFrame;
    areas.set(area(url, functionName), (areas.get(area(url, functionName)) ?? 0) + us);
    selves.set(frameName(node), (selves.get(frameName(node)) ?? 0) + us);
    // Each project function on the stack counts once per sample, however often it recurses.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (!frame || !/^(src|controllers|hooks)\//.test(area(frame.callFrame.url, frame.callFrame.functionName))) continue;
      const name = frameName(frame);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    }
  });
  return {
    totalMs: Math.round(total / 1000),
    byArea: top(areas, n, "area").map(({ area: name, ms }) => ({ area: name, ms })),
    selfTop: top(selves, n, "frame").map(({ frame, ms }) => ({ frame, ms })),
    projectInclusive: top(inclusive, n, "frame").map(({ frame, ms }) => ({ frame, ms })),
  };
}

/** The summary as aligned text lines, for stderr. */
export function formatProfileSummary(summary: ProfileSummary): string {
  const pct = (ms: number) => `${((100 * ms) / Math.max(1, summary.totalMs)).toFixed(1).padStart(5)}%`;
  const lines = [`CPU profile: ${summary.totalMs} ms sampled`, "-- by area (self time) --"];
  for (const row of summary.byArea) lines.push(`${pct(row.ms)} ${String(row.ms).padStart(7)} ms  ${row.area}`);
  lines.push("-- top functions (self time) --");
  for (const row of summary.selfTop) lines.push(`${pct(row.ms)} ${String(row.ms).padStart(7)} ms  ${row.frame}`);
  lines.push("-- project functions (inclusive time) --");
  for (const row of summary.projectInclusive) lines.push(`${pct(row.ms)} ${String(row.ms).padStart(7)} ms  ${row.frame}`);
  return lines.join("\n");
}
