import { mount } from 'svelte';
import { PassActions } from '../lib/pass-actions.js';
import { createPassApi } from '../lib/pass-api.js';
import { PassState, routeFrom } from '../lib/state/pass.svelte.js';
import Pass from './Pass.svelte';
import './pass.css';

const target = document.getElementById('app');
if (!target) throw new Error('m.html has no #app element');

const pass = new PassState(routeFrom(new URL(location.href)));
const actions = new PassActions(pass, createPassApi());

mount(Pass, { target, props: { pass, actions } });
void actions.start();
