// What every benchmark section hands back, and how RESULTS.md shows it.

export interface Target {
  /** What is measured, e.g. "GET /v1/estimates req/s". */
  readonly name: string;
  /** The baseline figure measured in the same run, or "—" for an absolute target. */
  readonly baseline: string;
  readonly measured: string;
  /** The target as a rule, e.g. "≥ 0.85 × baseline". */
  readonly target: string;
  /** The ratio or count the rule is applied to. */
  readonly value: string;
  readonly pass: boolean;
}

export interface Section {
  readonly title: string;
  /** Markdown: settings, the figures of every run, notes. */
  readonly body: string;
  readonly targets: readonly Target[];
}

export interface BenchContext {
  /** Tiny sizes: checks that everything runs, measures nothing worth reading. */
  readonly smoke: boolean;
  /** Where logs and generated files go (git-ignored). */
  readonly workDir: string;
  /** Progress lines, to stderr. */
  readonly log: (line: string) => void;
}

/** A markdown table from a header and rows. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
