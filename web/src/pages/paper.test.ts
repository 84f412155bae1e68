import { describe, expect, it } from 'vitest';
import { legsFor } from './PaperPage';

describe('trade plan legs by trade type', () => {
  const leg = (symbol: string, side: 'long' | 'short') => ({
    symbol, side, planned_quantity: '1', planned_entry_price: '10', stop_price: '', target_price: '',
  });

  it('keeps one leg for single, two opposite legs for pair, at least two for basket', () => {
    const three = [leg('ETHUSDT', 'long'), leg('BTCUSDT', 'short'), leg('SOLUSDT', 'long')];
    expect(legsFor('single', three).map((l) => l.symbol)).toEqual(['ETHUSDT']);
    expect(legsFor('pair', three).map((l) => l.symbol)).toEqual(['ETHUSDT', 'BTCUSDT']);
    expect(legsFor('basket', three)).toHaveLength(3);
    const pair = legsFor('pair', [leg('ETHUSDT', 'short')]);
    expect(pair.map((l) => l.side)).toEqual(['short', 'long']);
    expect(legsFor('basket', [leg('ETHUSDT', 'long')])).toHaveLength(2);
  });
});
