/**
 * `npm run bench:compare a.json b.json` — the numbers of two saved results side by side, with the
 * ratio b / a, so a change can be judged against the run before it.
 */
import { readFileSync } from 'node:fs';
import type { SavedResult } from './lib/report';
import { rows } from './lib/report';

function load(file: string): SavedResult {
  return JSON.parse(readFileSync(file, 'utf8')) as SavedResult;
}

function flatten(result: SavedResult): Map<string, number[]> {
  return new Map(rows(result.metrics).map(([key, value]) => [key, value.split(' / ').map(Number)]));
}

function main(): void {
  const [fileA, fileB] = process.argv.slice(2);
  if (!fileA || !fileB) {
    console.error('usage: npm run bench:compare <a.json> <b.json>');
    process.exit(2);
  }
  const a = load(fileA);
  const b = load(fileB);
  if (a.name !== b.name) console.warn(`note: comparing different benchmarks (${a.name} vs ${b.name})`);
  const left = flatten(a);
  const right = flatten(b);
  const width = Math.max(...[...left.keys()].map((k) => k.length), 10);
  console.log(`${'metric'.padEnd(width)}  ${'a'.padStart(22)}  ${'b'.padStart(22)}  b/a`);
  for (const [key, valuesA] of left) {
    const valuesB = right.get(key);
    if (!valuesB) continue;
    const ratios = valuesA.map((v, i) => ((valuesB[i] ?? NaN) / v).toFixed(2)).join(' / ');
    console.log(
      `${key.padEnd(width)}  ${valuesA.join(' / ').padStart(22)}  ${valuesB.join(' / ').padStart(22)}  ${ratios}`
    );
  }
}

main();
