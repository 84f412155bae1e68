// Password-mode login.

import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { fieldError } from '../api/errors';
import { sessionKey } from '../api/hooks';
import type { Session } from '../api/types';
import { ActionError, Field } from '../components/ui';

export function LoginPage() {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => api<Session>('/auth/login', { method: 'POST', body: { email, password } }),
    onSuccess: (session) => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
      queryClient.setQueryData(sessionKey, session);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };
  return (
    <div className="login-screen">
      <form className="login-card" onSubmit={submit} aria-label="Log in">
        <h1>Crypto research workbench</h1>
        <p className="muted">Log in with your e-mail address and password.</p>
        <Field label="E-mail" error={fieldError(login.error, 'email')}>
          <input name="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />
        </Field>
        <Field label="Password" error={fieldError(login.error, 'password')}>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </Field>
        {login.error && !fieldError(login.error, 'email', 'password') ? <ActionError error={login.error} /> : null}
        <button type="submit" className="primary" disabled={login.isPending}>
          {login.isPending ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </div>
  );
}
