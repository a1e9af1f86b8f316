/**
 * Chart fingerprints: sha256 of a chart's canonical description (definitions/engine/chartDescription.ts),
 * and the record of released versions in definitions/releasedCharts.json (program → version →
 * fingerprint). Hashing lives here, outside definitions/, because it needs node:crypto.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AnyStateMachine } from 'xstate';
import { z } from 'zod';
import { canonicalJson, describeChart } from '../../definitions/engine/chartDescription';
import { versionedCharts } from '../../definitions';

export const releasedChartsFile = path.join(__dirname, '../../definitions/releasedCharts.json');

const releasedChartsSchema = z.record(z.string(), z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)));
export type ReleasedCharts = z.infer<typeof releasedChartsSchema>;

export function chartFingerprint(machine: AnyStateMachine): string {
  return createHash('sha256')
    .update(canonicalJson(describeChart(machine)))
    .digest('hex');
}

export interface CurrentChart {
  program: string;
  version: string;
  fingerprint: string;
}

export function currentCharts(): CurrentChart[] {
  return versionedCharts.map(({ program, version, machine }) => ({
    program,
    version,
    fingerprint: chartFingerprint(machine),
  }));
}

export function readReleasedCharts(file = releasedChartsFile): ReleasedCharts {
  return releasedChartsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export function writeReleasedCharts(released: ReleasedCharts, file = releasedChartsFile): void {
  const sorted = Object.fromEntries(
    Object.keys(released)
      .sort()
      .map((program) => [program, Object.fromEntries(Object.entries(released[program] ?? {}).sort())])
  );
  writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
}

const todo = (program: string, version: string) =>
  `Give the changed chart a new version (e.g. ${nextVersion(version)} in definitions/${program}), record it with ` +
  '`npm run charts:fingerprint`, and keep ' +
  `${version} runnable for the cases that started on it (or, once available, migrate them with a migration plan). ` +
  'See docs/change-safety.md.';

export function nextVersion(version: string): string {
  const match = /^(.*)@(\d+)$/.exec(version);
  return match ? `${match[1]}@${Number(match[2]) + 1}` : `${version}+1`;
}

/** What is wrong between the charts in the code and the released record; empty when they agree. */
export function fingerprintProblems(current: CurrentChart[], released: ReleasedCharts): string[] {
  const problems: string[] = [];
  for (const chart of current) {
    const recorded = released[chart.program]?.[chart.version];
    if (recorded === undefined) {
      problems.push(
        `${chart.version} is not recorded as released: run \`npm run charts:fingerprint\` and commit definitions/releasedCharts.json.`
      );
    } else if (recorded !== chart.fingerprint) {
      problems.push(
        `The ${chart.program} chart changed but is still labelled ${chart.version} ` +
          `(released fingerprint ${recorded.slice(0, 12)}…, now ${chart.fingerprint.slice(0, 12)}…). ` +
          todo(chart.program, chart.version)
      );
    }
  }
  const inCode = new Set(current.map((c) => c.version));
  for (const [program, versions] of Object.entries(released)) {
    for (const version of Object.keys(versions)) {
      if (!inCode.has(version)) {
        problems.push(
          `Released ${version} (${program}) is no longer in the code: cases started on it cannot run. ` +
            'Keep it runnable beside the new version (docs/change-safety.md).'
        );
      }
    }
  }
  return problems;
}
