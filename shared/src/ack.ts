/** The one reply shape for every socket call and hub answer (DESIGN §5). */
export type AckError = { code: string; message: string };
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

export const ok = <T>(data: T): Ack<T> => ({ ok: true, data });
export const fail = (code: string, message: string): Ack<never> => ({ ok: false, error: { code, message } });
