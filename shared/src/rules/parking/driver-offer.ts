import type { MallMoment } from '../loyalty/mall-time.js';

type Localized = { zh: string; en: string };

/**
 * The one line a barrier display adds for an arriving driver, chosen from what
 * the hub knows (segment tags, tier, time of day). Campaign-driven offers come
 * with the console's triggers; these are the built-in ones.
 */
export function driverOffer(member: { tags: readonly string[]; tierCode: string } | null, at: MallMoment): Localized | null {
  if (!member) return { zh: '扫码注册会员，每次停车都有免费时长', en: 'Join now: members park free for hours every visit' };
  const has = (tag: string) => member.tags.includes(tag);
  if (has('birthday-month')) return { zh: '生日快乐！本月消费享双倍积分', en: 'Happy birthday! Double points all month' };
  if (has('likes:dining') && at.minute >= 11 * 60 && at.minute < 13 * 60 + 30) return { zh: '午餐时间：L4 美食广场会员专享优惠', en: 'Lunchtime: member deals at the L4 food court' };
  if (has('likes:dining') && at.minute >= 17 * 60 && at.minute < 20 * 60) return { zh: '晚餐时间：L4 美食广场会员专享优惠', en: 'Dinner time: member deals at the L4 food court' };
  if (has('lifecycle:dormant') || has('lifecycle:sleeping')) return { zh: '好久不见！到会员服务台领取回归礼', en: 'Welcome back! A gift awaits you at the service desk' };
  if (has('likes:kids')) return { zh: 'L3 亲子乐园今日开放', en: 'The L3 kids park is open today' };
  return null;
}
