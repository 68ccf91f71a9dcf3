/** Money is integer fen end to end; yuan only exists in what people type and read. */

/** "12", "12.5", "12.50" → 1250; "" → null; anything else → undefined (invalid). */
export function yuanToFen(text: string): number | null | undefined {
  const t = text.trim().replace(/^¥\s*/, '');
  if (t === '') return null;
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return undefined;
  // String arithmetic: 0.1 + 0.2 style float errors must never reach a price.
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function fenToYuanInput(fen: number | null | undefined): string {
  if (fen == null) return '';
  const yuan = Math.floor(fen / 100);
  const rest = fen % 100;
  return rest === 0 ? String(yuan) : `${yuan}.${String(rest).padStart(2, '0')}`;
}

export const formatFen = (fen: number): string => `¥${fenToYuanInput(fen)}`;
