import { describe, expect, it } from 'vitest';
import { ApiError, describeError, fieldError, networkError, parseApiError, placeError } from './errors';

describe('parseApiError', () => {
  it('reads the API error shape with its field', () => {
    const error = parseApiError(
      400,
      JSON.stringify({ error: { code: 'invalid_input', message: 'quantity must be > 0', field: 'legs[1].planned_quantity' } }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('quantity must be > 0');
    expect(error.field).toBe('legs[1].planned_quantity');
  });

  it('has no field when the API sends none', () => {
    const error = parseApiError(409, '{"error":{"code":"last_owner","message":"the last owner cannot be removed"}}');
    expect(error.code).toBe('last_owner');
    expect(error.field).toBeUndefined();
  });

  it('turns a non-JSON 500 into a server error', () => {
    const error = parseApiError(500, '<html>Internal Server Error</html>', 'Internal Server Error');
    expect(error.code).toBe('server_error');
    expect(error.isServerError).toBe(true);
    expect(error.message).toContain('HTTP 500');
  });

  it('handles an empty body and a JSON body of another shape', () => {
    expect(parseApiError(502, '').code).toBe('server_error');
    const other = parseApiError(404, '{"message":"nope"}');
    expect(other.code).toBe('http_error');
    expect(other.isServerError).toBe(false);
  });
});

describe('describeError', () => {
  it('explains the codes people meet', () => {
    expect(describeError(networkError(new TypeError('Failed to fetch')))).toMatch(/cannot reach the server/i);
    expect(describeError(new ApiError(403, 'trading_disabled', 'x'))).toMatch(/TRADING_MODE=readonly/);
    expect(describeError(new ApiError(409, 'last_owner', 'the last owner cannot be demoted'))).toMatch(
      /at least one owner: the last owner cannot be demoted/,
    );
    expect(describeError(new ApiError(404, 'unknown_symbol', 'unknown symbol FOO'))).toBe('Unknown symbol FOO');
  });

  it('shows field errors only on their field', () => {
    const error = new ApiError(400, 'invalid_input', 'bad email', 'email');
    expect(fieldError(error, 'email')).toBe('Bad email');
    expect(fieldError(error, 'password')).toBeUndefined();
    expect(fieldError(new Error('x'), 'email')).toBeUndefined();
  });
});

describe('placeError', () => {
  it('puts an error on its field, or by its code, or leaves it for the form', () => {
    const fields = ['symbol', 'params.fast', 'initial_capital'];
    expect(placeError(new ApiError(400, 'invalid_input', 'fast must be below slow', 'params.fast'), fields).fields).toEqual({
      'params.fast': 'Fast must be below slow',
    });
    const unknown = placeError(new ApiError(404, 'unknown_symbol', 'unknown symbol FOOUSDT'), fields, { unknown_symbol: 'symbol' });
    expect(unknown.fields).toEqual({ symbol: 'Unknown symbol FOOUSDT' });
    expect(unknown.unplaced).toBeNull();
    const elsewhere = new ApiError(422, 'not_enough_data', 'need 50 bars, found 10');
    expect(placeError(elsewhere, fields).unplaced).toBe(elsewhere);
    expect(placeError(new ApiError(400, 'invalid_input', 'x', 'lookback'), fields).unplaced).toBeInstanceOf(ApiError);
    expect(placeError(null, fields)).toEqual({ fields: {}, unplaced: null });
  });
});
