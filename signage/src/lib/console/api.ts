import type { z } from 'zod';
import type {
  ContentItem,
  CreateScreen,
  Emergency,
  ParkingOccupancy,
  PlaybackPlan,
  Playlist,
  ScheduleEntry,
  ScreenSchedule,
  createContentSchema,
  emergencySchema,
  playlistSchema,
  scheduleEntrySchema,
  screenSettingsSchema,
} from '@atrium/shared';

/*
 * The console's one door to the hub. Request bodies are typed from the shared zod schemas
 * (type-only: zod never ships in the page, the hub validates); response shapes the shared
 * module does not declare are written down here, once.
 */

export type CreateContentBody = z.input<typeof createContentSchema>;
export type PlaylistBody = z.input<typeof playlistSchema>;
export type ScheduleEntryBody = z.input<typeof scheduleEntrySchema>;
export type EmergencyBody = z.input<typeof emergencySchema>;
export type ScreenSettingsBody = z.input<typeof screenSettingsSchema>;

export interface StaffUser {
  id: number;
  username: string;
  role: string;
}

export type LibraryItem = ContentItem & { createdAt: string; problems: { count: number; last: string | null } };
export type PlaylistRow = Playlist & { updatedAt?: string };
export type ActiveEmergency = Emergency & { screenIds: string[] };

export interface ScreenRow {
  id: string;
  name: string;
  kind: 'floor' | 'barrier';
  floor: string | null;
  zone: string | null;
  gateId: string | null;
  tags: string[];
  online: boolean;
  lastSeenAt: string | null;
  appVersion: string | null;
  /** "content:<id>" while a loop item is on screen. */
  playing: string | null;
  defaultPlaylistId: number | null;
}

export interface GateRow {
  id: string;
  name: string;
  zone: string | null;
}

export interface SignageSettings {
  defaultPlaylistId: number | null;
  /** The mall's time zone, when the hub tells it; the console assumes Asia/Shanghai otherwise. */
  timeZone?: string;
}

/** One bucket of the proof-of-play summary: how often, and for how long, something was on screen. */
export interface PlaysBucket<K> {
  key: K;
  plays: number;
  seconds: number;
}

/** `GET /api/plays/summary`: plays started in [from, to), counted three ways. */
export interface PlaysSummary {
  /** key: content id */
  byContent: Array<PlaysBucket<number>>;
  /** key: screen id */
  byScreen: Array<PlaysBucket<string>>;
  /** key: the UTC hour the plays started in, 'YYYY-MM-DDTHH' */
  byHour: Array<PlaysBucket<string>>;
}

/** `GET /api/parking/sessions`: a car inside now. The plate only ever arrives masked. */
export interface ParkingSession {
  id: number;
  /** Masked, e.g. "粤B·***45". */
  plate: string;
  memberId: number | null;
  /** The gate it came in by. */
  gateId: string;
  zone: string | null;
  /** ISO instant. */
  enteredAt: string;
  minutes: number;
  /** Set while an exit waits for payment. */
  feeDueFen: number | null;
  lowConfidence: boolean;
  /** Why staff should look, e.g. "exit without entry"; null when nothing is wrong. */
  flagged: string | null;
  longStay: boolean;
}

export type ParkingBenefitKind = 'tier' | 'spend' | 'reward' | 'coupon';

/** `GET /api/parking/summary`: one mall day's numbers. */
export interface ParkingSummary {
  /** The mall day, YYYY-MM-DD. */
  day: string;
  entries: number;
  exits: number;
  averageStayMinutes: number;
  revenueFen: number;
  payments: number;
  /** Benefits used by the day's exits: how many times, and the hours they covered. */
  benefits: Record<ParkingBenefitKind, { count: number; hours: number }>;
}

/** `GET /api/parking/gates`: a gate and the last status its device reported. */
export interface ParkingGate {
  id: string;
  name: string;
  zone: string | null;
  state: 'online' | 'offline' | 'unknown';
  /** When that status was reported; null if never. */
  at: string | null;
}

export interface Preview {
  plan: PlaybackPlan;
  schedule: ScreenSchedule;
}

/** What the hub said went wrong (`{error:{code,message}}`), or what the network did. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  /** The login call itself answers 401 for a wrong password; that is not an expired session. */
  sessionCheck?: boolean;
}

/**
 * A typed fetch wrapper. Every failure becomes an ApiError carrying the hub's message, and a
 * 401 on any call also tells the session (once, here) so the console falls back to its login form.
 */
export class ConsoleApi {
  readonly #onUnauthorized: () => void;

  constructor(deps: { onUnauthorized: () => void }) {
    this.#onUnauthorized = deps.onUnauthorized;
  }

  // --- session
  login(username: string, password: string) {
    return this.#json<{ user: StaffUser }>('POST', '/api/auth/login', { username, password }, { sessionCheck: false });
  }
  me() {
    return this.#json<{ user: StaffUser }>('GET', '/api/auth/me', undefined, { sessionCheck: false });
  }
  logout() {
    return this.#json<void>('POST', '/api/auth/logout', undefined, { sessionCheck: false });
  }

