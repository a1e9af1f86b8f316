/**
 * Money in whole fen (分) while computing, so that comparisons at the line are exact: a per-capita
 * income "below the line" is tested as total < line × members, never by dividing floats.
 * No I/O: runs inside the workflow sandbox.
 */

export function toFen(yuan: number): number {
  return Math.round(yuan * 100);
}

export function toYuan(fen: number): number {
  return fen / 100;
}

/**
 * A per-capita figure in yuan, to the fen, for display only (decisions compare totals). Rounded in
 * the direction that keeps the shown figure on the same side of a whole-fen limit as the decision:
 * down for income tested "below" a line, up for assets tested "not above" a limit.
 */
export function perCapitaYuan(totalFen: number, members: number, direction: 'down' | 'up'): number {
  if (members <= 0) return toYuan(totalFen);
  const share = totalFen / members;
  return (direction === 'down' ? Math.floor(share) : Math.ceil(share)) / 100;
}

/** '1234.50' — amounts in explanations, always with two decimals. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Rounds to a multiple of `stepFen` in the given direction ('nearest' rounds halves up). */
export function roundToStep(fen: number, stepFen: number, mode: 'up' | 'nearest' | 'down'): number {
  const step = Math.max(1, stepFen);
  const units = fen / step;
  const rounded = mode === 'up' ? Math.ceil(units) : mode === 'down' ? Math.floor(units) : Math.floor(units + 0.5);
  return rounded * step;
}
