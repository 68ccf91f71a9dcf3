/**
 * Chinese plates as read by gate cameras and typed by members: "浙C·12345",
 * "浙c 12345", "浙C-D12345". Normalising strips separators and upper-cases so one
 * plate has one spelling for lookups.
 */
export function normalizePlate(raw: string): string {
  return raw.replace(/[\s·•.\-_]/g, '').toUpperCase();
}

/** "浙C12345" → "浙C·***45": enough for a driver to recognise the car, useless to anyone else. */
export function maskPlate(raw: string): string {
  const plate = normalizePlate(raw);
  const chars = Array.from(plate);
  if (chars.length < 5) return `${chars[0] ?? ''}***`;
  return `${chars[0]}${chars[1]}·***${chars.slice(-2).join('')}`;
}

/** Mainland mobile numbers: "13812345678" / "+86 138 1234 5678" → "13812345678". */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/[\s\-()]/g, '').replace(/^\+?86/, '');
  return digits;
}

export const isValidPhone = (phone: string): boolean => /^1[3-9]\d{9}$/.test(phone);

/** "13812345678" → "138****5678". */
export function maskPhone(raw: string): string {
  const phone = normalizePhone(raw);
  if (phone.length < 7) return '***';
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** "王小明" → "王**", "Alice" → "A****": a greeting without a full name on a public screen. */
export function maskName(raw: string | null | undefined): string {
  if (!raw) return '';
  const chars = Array.from(raw.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
