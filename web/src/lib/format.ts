// Formatting for the screens: every time in UTC (with the label), numbers dense and aligned,
// exact decimal strings kept exact.

const pad = (value: number) => String(value).padStart(2, '0');

/** `2024-01-02 13:05 UTC` for Unix seconds; `—` for null. */
export function formatUtc(seconds: number | null | undefined, withLabel = true): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const date = new Date(seconds * 1000);
  const text =
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  return withLabel ? `${text} UTC` : text;
}

/** `2024-01-02` (UTC) for Unix seconds. */
export function formatUtcDate(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const date = new Date(seconds * 1000);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** ISO-8601 with Z, for CSV files: `2024-01-02T00:00:00Z`. */
export function isoUtc(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** Unix seconds of a `YYYY-MM-DD` date at 00:00 UTC; undefined for an empty or bad date. */
export function parseUtcDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const milliseconds = Date.UTC(year, month - 1, day);
  const check = new Date(milliseconds);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  return milliseconds / 1000;
}

/** A number with thousands separators and a sensible number of decimals for its size. */
export function formatNumber(value: number | null | undefined, decimals?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const digits = decimals ?? autoDecimals(value);
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Prices: more decimals for small prices (`0.00001234`), two for large ones. */
export function formatPrice(value: number | null | undefined): string {
  return formatNumber(value, value === null || value === undefined ? 2 : autoDecimals(value));
}

function autoDecimals(value: number): number {
  const size = Math.abs(value);
  if (size === 0) return 2;
  if (size >= 1000) return 2;
  if (size >= 1) return 4;
  // Four significant digits below 1.
  return Math.min(10, Math.max(4, 3 - Math.floor(Math.log10(size))));
}

/** A fraction as a percentage: 0.1234 -> `12.34%`; `+12.34%` with `signed`. */
export function formatPct(fraction: number | null | undefined, decimals = 2, signed = false): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  const text = `${(fraction * 100).toFixed(decimals)}%`;
  return signed && fraction > 0 ? `+${text}` : text;
}

/** A value already in percent (the scanner's distances): 12.3 -> `12.30%`. */
export function formatPercentValue(percent: number | null | undefined, decimals = 2): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '—';
  return `${percent.toFixed(decimals)}%`;
}

/**
 * An exact decimal string from the API, grouped and cut to at most `maxDecimals` places
 * (rounded half away from zero on the string, never through floating point).
 * `"-12345.678900"` -> `-12,345.6789`.
 */
export function formatDecimal(text: string | null | undefined, maxDecimals = 8): string {
  if (text === null || text === undefined || text === '') return '—';
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) return text;
  let sign = match[1] === '-' ? '-' : '';
  let integer = match[2] || '0';
  let fraction = match[3] ?? '';
  if (fraction.length > maxDecimals) {
    const roundUp = fraction.charCodeAt(maxDecimals) >= 53; // '5'
    fraction = fraction.slice(0, maxDecimals);
    if (roundUp) {
      const digits = (integer + fraction).split('').map(Number);
      let index = digits.length - 1;
      while (index >= 0) {
        if (digits[index] === 9) {
          digits[index] = 0;
          index -= 1;
        } else {
          digits[index] += 1;
          break;
        }
      }
      let joined = digits.join('');
      if (index < 0) joined = '1' + joined;
      integer = joined.slice(0, joined.length - fraction.length) || '0';
      fraction = joined.slice(joined.length - fraction.length);
    }
  }
  fraction = fraction.replace(/0+$/, '');
  integer = integer.replace(/^0+(?=\d)/, '');
  if (/^0*$/.test(integer) && fraction === '') sign = '';
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction ? '.' + fraction : ''}`;
}

/** `-1` / `0` / `1` for a decimal string (for colouring P&L). */
export function decimalSign(text: string | null | undefined): -1 | 0 | 1 {
  if (!text) return 0;
  const trimmed = text.trim();
  if (/^[+-]?0*(\.0*)?$/.test(trimmed)) return 0;
  return trimmed.startsWith('-') ? -1 : 1;
}

export function signClass(sign: number | null | undefined): string {
  if (sign === null || sign === undefined || !Number.isFinite(sign) || sign === 0) return '';
  return sign > 0 ? 'positive' : 'negative';
}

/** A float as a plain decimal string with at most `places` decimals, never in exponent
 * form (for prefilling exact-decimal fields from a close price): 2.5e-7 -> `0.00000025`. */
export function toDecimalString(value: number, places = 8): string {
  if (!Number.isFinite(value)) return '';
  const fixed = value.toFixed(places);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}
