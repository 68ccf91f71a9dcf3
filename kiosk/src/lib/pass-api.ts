import type { MemberPassView } from '@atrium/shared';

/**
 * The member pass's HTTP API (docs/protocol.md, "Member pass API"), same origin, JSON. The
 * member session is an httpOnly cookie the hub sets at login; this page never sees it.
 * Every function answers instead of throwing: `{ok:true,data}` or `{ok:false,status,error}`,
 * where a network failure is status 0 and code `offline`.
 */
export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: { code: string; message: string } };

export interface MemberCode {
  code: string;
  expiresAt: string;
  qrDataUrl: string;
}

export interface LinkInfo {
  kioskName: string;
  expiresAt: string;
}

export interface JoinDetails {
  consent: true;
  noticeVersion?: string;
  plate?: string;
  referralCode?: string;
}

export interface PassApi {
  requestOtp(phone: string): Promise<ApiResult<{ sent: true; expiresAt: string }>>;
  login(phone: string, otp: string, join?: JoinDetails): Promise<ApiResult<MemberPassView>>;
  logout(): Promise<ApiResult<null>>;
  me(): Promise<ApiResult<MemberPassView>>;
  code(): Promise<ApiResult<MemberCode>>;
  addPlate(plate: string): Promise<ApiResult<MemberPassView>>;
  removePlate(id: string): Promise<ApiResult<MemberPassView>>;
  setMarketing(marketing: boolean): Promise<ApiResult<MemberPassView>>;
  privacyRequest(kind: 'export' | 'delete'): Promise<ApiResult<{ kind: string; status: string; createdAt: string }>>;
  linkInfo(code: string): Promise<ApiResult<LinkInfo>>;
  confirmLink(code: string): Promise<ApiResult<{ ok: true }>>;
}

const TIMEOUT_MS = 10_000;

/** Codes for answers that carry no `{error:{code}}` body. */
function codeForStatus(status: number): string {
  if (status === 401) return 'unauthenticated';
  if (status === 404) return 'not_found';
  if (status === 410) return 'expired_code';
  if (status === 429) return 'rate_limited';
  if (status >= 400 && status < 500) return 'invalid_input';
  return 'internal';
}

export function createPassApi(base = '', fetchFn: typeof fetch = (...args) => fetch(...args)): PassApi {
  async function request<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    let response: Response;
    try {
      response = await fetchFn(`${base}${path}`, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
        signal: controller.signal,
      });
    } catch (err) {
      const aborted = err instanceof DOMException && err.name === 'AbortError';
      return { ok: false, status: 0, error: { code: aborted ? 'timeout' : 'offline', message: String(err) } };
    } finally {
      clearTimeout(timer);
    }

    const text = await response.text().catch(() => '');
    let json: unknown = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    if (response.ok) return { ok: true, status: response.status, data: json as T };
    const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    return {
      ok: false,
      status: response.status,
      error: {
        code: typeof error?.code === 'string' ? error.code : codeForStatus(response.status),
        message: typeof error?.message === 'string' ? error.message : response.statusText,
      },
    };
  }

  const link = (code: string) => `/api/pass/link/${encodeURIComponent(code)}`;

  return {
    requestOtp: (phone) => request('POST', '/api/pass/otp', { phone }),
    login: (phone, otp, join) => request('POST', '/api/pass/login', join ? { phone, otp, join } : { phone, otp }),
    logout: () => request('POST', '/api/pass/logout'),
    me: () => request('GET', '/api/pass/me'),
    code: () => request('GET', '/api/pass/code'),
    addPlate: (plate) => request('POST', '/api/pass/plates', { plate }),
    removePlate: (id) => request('DELETE', `/api/pass/plates/${encodeURIComponent(id)}`),
    setMarketing: (marketing) => request('PUT', '/api/pass/consents', { marketing }),
    privacyRequest: (kind) => request('POST', '/api/pass/privacy-requests', { kind }),
    linkInfo: (code) => request('GET', link(code)),
    confirmLink: (code) => request('POST', `${link(code)}/confirm`),
  };
}
