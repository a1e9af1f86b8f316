/**
 * Who is signed in, as the API says (GET /api/auth/session), and the few things that change it:
 * sign in, choose a post, change the initial password, sign out. The CSRF token travels from here
 * into the API client.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { api, ApiError, onSessionProblems, setCsrfToken } from '../api/client';
import type { LoginBody, PasswordChangeBody, SessionView } from '../api/types';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut'; reason?: string }
  | { status: 'signedIn'; session: SessionView; postChosen: boolean };

interface SessionActions {
  state: SessionState;
  login: (body: LoginBody) => Promise<SessionView>;
  changePassword: (body: PasswordChangeBody) => Promise<void>;
  switchPost: (post: string) => Promise<void>;
  confirmPost: () => void;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionActions | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const signedIn = useCallback((session: SessionView, postChosen: boolean) => {
    setCsrfToken(session.csrfToken);
    setState({ status: 'signedIn', session, postChosen });
  }, []);

  useEffect(() => {
    onSessionProblems({
      signedOut: () => {
        setCsrfToken(undefined);
        setState({ status: 'signedOut', reason: '登录已过期或已在别处退出，请重新登录' });
      },
      passwordChangeRequired: () =>
        setState((s) => (s.status === 'signedIn' ? { ...s, session: { ...s.session, mustChangePassword: true } } : s)),
    });
    api<SessionView>('GET', '/api/auth/session')
      .then((session) => signedIn(session, true))
      .catch((error: unknown) => {
        setState({
          status: 'signedOut',
          reason: error instanceof ApiError && error.status !== 401 ? error.message : undefined,
        });
      });
  }, [signedIn]);

  const actions = useMemo<SessionActions>(
    () => ({
      state,
      async login(body) {
        const session = await api<SessionView>('POST', '/api/auth/login', body);
        // A person with several posts says which one they work in now; one post needs no question.
        signedIn(session, session.posts.length <= 1);
        return session;
      },
      async changePassword(body) {
        signedIn(
          await api<SessionView>('POST', '/api/auth/password', body),
          state.status === 'signedIn' && state.postChosen
        );
      },
      async switchPost(post) {
        signedIn(await api<SessionView>('PUT', '/api/auth/session/post', { post }), true);
      },
      confirmPost() {
        setState((s) => (s.status === 'signedIn' ? { ...s, postChosen: true } : s));
      },
      async logout() {
        try {
          await api<void>('POST', '/api/auth/logout');
        } finally {
          setCsrfToken(undefined);
          setState({ status: 'signedOut' });
        }
      },
    }),
    [state, signedIn]
  );

  return <SessionContext.Provider value={actions}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionActions {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in session; only inside pages shown to a signed-in person. */
export function useSignedIn(): SessionView {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useSignedIn while not signed in');
  return state.session;
}
