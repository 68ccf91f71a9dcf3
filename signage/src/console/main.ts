import { mount } from 'svelte';
import { ConsoleApi } from '../lib/console/api.js';
import type { ConsoleContext } from '../lib/console/context.js';
import { EmergencyState } from '../lib/console/state/emergency.svelte.js';
import { LibraryState } from '../lib/console/state/library.svelte.js';
import { ParkingState } from '../lib/console/state/parking.svelte.js';
import { PlaysState } from '../lib/console/state/plays.svelte.js';
import { PlaylistsState } from '../lib/console/state/playlists.svelte.js';
import { ScheduleState } from '../lib/console/state/schedule.svelte.js';
import { ScreensState } from '../lib/console/state/screens.svelte.js';
import { SessionState } from '../lib/console/state/session.svelte.js';
import { UiState } from '../lib/console/state/ui.svelte.js';
import Console from './Console.svelte';
import './console.css';

// The composition root of the page: one api, one instance of each state, handed down by context.
const ui = new UiState(safeStorage());
// The session is built after the api, but a 401 can only arrive once both exist.
let session: SessionState | undefined;
const api = new ConsoleApi({ onUnauthorized: () => session?.expire() });
session = new SessionState({ api });

const ctx: ConsoleContext = {
  api,
  ui,
  session,
  library: new LibraryState({ api }),
  playlists: new PlaylistsState({ api }),
  schedule: new ScheduleState({ api, onTimeZone: (zone) => ui.setTimeZone(zone) }),
  screens: new ScreensState({ api }),
  emergency: new EmergencyState({ api }),
  plays: new PlaysState({ api, timeZone: () => ui.timeZone, onTimeZone: (zone) => ui.setTimeZone(zone) }),
  parking: new ParkingState({ api }),
};

const target = document.getElementById('app');
if (!target) throw new Error('console.html has no #app element');
mount(Console, { target, props: { ctx } });

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Private modes may refuse storage; the language choice then lasts one visit.
    return null;
  }
}
