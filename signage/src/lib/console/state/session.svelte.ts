import type { ConsoleApi, StaffUser } from '../api.js';

export type SessionStatus = 'checking' | 'anonymous' | 'signed-in';

/** Who is logged in. A 401 from any call lands in `expire()` (wired in main.ts) and shows the login form. */
export class SessionState {
  status = $state<SessionStatus>('checking');
  user = $state.raw<StaffUser | null>(null);

  readonly #api: ConsoleApi;

  constructor(deps: { api: ConsoleApi }) {
    this.#api = deps.api;
  }

  async check(): Promise<void> {
    try {
      const { user } = await this.#api.me();
      this.#signIn(user);
    } catch {
      // 401, or the hub unreachable: either way the login form is where to start.
      this.expire();
    }
  }

  /** Throws the hub's error (wrong password, …) for the form to show. */
  async login(username: string, password: string): Promise<void> {
    const { user } = await this.#api.login(username, password);
    this.#signIn(user);
  }

  async logout(): Promise<void> {
    try {
      await this.#api.logout();
    } finally {
      this.expire();
    }
  }

  expire(): void {
    this.user = null;
    this.status = 'anonymous';
  }

  #signIn(user: StaffUser): void {
    this.user = user;
    this.status = 'signed-in';
  }
}
