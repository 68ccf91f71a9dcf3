import { fade, type TransitionConfig } from 'svelte/transition';

/** How long one item takes to dissolve into the next. */
export const CROSSFADE_MS = 600;

/** The incoming layer fades in on top of the outgoing one... */
export const fadeIn = (node: Element): TransitionConfig => fade(node, { duration: CROSSFADE_MS });

/**
 * ...which stays fully opaque underneath until it is covered, then goes: a true cross-fade,
 * with no dip to black half way, because every layer paints an opaque background.
 */
export const holdOut = (_node: Element): TransitionConfig => ({ duration: CROSSFADE_MS, css: () => '' });
