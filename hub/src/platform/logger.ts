import pino from 'pino';

/**
 * Structured JSON lines. Never pass a phone number, plate or member code here:
 * log ids and masked values only (redaction below is a safety net, not the plan).
 */
export type Logger = pino.Logger;

export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { app: 'atrium-hub' },
    redact: { paths: ['*.phone', '*.plate', '*.memberCode', '*.password', '*.token', 'phone', 'plate', 'memberCode', 'password', 'token'], censor: '[redacted]' },
  });
}
