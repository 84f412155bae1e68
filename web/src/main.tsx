import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from './api/errors';
import { sessionKey } from './api/hooks';
import { App } from './App';
import './styles.css';

// A 401 anywhere means the session ended: reload the session, which shows the login.
function onError(error: unknown, key?: readonly unknown[]) {
  if (error instanceof ApiError && error.status === 401 && key?.[0] !== 'session') {
    void queryClient.invalidateQueries({ queryKey: sessionKey });
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => onError(error, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (error) => onError(error) }),
  defaultOptions: {
    queries: {
      // Client errors (4xx) are answers, not hiccups: retry only network and server errors, once.
      retry: (failures, error) => failures < 1 && error instanceof ApiError && error.isServerError,
      retryDelay: 300,
      refetchOnWindowFocus: false,
      staleTime: 10_000,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
