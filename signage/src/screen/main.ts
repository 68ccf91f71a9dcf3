import { mount } from 'svelte';
import type { ScreenSchedule } from '@atrium/shared';
import { cacheScheduleAssets, registerScreenWorker } from '../lib/offline-cache.js';
import { openPlayerStore } from '../lib/player-store.js';
import { connectScreen } from '../lib/screen-socket.js';
import { PlayerState } from '../lib/state/player.svelte.js';
import Screen from './Screen.svelte';
import './screen.css';

// The hub links each screen to /screen?device=ID&token=TOKEN.
const params = new URLSearchParams(location.search);
const deviceId = params.get('device') ?? '';
const token = params.get('token') ?? '';

const target = document.getElementById('app');
if (!target) throw new Error('screen.html has no #app element');

registerScreenWorker();

const store = openPlayerStore(deviceId);
const player = new PlayerState(deviceId, {
  recordPlay: (play) => {
    store.then((s) => s.addPlay(play)).catch((err: unknown) => console.warn('could not queue a play', err));
  },
});
mount(Screen, { target, props: { player } });
player.start();
// A best effort: IndexedDB usually finishes a small write started in pagehide.
addEventListener('pagehide', () => player.suspend());

// Play the last schedule at once, before (or without) reaching the hub.
store
  .then((s) => s.loadSchedule())
  .then((saved) => {
    // Not if the hub was quicker: its schedule is newer, and its asset list must not be undone.
    if (saved && player.setSchedule(saved, 'store')) cacheScheduleAssets(saved);
  })
  .catch((err: unknown) => console.warn('could not load the saved schedule', err));

const keepSchedule = (schedule: ScreenSchedule) => {
  store.then((s) => s.saveSchedule(schedule)).catch((err: unknown) => console.warn('could not save the schedule', err));
  cacheScheduleAssets(schedule);
};

if (deviceId && token) {
  connectScreen({ deviceId, token, player, store, appVersion: __APP_VERSION__, onSchedule: keepSchedule });
} else {
  // Keep the idle loop on screen; the connection dot's tooltip tells the installer why.
  player.setDisconnected('the page URL needs ?device=ID&token=TOKEN');
}
