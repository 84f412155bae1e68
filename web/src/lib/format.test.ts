import { describe, expect, it } from 'vitest';
import {
  decimalSign, formatDecimal, toDecimalString, formatNumber, formatPct, formatPrice, formatUtc, formatUtcDate, isoUtc, parseUtcDate,
} from './format';

describe('UTC times', () => {
  it('formats Unix seconds in UTC with the label', () => {
    expect(formatUtc(1704067200)).toBe('2024-01-01 00:00 UTC');
    expect(formatUtc(1704067200 + 13 * 3600 + 5 * 60)).toBe('2024-01-01 13:05 UTC');
    expect(formatUtc(1704067200, false)).toBe('2024-01-01 00:00');
    expect(formatUtc(null)).toBe('—');
    expect(formatUtcDate(1735689599)).toBe('2024-12-31');
    expect(isoUtc(1704067200)).toBe('2024-01-01T00:00:00Z');
  });

  it('parses dates as UTC midnight and refuses bad ones', () => {
    expect(parseUtcDate('2024-01-01')).toBe(1704067200);
    expect(parseUtcDate('2024-02-30')).toBeUndefined();
    expect(parseUtcDate('')).toBeUndefined();
    expect(parseUtcDate('01/02/2024')).toBeUndefined();
  });
});

describe('numbers', () => {
  it('groups and picks decimals by size', () => {
    expect(formatNumber(1234567.891)).toBe('1,234,567.89');
    expect(formatNumber(12.5)).toBe('12.5000');
    expect(formatNumber(0.5, 2)).toBe('0.50');
    expect(formatPrice(0.00001234)).toBe('0.00001234');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatNumber(null)).toBe('—');
  });

  it('formats fractions as percentages', () => {
    expect(formatPct(0.1234)).toBe('12.34%');
    expect(formatPct(-0.05, 1)).toBe('-5.0%');
    expect(formatPct(0.1, 2, true)).toBe('+10.00%');
    expect(formatPct(null)).toBe('—');
  });

  it('keeps exact decimal strings exact', () => {
    expect(formatDecimal('-12345.678900')).toBe('-12,345.6789');
    expect(formatDecimal('100000')).toBe('100,000');
    expect(formatDecimal('0.123456789', 8)).toBe('0.12345679');
    expect(formatDecimal('9.995', 2)).toBe('10');
    expect(formatDecimal('999999.999', 2)).toBe('1,000,000');
    expect(formatDecimal('-0.000', 2)).toBe('0');
    expect(formatDecimal('12345678901234567890.1')).toBe('12,345,678,901,234,567,890.1');
    expect(formatDecimal(null)).toBe('—');
    expect(decimalSign('-3.5')).toBe(-1);
    expect(decimalSign('0.000')).toBe(0);
    expect(decimalSign('12')).toBe(1);
  });
});

describe('toDecimalString', () => {
  it('writes floats as plain decimals for exact fields', () => {
    expect(toDecimalString(93429.2)).toBe('93429.2');
    expect(toDecimalString(2.5e-7)).toBe('0.00000025');
    expect(toDecimalString(0.1 + 0.2)).toBe('0.3');
    expect(toDecimalString(100)).toBe('100');
    expect(toDecimalString(Number.NaN)).toBe('');
  });
});
