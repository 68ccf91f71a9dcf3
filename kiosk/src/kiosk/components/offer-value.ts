import type { CouponOffer } from '@atrium/shared';
import { yuan } from '../../lib/format.js';
import type { KioskKey, Lang, Vars } from '../../lib/i18n.js';

/**
 * The headline of a coupon: "立减 ¥20.00" / "¥20.00 off", "8.5 折" / "15% off", free parking.
 * Chinese shoppers read percentages as 折 (what you pay, in tenths), so zh says 8.5 折 for 15% off.
 */
export function offerValue(offer: CouponOffer, lang: Lang, t: (key: KioskKey, vars?: Vars) => string): string {
  switch (offer.kind) {
    case 'amount_off':
      return t('amount_off', { amount: yuan(offer.valueFen ?? 0) });
    case 'percent_off': {
      const percent = offer.percent ?? 0;
      if (lang === 'zh') return `${String(Math.round(100 - percent) / 10)} 折`;
      return t('percent_off', { percent });
    }
    case 'parking_hours':
      return t('parking_hours', { hours: offer.parkingHours ?? 0 });
    default:
      return t('gift');
  }
}
