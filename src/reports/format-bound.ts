/** A collision bound as the reports print it: two significant digits, as a power of ten below a thousandth. */
export function formatBound(p: number): string {
  if (p === 0) return '0';
  return p >= 1e-3 ? p.toPrecision(2) : p.toExponential(1);
}
