import { describe, expect, it } from 'vitest';
import { sortRows } from './Table';

describe('table sorting', () => {
  const rows = [
    { symbol: 'ETHUSDT', score: 0.2 },
    { symbol: 'ADAUSDT', score: null },
    { symbol: 'BTCUSDT', score: 0.5 },
    { symbol: 'SOLUSDT', score: 0.2 },
  ];

  it('sorts numbers both ways with empty values last and ties stable', () => {
    expect(sortRows(rows, (row) => row.score, true).map((row) => row.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'ADAUSDT']);
    expect(sortRows(rows, (row) => row.score, false).map((row) => row.symbol)).toEqual(['ETHUSDT', 'SOLUSDT', 'BTCUSDT', 'ADAUSDT']);
  });

  it('sorts text', () => {
    expect(sortRows(rows, (row) => row.symbol, false).map((row) => row.symbol)).toEqual(['ADAUSDT', 'BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
  });
});
