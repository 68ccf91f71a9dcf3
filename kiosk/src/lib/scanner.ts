/**
 * Keyboard-wedge QR scanners (USB or serial, acting as a keyboard) "type" the code they read
 * very fast and press Enter. A person never types that fast, and the kiosk has no keyboard,
 * so a burst of characters arriving less than `maxGapMs` apart, at least `minLength` long and
 * ending with Enter, is a scan — wherever the app is, as long as no text field has the focus
 * (in Join, the one place with text fields, keys belong to the field).
 *
 * `KeyboardWedge` is the pure detector: it takes keys with their time and says what they were.
 * `attachKeyboardWedge` binds it to a window's keydown events.
 */

export interface WedgeKey {
  /** `KeyboardEvent.key`: one character, or a named key such as "Enter" or "Shift". */
  key: string;
  /** Milliseconds, from any monotonic clock (`event.timeStamp` in the browser). */
  time: number;
  /** A text field (input, textarea, select, contenteditable) has the focus. */
  editable?: boolean;
  /** An IME is composing (Chinese input): the keys are not characters yet. */
  composing?: boolean;
}

export type WedgeResult =
  /** Enter ended a fast burst long enough to be a code. */
  | { kind: 'scan'; code: string }
  /** A character was kept: it may be part of a scan. */
  | { kind: 'buffering' }
  /** Not part of a scan (a field has the focus, a slow key, a short burst). */
  | { kind: 'ignored' };

export interface WedgeOptions {
  /** Longest pause between two keys of one scan; scanners send a key every few ms. */
  maxGapMs?: number;
  /** Shortest code worth sending; member codes are much longer. */
  minLength?: number;
  /** A stuck key or a runaway scanner must not grow the buffer without end. */
  maxLength?: number;
}

/** Keys a scanner sends around characters (Shift for capitals) that must not break a burst. */
const MODIFIERS = new Set(['Shift', 'CapsLock', 'Control', 'Alt', 'AltGraph', 'Meta', 'NumLock', 'Unidentified', 'Dead']);

export class KeyboardWedge {
  readonly maxGapMs: number;
  readonly minLength: number;
  readonly maxLength: number;

  #buffer = '';
  #lastTime = Number.NEGATIVE_INFINITY;

  constructor(options: WedgeOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 50;
    this.minLength = options.minLength ?? 8;
    this.maxLength = options.maxLength ?? 512;
  }

  push({ key, time, editable = false, composing = false }: WedgeKey): WedgeResult {
    if (editable || composing) {
      this.reset();
      return { kind: 'ignored' };
    }
    if (MODIFIERS.has(key)) return this.#buffer ? { kind: 'buffering' } : { kind: 'ignored' };

    const fast = time - this.#lastTime < this.maxGapMs;

    if (key === 'Enter') {
      const code = this.#buffer;
      this.reset();
      return fast && code.length >= this.minLength ? { kind: 'scan', code } : { kind: 'ignored' };
    }

    if (key.length !== 1) {
      // Backspace, arrows, Escape…: a person at a keyboard, not a scanner.
      this.reset();
      return { kind: 'ignored' };
    }

    // A slow key starts a new burst: it may be the first character of a scan.
    if (!fast) this.#buffer = '';
    this.#buffer += key;
    this.#lastTime = time;
    if (this.#buffer.length > this.maxLength) {
      this.reset();
      return { kind: 'ignored' };
    }
    return { kind: 'buffering' };
  }

  reset(): void {
    this.#buffer = '';
    this.#lastTime = Number.NEGATIVE_INFINITY;
  }
}

/** Whether keys typed now go into a text field. */
export function isEditable(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  if (element instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'range', 'reset', 'submit', 'image', 'color', 'file'].includes(element.type);
  }
  return element instanceof HTMLElement && element.isContentEditable;
}

/**
 * Listens for scans on `target` (the window) and calls `onScan` with each code. Returns a
 * function that stops listening.
 */
export function attachKeyboardWedge(target: Window, onScan: (code: string) => void, options: WedgeOptions = {}): () => void {
  const wedge = new KeyboardWedge(options);
  const onKeyDown = (event: KeyboardEvent) => {
    const result = wedge.push({
      key: event.key,
      time: event.timeStamp,
      editable: isEditable(target.document.activeElement),
      composing: event.isComposing,
    });
    if (result.kind === 'ignored') return;
    // The button last touched keeps the focus; the scanner's Enter (or a space in a code)
    // must not press it.
    event.preventDefault();
    if (result.kind === 'scan') {
      event.stopPropagation();
      onScan(result.code);
    }
  };
  // Capture phase: see the keys before any component does.
  target.addEventListener('keydown', onKeyDown, true);
  return () => target.removeEventListener('keydown', onKeyDown, true);
}
