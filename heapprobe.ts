const gc = (globalThis as any).gc as () => void;
const mb = (n: number) => (n / 1048576).toFixed(2);
const mods = process.argv.slice(2);
require('zod'); require('xstate');
for (const m of mods) { gc(); const h0 = process.memoryUsage().heapUsed; require(m); gc(); console.log(mb(process.memoryUsage().heapUsed - h0), m); }
