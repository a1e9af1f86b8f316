/**
 * `npm run bench:profile -- <file.cpuprofile>…` — where a benchmark's CPU time went: self time by
 * area (a package under node_modules, a folder of this repository, the workflow bundle, Node
 * itself, garbage collection, idle) and the top functions. Profiles come from running a benchmark
 * under `node --cpu-prof` (docs/performance.md#profiling); each thread writes its own file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const profileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
    })
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

type CallFrame = z.infer<typeof profileSchema>['nodes'][number]['callFrame'];

const root = path.resolve(__dirname, '..');

/** The area a frame belongs to: what the summary adds up. */
export function areaOf({ functionName, url }: CallFrame): string {
  if (functionName === '(idle)' || functionName === '(program)' || functionName === '(garbage collector)') {
    return functionName;
  }
  if (url === '') return '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return packageMatch[1] ?? url;
  // The workflow bundle is one file (written by the benchmark stack to a temporary folder).
  if (url.endsWith('/workflows.js')) return 'workflow bundle';
  const relative = path.relative(root, url.replace(/^file:\/\//, ''));
  return relative.startsWith('..') ? url : (relative.split(path.sep)[0] ?? relative);
}

function summarise(file: string, top: number): void {
  const profile = profileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = frames.get(id);
    const micros = profile.timeDeltas[i] ?? 0;
    if (!frame) return;
    total += micros;
    const area = areaOf(frame);
    byArea.set(area, (byArea.get(area) ?? 0) + micros);
    if (area !== '(idle)') {
      const name = `${frame.functionName || '(anonymous)'} ${path.relative(root, frame.url.replace(/^file:\/\//, ''))}:${frame.lineNumber + 1}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    }
  });
  const busy = total - (byArea.get('(idle)') ?? 0);
  const share = (micros: number) => `${((100 * micros) / busy).toFixed(1).padStart(5)} %`;
  const seconds = (micros: number) => `${(micros / 1e6).toFixed(2).padStart(7)} s`;
  console.log(`\n${path.basename(file)}: ${seconds(total)} sampled, ${seconds(busy)} busy (shares below are of busy)`);
  for (const [area, micros] of [...byArea.entries()]
    .filter(([a]) => a !== '(idle)')
    .sort((x, y) => y[1] - x[1])
    .slice(0, top)) {
    console.log(`  ${share(micros)} ${seconds(micros)}  ${area}`);
  }
  console.log('  top functions:');
  for (const [name, micros] of [...byFunction.entries()].sort((x, y) => y[1] - x[1]).slice(0, top)) {
    console.log(`  ${share(micros)} ${seconds(micros)}  ${name}`);
  }
}

for (const file of process.argv.slice(2)) summarise(file, 15);
