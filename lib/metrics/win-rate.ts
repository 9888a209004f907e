/**
 * The one win rate (docs/metrics.md, `win_rate`): won / (won + lost), rounded half-up to 4
 * decimals, in integers ("0.6667"); null when nothing was won or lost. The report's rows and the
 * cross-location summary both call this, so a rate means the same thing everywhere.
 */
export function winRate(won: number, lost: number): string | null {
  const decided = won + lost;
  if (decided === 0) return null;
  const tenThousandths = Math.floor((won * 20_000 + decided) / (2 * decided));
  return `${Math.floor(tenThousandths / 10_000)}.${String(tenThousandths % 10_000).padStart(4, '0')}`;
}
