import { describe, expect, it } from 'vitest';
import { csvField, equityCsv, toCsv, tradesCsv } from './csv';

describe('CSV', () => {
  it('quotes fields that need it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.POSITIVE_INFINITY)).toBe('');
    expect(toCsv(['a', 'b'], [[1, 'x'], [2, null]])).toBe('a,b\r\n1,x\r\n2,\r\n');
  });

  it('exports the equity curve with UTC times', () => {
    const text = equityCsv([
      { time: 1704067200, equity: 10000, drawdown: 0, benchmark_equity: 10000 },
      { time: 1704153600, equity: 10100.5, drawdown: 0.01, benchmark_equity: 9990 },
    ]);
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('time,time_utc,equity,drawdown,benchmark_equity');
    expect(lines[2]).toBe('1704153600,2024-01-02T00:00:00Z,10100.5,0.01,9990');
    expect(lines).toHaveLength(3);
  });

  it('exports trades', () => {
    const text = tradesCsv([
      {
        symbol: 'BTCUSDT', side: 'long', entry_time: 1704067200, exit_time: 1704153600, entry_price: 42000,
        exit_price: 43000, quantity: 0.2, fees: 17, pnl: 183, trade_return: 0.0218, closed_at_end: true,
      },
    ]);
    const [header, row] = text.trimEnd().split('\r\n');
    expect(header.split(',')).toContain('closed_at_end');
    expect(row).toBe('BTCUSDT,long,1704067200,2024-01-01T00:00:00Z,1704153600,2024-01-02T00:00:00Z,42000,43000,0.2,17,183,0.0218,true');
  });
});
