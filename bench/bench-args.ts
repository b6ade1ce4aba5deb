/** `npm run bench -- [--sizes 10000,50000] [--runs 1] [--profile]` */
export interface BenchArgs {
  sizes: number[];
  /** Each measurement is run this many times (a fresh child each); the median is printed. */
  runs: number;
  /** Also run the pull once more under `--cpu-prof` and print where its time goes. */
  profile: boolean;
}

export const DEFAULT_SIZES = [10_000, 50_000];

export function parseBenchArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = { sizes: DEFAULT_SIZES, runs: 1, profile: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === "--sizes") args.sizes = value().split(",").map((size) => positiveInteger(size, "--sizes"));
    else if (flag === "--runs") args.runs = positiveInteger(value(), "--runs");
    else if (flag === "--profile") args.profile = true;
    else throw new Error(`unknown option ${flag} (options: --sizes 10000,50000  --runs N  --profile)`);
  }
  return args;
}

function positiveInteger(text: string, flag: string): number {
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag}: ${JSON.stringify(text)} is not a positive whole number`);
  return n;
}
