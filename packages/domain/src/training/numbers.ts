/** Rounding and Vietnamese number display for grades and rates. */

/**
 * Rounds half up (towards +∞) to `decimals` places, on the decimal value as written:
 * roundHalfUp(1.005, 2) = 1.01, roundHalfUp(8.125, 2) = 8.13 (binary floating point alone gives 1.00).
 */
export function roundHalfUp(value: number, decimals = 2): number {
  if (!Number.isFinite(value)) return value;
  const shifted = Number(`${value}e${decimals}`);
  // Exponent notation (1e-7) cannot take a second exponent: fall back to multiplying.
  const scaled = Number.isNaN(shifted) ? value * 10 ** decimals : shifted;
  const rounded = Math.floor(scaled + 0.5);
  return Number(`${rounded}e-${decimals}`);
}

/** Vietnamese decimal comma, without trailing zeros beyond `minDecimals`: 8.5 → "8,5", 9 → "9". */
export function formatViNumber(value: number, maxDecimals = 2, minDecimals = 0): string {
  let text = roundHalfUp(value, maxDecimals).toFixed(maxDecimals);
  if (maxDecimals > minDecimals) {
    text = text.replace(/0+$/, '');
    const [whole, frac = ''] = text.split('.');
    text = frac.length < minDecimals ? `${whole}.${frac.padEnd(minDecimals, '0')}` : frac.length ? `${whole}.${frac}` : whole!;
  }
  return text.replace('.', ',');
}

/** A rate 0..1 as a percentage with at most one decimal: 0.8333 → "83,3%". */
export function formatViPercent(rate: number): string {
  return `${formatViNumber(rate * 100, 1)}%`;
}
