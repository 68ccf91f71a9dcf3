import { mount } from 'svelte';
import { KioskActions } from '../lib/kiosk-actions.js';
import { connectKiosk, unconnectedClient } from '../lib/kiosk-socket.js';
import { attachKeyboardWedge } from '../lib/scanner.js';
import { KioskState } from '../lib/state/kiosk.svelte.js';
import Kiosk from './Kiosk.svelte';
import './kiosk.css';

// The hub links each kiosk to /kiosk?device=ID&token=TOKEN.
const params = new URLSearchParams(location.search);
const deviceId = params.get('device') ?? '';
const token = params.get('token') ?? '';

const target = document.getElementById('app');
if (!target) throw new Error('kiosk.html has no #app element');

const kiosk = new KioskState(deviceId);
const configured = deviceId !== '' && token !== '';
const client = configured ? connectKiosk({ deviceId, token, state: kiosk }) : unconnectedClient();
if (!configured) kiosk.setOffline('not_configured');
const actions = new KioskActions(kiosk, client);

// A keyboard-wedge scanner types anywhere in the app; a new code replaces any open session.
attachKeyboardWedge(window, (code) => void actions.scan(code));

mount(Kiosk, { target, props: { kiosk, actions } });
