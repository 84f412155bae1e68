// Hash routing (`#/chart?symbol=BTCUSDT`): the server only ever serves index.html at `/`,
// and a reload or a shared link opens the same screen.

import { useSyncExternalStore } from 'react';

export interface Route {
  /** Path segments: `#/backtests/abc` -> ['backtests', 'abc']. */
  segments: string[];
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const text = hash.replace(/^#/, '');
  const [path, query = ''] = text.split('?', 2);
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { segments, params: new URLSearchParams(query) };
}

export function href(path: string, params?: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return `#${path}${query ? '?' + query : ''}`;
}

export function navigate(path: string, params?: Record<string, string | number | undefined | null>, replace = false): void {
  const target = href(path, params);
  if (replace) {
    history.replaceState(null, '', target);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = target;
  }
}

function subscribe(callback: () => void): () => void {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash, () => '');
  return parseHash(hash);
}
