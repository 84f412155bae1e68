import { describe, expect, it } from 'vitest';
import { href, parseHash } from './router';

describe('hash routes', () => {
  it('splits segments and parameters', () => {
    const route = parseHash('#/backtests/bt%201?tab=trades');
    expect(route.segments).toEqual(['backtests', 'bt 1']);
    expect(route.params.get('tab')).toBe('trades');
    expect(parseHash('').segments).toEqual([]);
  });

  it('builds links without empty parameters', () => {
    expect(href('/chart', { symbol: 'BTCUSDT', interval: '1d', ratio: '' })).toBe('#/chart?symbol=BTCUSDT&interval=1d');
    expect(href('/paper')).toBe('#/paper');
  });
});
