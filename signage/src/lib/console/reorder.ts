/**
 * Drag to reorder with pointer events: one code path for mouse, pen and touch (HTML5 drag and
 * drop never fires on touch screens). The list moves live under the finger; `onmove` gets
 * (from, to) indexes and reorders the caller's array.
 *
 * Use on the drag handle: `onpointerdown={(e) => startReorder(e, { list, index, onmove })}`,
 * with `touch-action: none` on the handle so the browser does not scroll instead.
 */
const EDGE_PX = 80;
const AUTOSCROLL_PX = 18;

export function startReorder(
  event: PointerEvent,
  opts: { list: HTMLElement; index: number; rowSelector: string; onmove: (from: number, to: number) => void; onend?: () => void },
): void {
  if (event.pointerType === 'mouse' && event.button !== 0) return;
  event.preventDefault();
  const pointerId = event.pointerId;
  const win = (event.currentTarget as HTMLElement).ownerDocument.defaultView ?? window;
  let current = opts.index;

  // Listen on the window, not with pointer capture on the handle: reordering moves the row in
  // the DOM, and a moved element loses its capture mid-drag.
  const move = (ev: PointerEvent) => {
    if (ev.pointerId !== pointerId) return;
    // Near the window's edges the page scrolls along, so a long list can be crossed in one drag.
    if (ev.clientY < EDGE_PX) win.scrollBy(0, -AUTOSCROLL_PX);
    else if (ev.clientY > win.innerHeight - EDGE_PX) win.scrollBy(0, AUTOSCROLL_PX);
    const rows = [...opts.list.querySelectorAll<HTMLElement>(opts.rowSelector)];
    // Where the dragged row belongs: after every other row whose middle is above the pointer.
    let target = 0;
    rows.forEach((row, i) => {
      if (i === current) return;
      const r = row.getBoundingClientRect();
      if (ev.clientY > r.top + r.height / 2) target++;
    });
    if (target !== current) {
      opts.onmove(current, target);
      current = target;
    }
  };
  const end = (ev: PointerEvent) => {
    if (ev.pointerId !== pointerId) return;
    win.removeEventListener('pointermove', move);
    win.removeEventListener('pointerup', end);
    win.removeEventListener('pointercancel', end);
    opts.onend?.();
  };
  win.addEventListener('pointermove', move);
  win.addEventListener('pointerup', end);
  win.addEventListener('pointercancel', end);
}

export function moveItem<T>(items: T[], from: number, to: number): T[] {
  const next = [...items];
  const [moved] = next.splice(from, 1);
  if (moved !== undefined) next.splice(to, 0, moved);
  return next;
}
