import type { KioskErrorCode, Localized } from '@atrium/shared';

/**
 * The kiosk and the member pass speak zh-CN first and English one tap away. Each app has a
 * typed dictionary: the Chinese table defines the keys, and the English one must have every
 * key (a missing or extra key is a type error). `{name}` in a text is filled from `vars`.
 */
export type Lang = 'zh' | 'en';
export type Vars = Record<string, string | number>;
export type Dictionary<K extends string> = Record<Lang, Record<K, string>>;

export const otherLang = (lang: Lang): Lang => (lang === 'zh' ? 'en' : 'zh');

function fill(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function translate<K extends string>(dict: Dictionary<K>, lang: Lang, key: K, vars?: Vars): string {
  return fill(dict[lang][key], vars);
}

/** The same text in both languages, for messages shown before anyone chose one. */
export function both<K extends string>(dict: Dictionary<K>, key: K, vars?: Vars): Localized {
  return { zh: fill(dict.zh[key], vars), en: fill(dict.en[key], vars) };
}

// ---------------------------------------------------------------------------------------
// Friendly errors. The hub's `message` is for logs; people only ever see these.

export type FriendlyError =
  | KioskErrorCode
  | 'offline'
  | 'timeout'
  | 'not_a_member'
  | 'unauthenticated'
  | 'link_expired'
  | 'invalid_phone'
  | 'no_plate';

const errorsZh: Record<FriendlyError, string> = {
  invalid_input: '输入有误，请检查后再试',
  invalid_code: '无法识别此二维码，请出示您的会员码',
  expired_code: '会员码已过期，请刷新后重试',
  no_session: '本次服务已结束，请重新扫码',
  not_found: '没有找到相关内容，请刷新后再试',
  insufficient_points: '积分不足，暂时无法兑换',
  negative_balance: '积分不足，暂时无法兑换',
  out_of_stock: '很抱歉，已经领完了',
  limit_reached: '您已领取过，已达到每人上限',
  not_eligible: '此优惠不适用于您的会员等级',
  paused: '此活动暂停中',
  ended: '此活动已结束',
  not_started: '此活动尚未开始',
  rate_limited: '操作太频繁了，请稍等一分钟再试',
  wrong_otp: '验证码不正确，请核对短信后重新输入',
  already_member: '该手机号已是会员，请直接扫描会员码',
  internal: '系统繁忙，请稍后再试',
  offline: '暂时无法连接商场服务器，请稍后再试',
  timeout: '网络较慢，请稍后再试',
  not_a_member: '该手机号还不是会员',
  unauthenticated: '请先登录',
  link_expired: '此二维码已失效，请扫描终端上的新二维码',
  invalid_phone: '请输入正确的 11 位手机号',
  no_plate: '请先在手机会员页添加车牌',
};

const errorsEn: Record<FriendlyError, string> = {
  invalid_input: "Something there doesn't look right — please check and try again",
  invalid_code: "We couldn't read that as a member code — please show your member code",
  expired_code: 'Your code has expired — refresh it on your phone',
  no_session: 'Your session has ended — please scan again',
  not_found: "We couldn't find that — please try again",
  insufficient_points: "You don't have enough points for that yet",
  negative_balance: "You don't have enough points for that yet",
  out_of_stock: 'Sorry, they have all gone',
  limit_reached: "You've already claimed as many as allowed",
  not_eligible: "This offer isn't available for your membership",
  paused: 'This offer is paused',
  ended: 'This offer has ended',
  not_started: "This offer hasn't started yet",
  rate_limited: 'Too many tries — please wait a minute and try again',
  wrong_otp: "That code isn't right — please check the text message",
  already_member: 'This number is already a member — scan your member code instead',
  internal: 'Something went wrong on our side — please try again',
  offline: "We can't reach the mall's server right now — please try again shortly",
  timeout: 'That took too long — please try again',
  not_a_member: "This number isn't a member yet",
  unauthenticated: 'Please log in first',
  link_expired: 'This kiosk code has expired — scan the new one on the kiosk',
  invalid_phone: 'Please enter an 11-digit mobile number',
  no_plate: 'Add a car plate on your member pass first',
};

const isFriendly = (code: string): code is FriendlyError => code in errorsZh;

/** The friendly text for an error code, in both languages; unknown codes read as `internal`. */
export function errorText(code: string): Localized {
  const known = isFriendly(code) ? code : 'internal';
  return { zh: errorsZh[known], en: errorsEn[known] };
}

// ---------------------------------------------------------------------------------------
// Shared by both apps.

const ledgerZh: Record<string, string> = {
  earn: '消费积分',
  checkin: '签到',
  checkin_streak: '连续签到奖励',
  birthday: '生日礼',
  opening: '开卡积分',
  referral_referrer: '推荐奖励',
  referral_invitee: '受邀奖励',
  redeem: '积分兑换',
  refund: '退款扣回',
  expire: '积分过期',
  adjust: '积分调整',
  referral: '推荐奖励',
  survey: '问卷奖励',
  join: '注册奖励',
  parking: '停车抵扣',
};
const ledgerEn: Record<string, string> = {
  earn: 'Purchase',
  checkin: 'Check-in',
  checkin_streak: 'Streak bonus',
  birthday: 'Birthday gift',
  opening: 'Opening balance',
  referral_referrer: 'Referral',
  referral_invitee: 'Welcome (invited)',
  redeem: 'Reward',
  refund: 'Refund',
  expire: 'Expired',
  adjust: 'Adjustment',
  referral: 'Referral',
  survey: 'Survey',
  join: 'Welcome bonus',
  parking: 'Parking',
};

export function ledgerKind(kind: string, lang: Lang): string {
  return (lang === 'zh' ? ledgerZh : ledgerEn)[kind] ?? kind;
}

const tierNames: Record<string, Localized> = {
  member: { zh: '普卡', en: 'Member' },
  silver: { zh: '银卡', en: 'Silver' },
  gold: { zh: '金卡', en: 'Gold' },
  platinum: { zh: '白金卡', en: 'Platinum' },
};

/** A tier's name: the hub's when it sent one, else the usual name for the code, else the code. */
export function tierName(code: string, name: Localized | undefined, lang: Lang): string {
  return name?.[lang] || tierNames[code]?.[lang] || code;
}

// ---------------------------------------------------------------------------------------
// The kiosk.

const kioskZh = {
  lang: 'English',
  done: '完成',
  back: '返回',
  cancel: '取消',
  close: '关闭',
  key_clear: '清空',
  key_delete: '删除',
  working: '处理中…',
  retrying: '网络恢复后将自动完成',

  offline_title: '暂时无法连接商场服务器',
  offline_body: '会员服务暂停，恢复后自动重连。',
  connecting: '正在连接…',
  reconnecting: '正在自动重连…',
  offline_safe: '您的积分和优惠券不受影响，稍后再来即可',
  offline_help: '如需帮助，请前往商场服务台',
  not_configured: '此终端尚未配置（缺少 device / token）',

  attract_brand: '会员服务',
  attract_cta: '扫描会员码',
  attract_scanner: '将手机上的会员码对准扫码窗口',
  attract_camera: '或对准上方摄像头',
  attract_phone: '已登录会员？用手机扫一扫',
  attract_phone_hint: '在手机上确认后即可使用',
  attract_offline_cta: '会员服务暂不可用',
  join_start: '免费注册会员',
  feedback_start: '评价本次到访',
  slide_checkin_title: '每日签到领积分',
  slide_checkin_body: '连续签到还有额外奖励',
  slide_coupons_title: '领取专属优惠券',
  slide_coupons_body: '结账时出示券码即可使用',
  slide_parking_title: '积分换免费停车',
  slide_parking_body: '绑定车牌，离场自动抵扣',
  slide_tier_title: '消费升级会员等级',
  slide_tier_body: '金卡、白金卡享积分加倍',

  greeting: '您好，{name}',
  member_fallback: '会员',
  points: '积分',
  tier: '会员等级',
  tier_next: '再消费 {amount} 升级为{tier}',
  tier_top: '您已是最高等级会员',
  tier_perks: '每次免费停车 {hours} 小时 · 积分 {multiplier} 倍',
  checkin: '今日签到',
  checkin_done: '今日已签到',
  streak: '已连续签到 {days} 天',
  checkin_result: '签到成功，+{points} 积分',
  checkin_bonus: '连续签到奖励 +{bonus}',
  checkin_again: '今天已经签到过了',

  nav_offers: '领券',
  nav_coupons: '我的券',
  nav_rewards: '兑换',
  nav_history: '记录',

  offers_title: '领券中心',
  offers_empty: '暂时没有可领取的优惠券',
  stock_left: '剩余 {n} 张',
  reward_left: '剩余 {n} 份',
  min_spend: '满 {amount} 可用',
  no_min_spend: '无门槛',
  claim: '领取',
  claimed: '已领取',
  all_claimed: '已领完',
  claim_ok: '领取成功，已放入“我的券”',
  amount_off: '立减 {amount}',
  percent_off: '{percent}% 折扣',
  parking_hours: '{hours} 小时免费停车',
  gift: '礼品',

  coupons_title: '我的券',
  coupons_empty: '还没有优惠券，去领券中心看看',
  coupon_till: '结账时向收银员出示此码',
  valid_until: '有效期至 {date}',

  rewards_title: '积分兑换',
  rewards_empty: '暂时没有可兑换的礼品',
  redeem: '{points} 积分兑换',
  not_enough: '积分不足',
  sold_out: '已兑完',
  redeem_ok: '兑换成功，剩余 {balance} 积分',
  redeem_coupon: '已放入“我的券”',
  redeem_parking: '已为 {plate} 增加 {hours} 小时免费停车',
  choose_plate: '为哪辆车兑换停车时长？',
  reward_gift: '礼品',
  reward_voucher: '代金券',
  reward_parking: '停车',

  history_title: '最近积分记录',
  history_empty: '暂无记录',
  plates_title: '我的车辆',
  plates_empty: '未绑定车牌，可在手机会员页添加',
  find_car: '找车',
  find_car_title: '我的车停在哪',
  cars_none: '您的车辆当前不在停车场',
  car_zone: '区域',
  car_zone_unknown: '未记录',
  car_gate: '入口',
  car_entered: '入场时间',
  ago_now: '刚刚',
  ago_minutes: '{m} 分钟前',
  ago_hours: '{h} 小时 {m} 分钟前',
  ago_days: '{d} 天 {h} 小时前',
  retry: '重试',

  idle_title: '还在吗？',
  idle_body: '为保护您的隐私，{seconds} 秒后自动退出',
  idle_continue: '继续使用',
  session_ended: '已安全退出，欢迎再来',
  session_expired: '本次服务已超时结束',

  join_title: '注册会员',
  join_phone: '请输入手机号',
  join_phone_hint: '我们只用它来识别您的会员身份和发送验证码',
  otp_send: '获取验证码',
  otp_resend: '{seconds} 秒后可重新获取',
  otp_again: '重新获取验证码',
  otp_title: '输入短信验证码',
  otp_sent: '验证码已发送至 {phone}',
  consent: '我已阅读并同意《会员隐私说明》',
  privacy_title: '会员隐私说明',
  plate_optional: '添加车牌（可选）',
  plate_title: '输入车牌号',
  plate_change: '修改车牌',
  plate_clear: '不添加',
  plate_ok: '确定',
  join_submit: '完成注册',
  join_need: '请输入验证码并勾选同意',
  join_welcome: '欢迎加入！',

  feedback_title: '您对本次到访满意吗？',
  feedback_low: '非常不满意',
  feedback_high: '非常满意',
  feedback_tags: '想说说哪方面？（可选）',
  feedback_submit: '提交评价',
  feedback_thanks: '谢谢您的反馈！',
  tag_parking: '停车',
  tag_clean: '环境卫生',
  tag_staff: '服务态度',
  tag_shops: '店铺品牌',
  tag_dining: '餐饮',
  tag_wayfinding: '指引标识',
  tag_events: '活动',
  tag_crowded: '人太多',
} as const;

export type KioskKey = keyof typeof kioskZh;

const kioskEn: Record<KioskKey, string> = {
  lang: '中文',
  done: 'Done',
  back: 'Back',
  cancel: 'Cancel',
  close: 'Close',
  key_clear: 'Clear',
  key_delete: 'Delete',
  working: 'Working…',
  retrying: 'Will finish as soon as the connection is back',

  offline_title: "We can't reach the mall's server right now",
  offline_body: 'Member services are paused; the kiosk reconnects by itself.',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline_safe: 'Your points and coupons are safe; please come back in a moment',
  offline_help: 'Need help now? Please ask at the service desk',
  not_configured: 'This kiosk is not set up (device / token missing)',

  attract_brand: 'Member services',
  attract_cta: 'Scan your member code',
  attract_scanner: 'Hold the member code on your phone under the scanner',
  attract_camera: 'or up to the camera above',
  attract_phone: 'Logged in on your phone? Scan this',
  attract_phone_hint: 'then confirm on your phone',
  attract_offline_cta: 'Member services are unavailable',
  join_start: 'Join for free',
  feedback_start: 'Rate your visit',
  slide_checkin_title: 'Check in daily for points',
  slide_checkin_body: 'Keep a streak for a bonus',
  slide_coupons_title: 'Claim member coupons',
  slide_coupons_body: 'Show the code at the till',
  slide_parking_title: 'Free parking with points',
  slide_parking_body: 'Add your plate; we take it off at the exit',
  slide_tier_title: 'Shop more, go up a tier',
  slide_tier_body: 'Gold and Platinum earn extra points',

  greeting: 'Hello, {name}',
  member_fallback: 'member',
  points: 'Points',
  tier: 'Tier',
  tier_next: 'Spend {amount} more to reach {tier}',
  tier_top: "You're at the top tier",
  tier_perks: 'Free parking each visit: {hours} h · points ×{multiplier}',
  checkin: 'Check in today',
  checkin_done: 'Checked in today',
  streak: '{days}-day streak',
  checkin_result: 'Checked in: +{points} points',
  checkin_bonus: 'Streak bonus +{bonus}',
  checkin_again: 'You already checked in today',

  nav_offers: 'Coupons',
  nav_coupons: 'Mine',
  nav_rewards: 'Rewards',
  nav_history: 'History',

  offers_title: 'Coupons to claim',
  offers_empty: 'No coupons to claim right now',
  stock_left: '{n} left',
  reward_left: '{n} left',
  min_spend: 'On spend of {amount}+',
  no_min_spend: 'No minimum spend',
  claim: 'Claim',
  claimed: 'Claimed',
  all_claimed: 'All claimed',
  claim_ok: "Claimed — it's in My coupons",
  amount_off: '{amount} off',
  percent_off: '{percent}% off',
  parking_hours: '{hours} h free parking',
  gift: 'Gift',

  coupons_title: 'My coupons',
  coupons_empty: 'No coupons yet — claim one above',
  coupon_till: 'Show this code at the till',
  valid_until: 'Valid until {date}',

  rewards_title: 'Rewards',
  rewards_empty: 'No rewards right now',
  redeem: 'Redeem · {points} pts',
  not_enough: 'Not enough points',
  sold_out: 'All gone',
  redeem_ok: 'Redeemed — {balance} points left',
  redeem_coupon: "It's in My coupons",
  redeem_parking: '{hours} h free parking added for {plate}',
  choose_plate: 'Which car gets the parking hours?',
  reward_gift: 'Gift',
  reward_voucher: 'Voucher',
  reward_parking: 'Parking',

  history_title: 'Recent points',
  history_empty: 'Nothing yet',
  plates_title: 'My cars',
  plates_empty: 'No plates yet — add one on your member pass',
  find_car: 'Find my car',
  find_car_title: 'Where is my car?',
  cars_none: 'None of your cars is in the car park',
  car_zone: 'Zone',
  car_zone_unknown: 'Not recorded',
  car_gate: 'Entrance',
  car_entered: 'Came in',
  ago_now: 'just now',
  ago_minutes: '{m} min ago',
  ago_hours: '{h} h {m} min ago',
  ago_days: '{d} d {h} h ago',
  retry: 'Try again',

  idle_title: 'Still there?',
  idle_body: 'For your privacy, this ends in {seconds} s',
  idle_continue: 'Continue',
  session_ended: 'Signed out safely. See you soon!',
  session_expired: 'Your session has timed out',

  join_title: 'Become a member',
  join_phone: 'Your mobile number',
  join_phone_hint: 'Used only to recognise you as a member and to text you a code',
  otp_send: 'Send code',
  otp_resend: 'Send again in {seconds} s',
  otp_again: 'Send the code again',
  otp_title: 'Enter the code we texted you',
  otp_sent: 'Code sent to {phone}',
  consent: 'I have read and agree to the member privacy notice',
  privacy_title: 'Member privacy notice',
  plate_optional: 'Add a car plate (optional)',
  plate_title: 'Enter your plate',
  plate_change: 'Change plate',
  plate_clear: 'No plate',
  plate_ok: 'OK',
  join_submit: 'Join now',
  join_need: 'Enter the code and tick the box to agree',
  join_welcome: 'Welcome aboard!',

  feedback_title: 'How was your visit?',
  feedback_low: 'Very poor',
  feedback_high: 'Excellent',
  feedback_tags: 'Anything in particular? (optional)',
  feedback_submit: 'Send',
  feedback_thanks: 'Thank you for your feedback!',
  tag_parking: 'Parking',
  tag_clean: 'Cleanliness',
  tag_staff: 'Staff',
  tag_shops: 'Shops',
  tag_dining: 'Dining',
  tag_wayfinding: 'Signs & directions',
  tag_events: 'Events',
  tag_crowded: 'Too crowded',
};

export const kioskText: Dictionary<KioskKey> = { zh: kioskZh, en: kioskEn };

// ---------------------------------------------------------------------------------------
// The member pass.

const passZh = {
  lang: 'English',
  title: '会员码',
  hello: '您好',
  login_title: '登录会员',
  join_title: '注册会员',
  phone: '手机号',
  otp: '短信验证码',
  send: '获取验证码',
  resend: '{seconds} 秒后重发',
  sent: '验证码已发送',
  login: '登录',
  join: '同意并注册',
  not_member: '该手机号还不是会员。阅读下方说明并同意后即可免费注册。',
  consent: '我已阅读并同意《会员隐私说明》',
  plate: '车牌号（可选）',
  plate_placeholder: '如 浙C12345',
  privacy_title: '会员隐私说明',
  show_code: '向收银员或终端出示此码',
  refresh_in: '{time} 后自动刷新',
  refreshing: '正在刷新…',
  refresh: '刷新',
  points: '积分',
  tier_next: '再消费 {amount} 升级为{tier}',
  tier_top: '您已是最高等级会员',
  free_parking: '每日免费停车 {hours} 小时',
  coupons: '我的券',
  coupons_empty: '还没有优惠券。到商场终端上领取吧。',
  valid_until: '有效期至 {date}',
  plates: '我的车辆',
  plates_empty: '还没有绑定车牌',
  add_plate: '添加',
  remove: '删除',
  remove_confirm: '确定删除车牌 {plate}？',
  privacy: '隐私与数据',
  marketing: '接收优惠活动通知',
  marketing_hint: '可随时关闭，不影响会员权益',
  privacy_accepted: '已同意隐私说明：{date}',
  export: '导出我的数据',
  delete: '注销账户',
  export_confirm: '提交导出申请？我们会在 15 个工作日内通过服务台联系您。',
  delete_confirm: '确定注销账户？您的积分和优惠券将全部作废，且无法恢复。',
  confirm: '确定',
  cancel: '取消',
  request_received: '申请已收到（{date}），我们会尽快处理',
  requests: '我的申请',
  request_export: '导出数据',
  request_delete: '注销账户',
  status_received: '已收到',
  logout: '退出登录',
  link_title: '在终端上打开您的会员账户？',
  link_kiosk: '终端：{name}',
  link_confirm: '确认打开',
  link_done: '已确认，请查看终端屏幕',
  link_home: '返回会员码',
  loading: '加载中…',
  offline: '网络连接失败，请检查后重试',
  retry: '重试',
} as const;

export type PassKey = keyof typeof passZh;

const passEn: Record<PassKey, string> = {
  lang: '中文',
  title: 'Member pass',
  hello: 'Hello',
  login_title: 'Log in',
  join_title: 'Become a member',
  phone: 'Mobile number',
  otp: 'Code from the text message',
  send: 'Send code',
  resend: 'Resend in {seconds} s',
  sent: 'Code sent',
  login: 'Log in',
  join: 'Agree and join',
  not_member: "This number isn't a member yet. Read the notice below and agree to join for free.",
  consent: 'I have read and agree to the member privacy notice',
  plate: 'Car plate (optional)',
  plate_placeholder: 'e.g. 浙C12345',
  privacy_title: 'Member privacy notice',
  show_code: 'Show this code at the till or the kiosk',
  refresh_in: 'Refreshes in {time}',
  refreshing: 'Refreshing…',
  refresh: 'Refresh',
  points: 'Points',
  tier_next: 'Spend {amount} more to reach {tier}',
  tier_top: "You're at the top tier",
  free_parking: '{hours} h free parking a day',
  coupons: 'My coupons',
  coupons_empty: 'No coupons yet. Claim some at a kiosk in the mall.',
  valid_until: 'Valid until {date}',
  plates: 'My cars',
  plates_empty: 'No plates yet',
  add_plate: 'Add',
  remove: 'Remove',
  remove_confirm: 'Remove plate {plate}?',
  privacy: 'Privacy and data',
  marketing: 'Tell me about offers and events',
  marketing_hint: 'Turn it off any time; your benefits stay',
  privacy_accepted: 'Privacy notice accepted: {date}',
  export: 'Export my data',
  delete: 'Delete my account',
  export_confirm: 'Request a copy of your data? The service desk will contact you within 15 working days.',
  delete_confirm: 'Delete your account? Your points and coupons will be lost for good.',
  confirm: 'Confirm',
  cancel: 'Cancel',
  request_received: 'Request received ({date}); we will handle it soon',
  requests: 'My requests',
  request_export: 'Data export',
  request_delete: 'Account deletion',
  status_received: 'received',
  logout: 'Log out',
  link_title: 'Open your account on the kiosk?',
  link_kiosk: 'Kiosk: {name}',
  link_confirm: 'Yes, open it',
  link_done: 'Confirmed — look at the kiosk screen',
  link_home: 'Back to my pass',
  loading: 'Loading…',
  offline: 'No connection — please check and try again',
  retry: 'Try again',
};

export const passText: Dictionary<PassKey> = { zh: passZh, en: passEn };
