/**
 * `npm run charts:fingerprint`: records the fingerprint of every chart version in the code that is
 * not yet in definitions/releasedCharts.json, and prints them all. It never overwrites a released
 * version's fingerprint: a changed chart needs a new version (docs/change-safety.md). Exit code 1
 * when a released version's chart changed, so the command cannot paper over it.
 */
import { currentCharts, fingerprintProblems, readReleasedCharts, writeReleasedCharts } from './lib/chartFingerprints';

function main(): number {
  const released = readReleasedCharts();
  let added = 0;
  for (const chart of currentCharts()) {
    const versions = (released[chart.program] ??= {});
    if (versions[chart.version] === undefined) {
      versions[chart.version] = chart.fingerprint;
      added += 1;
      console.log(`recorded ${chart.version.padEnd(20)} ${chart.fingerprint}`);
    } else {
      console.log(`released ${chart.version.padEnd(20)} ${versions[chart.version]}`);
    }
  }
  if (added > 0) writeReleasedCharts(released);
  const problems = fingerprintProblems(currentCharts(), released);
  for (const problem of problems) console.error(problem);
  console.log(added > 0 ? `${added} version(s) added to definitions/releasedCharts.json` : 'nothing to record');
  return problems.length > 0 ? 1 : 0;
}

process.exitCode = main();
