import { getContext, setContext } from 'svelte';
import { errorMessage, type ConsoleApi } from './api.js';
import type { EmergencyState } from './state/emergency.svelte.js';
import type { LibraryState } from './state/library.svelte.js';
import type { ParkingState } from './state/parking.svelte.js';
import type { PlaysState } from './state/plays.svelte.js';
import type { PlaylistsState } from './state/playlists.svelte.js';
import type { ScheduleState } from './state/schedule.svelte.js';
import type { ScreensState } from './state/screens.svelte.js';
import type { SessionState } from './state/session.svelte.js';
import type { UiState } from './state/ui.svelte.js';

/** Everything the console's pages share, built once in main.ts (no module singletons). */
export interface ConsoleContext {
  api: ConsoleApi;
  ui: UiState;
  session: SessionState;
  library: LibraryState;
  playlists: PlaylistsState;
  schedule: ScheduleState;
  screens: ScreensState;
  emergency: EmergencyState;
  plays: PlaysState;
  parking: ParkingState;
}

const KEY = Symbol('atrium-console');

export function provideConsole(ctx: ConsoleContext): void {
  setContext(KEY, ctx);
}

export function useConsole(): ConsoleContext {
  const ctx = getContext<ConsoleContext | undefined>(KEY);
  if (!ctx) throw new Error('useConsole() outside <Console>');
  return ctx;
}

/**
 * Puts a failure in the console's message area and returns its text for the form that
 * caused it. A 401 needs nothing more: the api already sent the session to the login form.
 */
export function reportError(ui: UiState, err: unknown): string {
  const text = errorMessage(err);
  ui.say('error', text);
  return text;
}
