import { mount } from 'svelte';
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

const player = new PlayerState(deviceId);
mount(Screen, { target, props: { player } });

if (deviceId && token) {
  connectScreen({ deviceId, token, player, appVersion: __APP_VERSION__ });
} else {
  // Keep the idle loop on screen; the connection dot's tooltip tells the installer why.
  player.setDisconnected('the page URL needs ?device=ID&token=TOKEN');
}
