/** A once-a-second progress line on stderr, so a long benchmark shows it is alive. */
export function startProgress(label: string, total: number, done: () => number): () => void {
  const started = Date.now();
  const timer = setInterval(() => {
    const n = done();
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(`  [${label}] ${n}/${total} in ${seconds.toFixed(0)} s (${(n / seconds).toFixed(1)}/s)\n`);
  }, 1000);
  return () => clearInterval(timer);
}
