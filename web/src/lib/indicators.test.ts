import { describe, expect, it } from 'vitest';
import { sma } from './indicators';

describe('sma', () => {
  it('averages the last n values once n exist', () => {
    expect(sma([1, 2, 3, 4, 5], 3)).toEqual([null, null, 2, 3, 4]);
    expect(sma([1, 2], 3)).toEqual([null, null]);
  });
});
