/**
 * The one way the dashboard talks to the platform: JSON over fetch, the session cookie sent along, the
 * CSRF token echoed on writes, the user's language as Accept-Language (so errors come back in it), and
 * the platform's error shape `{error:{code,message,issues}}` turned into an ApiFailure.
 */

export interface Issue {
  readonly path?: readonly (string | number)[];
  readonly field?: string;
  readonly message: string;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
  }
}

export interface Page<T> {
  readonly items: T[];
  readonly next: string | null;
}

type QueryValue = string | number | boolean | undefined | null;
export type Query = Readonly<Record<string, QueryValue>>;

let acceptLanguage = 'zh-CN';
export function setApiLanguage(language: string): void {
  acceptLanguage = language;
}

let bearer: string | undefined;
/** The session token from the login answer; the cookie carries the session too (for the SSE stream). */
export function setBearer(token: string | undefined): void {
  bearer = token;
}

const CSRF_COOKIES = ['shaobing_csrf', 'csrf_token', 'csrf'];
function csrfToken(): string | undefined {
  const cookies = new Map(
    document.cookie
      .split(';')
      .map((c) => c.trim().split('='))
      .filter((pair): pair is [string, string] => pair.length === 2)
      .map(([k, v]) => [k, decodeURIComponent(v)]),
  );
  for (const name of CSRF_COOKIES) {
    const value = cookies.get(name);
    if (value) return value;
  }
  return undefined;
}

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly query?: Query;
  readonly body?: unknown;
  /** A raw body (CSV) sent as is with this content type. */
  readonly raw?: { readonly body: BodyInit; readonly contentType: string };
  readonly signal?: AbortSignal;
}

export function requestHeaders(method: string, contentType?: string): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': acceptLanguage };
  if (contentType) headers['content-type'] = contentType;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const csrf = method === 'GET' ? undefined : csrfToken();
  if (csrf) headers['x-csrf-token'] = csrf;
  return headers;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const json = options.body !== undefined;
  const response = await fetch(withQuery(path, options.query), {
    method,
    credentials: 'same-origin',
    headers: requestHeaders(method, json ? 'application/json' : options.raw?.contentType),
    body: json ? JSON.stringify(options.body) : (options.raw?.body ?? null),
    signal: options.signal ?? null,
  });
  return readAnswer<T>(response.status, await response.text());
}

export function readAnswer<T>(status: number, text: string): T {
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (status >= 200 && status < 300) return body as T;
  const error =
    typeof body === 'object' && body !== null && 'error' in body
      ? (body.error as { code?: string; message?: string; issues?: Issue[] })
      : undefined;
  throw new ApiFailure(
    status,
    error?.code ?? String(status),
    error?.message ?? (text.slice(0, 200) || `HTTP ${status}`),
    error?.issues ?? [],
  );
}

/** Every page of a list, for the short lists the dashboard shows whole (districts, facilities). */
export async function allPages<T>(path: string, query: Query = {}, max = 20): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null | undefined = undefined;
  for (let i = 0; i < max; i++) {
    const page: Page<T> = await api<Page<T>>(path, { query: { ...query, cursor } });
    items.push(...page.items);
    cursor = page.next;
    if (!cursor) break;
  }
  return items;
}
