import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { login as apiLogin, logout as apiLogout, me, type Role, type User } from '../api/auth';
import { setBearer } from '../api/http';

/**
 * Who is logged in. The token lives in sessionStorage (gone with the tab); the session cookie the login
 * sets carries the same session for new tabs and for the live stream, which cannot send headers.
 */

const TOKEN_KEY = 'shaobing.token';

interface Session {
  readonly user: User | null;
  /** False until the stored session has been checked with the server. */
  readonly ready: boolean;
  readonly login: (username: string, password: string) => Promise<User>;
  readonly logout: () => Promise<void>;
  readonly hasRole: (...roles: Role[]) => boolean;
}

const Context = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(false);

  // A session may already be open: the token of this tab, or the session cookie of an earlier one.
  useEffect(() => {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) setBearer(token);
    me()
      .then(setUser, () => {
        sessionStorage.removeItem(TOKEN_KEY);
        setBearer(undefined);
      })
      .finally(() => setReady(true));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const answer = await apiLogin(username, password);
    sessionStorage.setItem(TOKEN_KEY, answer.token);
    setBearer(answer.token);
    setUser(answer.user);
    return answer.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await apiLogout();
    } finally {
      sessionStorage.removeItem(TOKEN_KEY);
      setBearer(undefined);
      setUser(null);
    }
  }, []);

  const value = useMemo<Session>(
    () => ({
      user,
      ready,
      login,
      logout,
      hasRole: (...roles) => user !== null && user.roles.some((r) => roles.includes(r)),
    }),
    [user, ready, login, logout],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): Session {
  const context = useContext(Context);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}
