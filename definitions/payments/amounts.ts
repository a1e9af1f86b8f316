/**
 * Money in whole fen (分) inside the payment core, so sums over fifty thousand lines are exact;
 * yuan strings with two decimals at the edges (PostgreSQL numeric, bank files, the API).
 * No I/O: runs inside the workflow sandbox.
 */

/** '812.5' | '812.50' | 812.5 → 81250. Throws on more than two decimals: a bank never pays half a fen. */
export function toFen(yuan: string | number): number {
  const text = typeof yuan === 'number' ? yuan.toFixed(2) : yuan.trim();
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new RangeError(`Not an amount in yuan: ${text}`);
  const [, sign, whole, decimals = ''] = match;
  const fen = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  return sign === '-' ? -fen : fen;
}

/** 81250 → '812.50' */
export function toYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
