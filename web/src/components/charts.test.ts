import { describe, expect, it } from 'vitest';
import { snapToCandle } from './charts';

describe('trade markers', () => {
  it('snap to the candle that contains their time', () => {
    const opens = [100, 200, 300];
    expect(snapToCandle(opens, 200)).toBe(200);
    expect(snapToCandle(opens, 299)).toBe(200);
    expect(snapToCandle(opens, 400)).toBe(300);
    expect(snapToCandle(opens, 50)).toBeUndefined();
    expect(snapToCandle([], 50)).toBeUndefined();
  });
});
