// The API's error shape, `{"error": {"code", "message", "field"?}}`, as a JS error, and the
// readable text a screen shows for it.

export class ApiError extends Error {
  /** HTTP status; 0 when no response arrived (network error, aborted). */
  readonly status: number;
  /** Stable machine code from the API (`unknown_symbol`, `last_owner`...), or one of
   * ours: `network_error`, `bad_response`, `http_error`. */
  readonly code: string;
  /** The request field the error is about (`email`, `legs[1].symbol`), if any. */
  readonly field?: string;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }

  get isServerError(): boolean {
    return this.status >= 500 || this.status === 0;
  }
}

/** Builds the error of a non-2xx response from its status and body text. Bodies that are
 * not the API's error shape (a proxy's HTML page, an empty 502) still give a useful error. */
export function parseApiError(status: number, bodyText: string, statusText = ''): ApiError {
  let parsed: unknown;
  try {
    parsed = bodyText ? JSON.parse(bodyText) : undefined;
  } catch {
    parsed = undefined;
  }
  const detail = (parsed as { error?: unknown } | undefined)?.error;
  if (detail && typeof detail === 'object') {
    const { code, message, field } = detail as Record<string, unknown>;
    if (typeof code === 'string' && typeof message === 'string') {
      return new ApiError(status, code, message, typeof field === 'string' && field ? field : undefined);
    }
  }
  const fallback =
    status >= 500
      ? `the server failed to answer (HTTP ${status}${statusText ? ' ' + statusText : ''})`
      : `the request failed (HTTP ${status}${statusText ? ' ' + statusText : ''})`;
  return new ApiError(status, status >= 500 ? 'server_error' : 'http_error', fallback);
}

export function networkError(cause: unknown): ApiError {
  const reason = cause instanceof Error && cause.message ? `: ${cause.message}` : '';
  return new ApiError(0, 'network_error', `cannot reach the server${reason}`);
}

/** A sentence for people: the API's message, plus what to do about the common codes. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return error instanceof Error ? error.message : String(error);
  }
  switch (error.code) {
    case 'network_error':
      return 'Cannot reach the server. Check that it is running, then retry.';
    case 'server_error':
    case 'internal':
      return `The server had a problem (HTTP ${error.status}). Retry; if it persists, see the server log.`;
    case 'trading_disabled':
      return 'Trading is disabled on this server (TRADING_MODE=readonly): orders can be listed but not created or cancelled.';
    case 'forbidden':
      return `Your role in this workspace does not allow this: ${error.message}.`;
    case 'last_owner':
      return `A workspace always keeps at least one owner: ${error.message}. Make someone else an owner first.`;
    case 'unauthenticated':
      return 'Your session has ended. Please log in again.';
    case 'too_many_attempts':
      return `Too many failed logins: ${error.message}.`;
    default:
      return capitalise(error.message);
  }
}

/** The message of `error` when it is about one of `fields` (e.g. `email`, `legs[0].symbol`). */
export function fieldError(error: unknown, ...fields: string[]): string | undefined {
  if (!(error instanceof ApiError) || !error.field) return undefined;
  return fields.includes(error.field) ? capitalise(error.message) : undefined;
}

function capitalise(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/**
 * Places an error on a form: on its `field` (or the field its code is about, for errors the
 * API sends without one, e.g. `unknown_symbol` -> `symbol`) when the form has that field;
 * otherwise it is `unplaced`, for a message by the submit button.
 */
export function placeError(
  error: unknown,
  fields: readonly string[],
  codeFields: Record<string, string> = {},
): { fields: Record<string, string>; unplaced: unknown } {
  if (!error) return { fields: {}, unplaced: null };
  if (!(error instanceof ApiError)) return { fields: {}, unplaced: error };
  const field = error.field ?? codeFields[error.code];
  if (field && fields.includes(field)) return { fields: { [field]: capitalise(error.message) }, unplaced: null };
  return { fields: {}, unplaced: error };
}
