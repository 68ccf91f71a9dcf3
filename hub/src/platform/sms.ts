import type { Logger } from './logger.js';

/** Sends a one-time code to a phone. The default writes it to the hub log; production uses a webhook. */
export interface SmsSender {
  send(message: { phone: string; maskedPhone: string; code: string; text: string }): Promise<void>;
}

/**
 * Demo and development: the code appears in the hub's log (the phone only
 * masked), so a person at the terminal can read it out. Never use in production.
 */
export class LogSmsSender implements SmsSender {
  constructor(private readonly logger: Logger) {}
  async send(m: { maskedPhone: string; code: string }): Promise<void> {
    this.logger.info({ sms: 'one-time code', to: m.maskedPhone, oneTimeCode: m.code }, `one-time code for ${m.maskedPhone}: ${m.code}`);
  }
}

/** Production: POSTs `{phone, text}` as JSON to the mall's SMS gateway (ATRIUM_SMS_WEBHOOK_URL). */
export class WebhookSmsSender implements SmsSender {
  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}
  async send(m: { phone: string; maskedPhone: string; text: string }): Promise<void> {
    const res = await fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: m.phone, text: m.text }), signal: AbortSignal.timeout(5000) });
    if (!res.ok) {
      this.logger.error({ to: m.maskedPhone, status: res.status }, 'sms webhook refused the message');
      throw new Error(`SMS gateway answered ${res.status}`);
    }
  }
}