  // --- content library
  listContent() {
    return this.#json<LibraryItem[]>('GET', '/api/content');
  }
  createContent(body: CreateContentBody) {
    return this.#json<ContentItem>('POST', '/api/content', body);
  }
  /** multipart: file, name, durationMs. XHR rather than fetch, for upload progress on big videos. */
  uploadContent(file: File, fields: { name: string; durationMs: number }, onProgress?: (fraction: number) => void): Promise<ContentItem> {
    const form = new FormData();
    form.append('name', fields.name);
    form.append('durationMs', String(Math.round(fields.durationMs)));
    form.append('file', file, file.name);
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/content');
      xhr.responseType = 'text';
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress?.(e.loaded / e.total);
      };
      xhr.onerror = () => reject(new ApiError(0, 'offline', 'network error: the hub did not answer'));
      xhr.onload = () => {
        const body = parseBody(xhr.responseText);
        if (xhr.status >= 200 && xhr.status < 300) return resolve(body as ContentItem);
        reject(this.#fail(xhr.status, body, true));
      };
      xhr.send(form);
    });
  }
  deleteContent(id: number) {
    return this.#json<void>('DELETE', `/api/content/${id}`);
  }

  // --- playlists
  listPlaylists() {
    return this.#json<PlaylistRow[]>('GET', '/api/playlists');
  }
  createPlaylist(body: PlaylistBody) {
    return this.#json<PlaylistRow>('POST', '/api/playlists', body);
  }
  updatePlaylist(id: number, body: PlaylistBody) {
    return this.#json<PlaylistRow>('PUT', `/api/playlists/${id}`, body);
  }
  deletePlaylist(id: number) {
    return this.#json<void>('DELETE', `/api/playlists/${id}`);
  }

  // --- schedule
  listEntries() {
    return this.#json<ScheduleEntry[]>('GET', '/api/schedule-entries');
  }
  createEntry(body: ScheduleEntryBody) {
    return this.#json<ScheduleEntry>('POST', '/api/schedule-entries', body);
  }
  updateEntry(id: number, body: ScheduleEntryBody) {
    return this.#json<ScheduleEntry>('PUT', `/api/schedule-entries/${id}`, body);
  }
  deleteEntry(id: number) {
    return this.#json<void>('DELETE', `/api/schedule-entries/${id}`);
  }
  settings() {
    return this.#json<SignageSettings>('GET', '/api/signage/settings');
  }
  setDefaultPlaylist(defaultPlaylistId: number | null) {
    return this.#json<SignageSettings>('PUT', '/api/signage/settings', { defaultPlaylistId });
  }

  // --- screens
  listScreens() {
    return this.#json<ScreenRow[]>('GET', '/api/screens');
  }
  registerScreen(body: CreateScreen) {
    return this.#json<{ id: string; token: string }>('POST', '/api/screens', body);
  }
  updateScreen(id: string, body: ScreenSettingsBody) {
    return this.#json<unknown>('PATCH', `/api/screens/${encodeURIComponent(id)}`, body);
  }
  commandScreen(id: string, name: 'reload' | 'identify') {
    return this.#json<unknown>('POST', `/api/screens/${encodeURIComponent(id)}/commands`, { name });
  }
  preview(id: string, at: Date) {
    return this.#json<Preview>('GET', `/api/screens/${encodeURIComponent(id)}/preview?at=${encodeURIComponent(at.toISOString())}`);
  }
  listGates() {
    return this.#json<GateRow[]>('GET', '/api/gates');
  }

  // --- proof of play
  playsSummary(from: Date, to: Date) {
    const query = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
    return this.#json<PlaysSummary>('GET', `/api/plays/summary?${query}`);
  }

  // --- parking
  /** Cars inside now; with `plate`, only that car (the full plate, matched by the hub's hash). */
  parkingSessions(plate?: string) {
    return this.#json<ParkingSession[]>('GET', plate ? `/api/parking/sessions?plate=${encodeURIComponent(plate)}` : '/api/parking/sessions');
  }
  /** The mall day holding `at` (default: today). */
  parkingSummary(at?: Date) {
    return this.#json<ParkingSummary>('GET', at ? `/api/parking/summary?at=${encodeURIComponent(at.toISOString())}` : '/api/parking/summary');
  }
  parkingOccupancy() {
    return this.#json<ParkingOccupancy>('GET', '/api/parking/occupancy');
  }
  parkingGates() {
    return this.#json<ParkingGate[]>('GET', '/api/parking/gates');
  }
  /** Cars inside that need a look: long stays and flagged sessions. */
  parkingAlerts() {
    return this.#json<ParkingSession[]>('GET', '/api/parking/alerts');
  }

  // --- emergency
  emergency() {
    return this.#json<ActiveEmergency | null>('GET', '/api/emergency');
  }
  startEmergency(body: EmergencyBody) {
    return this.#json<ActiveEmergency>('POST', '/api/emergency', body);
  }
  clearEmergency() {
    return this.#json<void>('DELETE', '/api/emergency');
  }

  async #json<T>(method: Method, url: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new ApiError(0, 'offline', 'network error: the hub did not answer');
    }
    const parsed = res.status === 204 ? undefined : parseBody(await res.text());
    if (!res.ok) throw this.#fail(res.status, parsed, options.sessionCheck ?? true);
    return parsed as T;
  }

  #fail(status: number, body: unknown, sessionCheck: boolean): ApiError {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const code = typeof error?.code === 'string' ? error.code : `http_${status}`;
    const message = typeof error?.message === 'string' ? error.message : `the hub answered ${status}`;
    if (status === 401 && sessionCheck) this.#onUnauthorized();
    return new ApiError(status, code, message);
  }
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A proxy's HTML error page, say: the status still tells what happened.
    return undefined;
  }
}
