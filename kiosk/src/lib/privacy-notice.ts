import type { Lang } from './i18n.js';

/**
 * The member privacy notice shown before anyone joins, at the kiosk and on the member pass
 * (PIPL: say what is collected, why, where it is kept, for how long, the member's rights and
 * whom to contact, and ask for consent separately from anything else). Accepting it is the
 * `consent: true` the join calls carry. Change the text → change the version.
 */
export const PRIVACY_NOTICE_VERSION = '2026-01';

export interface NoticeSection {
  heading: string;
  body: string;
}

export interface PrivacyNotice {
  title: string;
  intro: string;
  sections: NoticeSection[];
}

export const privacyNotice: Record<Lang, PrivacyNotice> = {
  zh: {
    title: '会员隐私说明',
    intro: '加入会员前，请了解我们收集哪些个人信息、为什么收集以及您的权利。',
    sections: [
      {
        heading: '我们收集什么',
        body: '手机号码；您选择添加的车牌号；在本商场的消费记录和积分；签到记录；停车记录。',
      },
      {
        heading: '为什么收集',
        body: '识别您的会员身份；计算和发放积分、会员等级；提供停车优惠；在您同意接收营销信息时，向您推送优惠活动。我们不会出售您的个人信息。',
      },
      {
        heading: '保存在哪里',
        body: '保存在本商场自有的服务器上，加密存储，仅授权员工可以查看。',
      },
      {
        heading: '保存多久',
        body: '在您是会员期间保存；您申请注销后予以删除。',
      },
      {
        heading: '您的权利',
        body: '您可以随时在手机会员页导出您的数据、注销账户，或撤回接收营销信息的同意。',
      },
      {
        heading: '联系我们',
        body: '如有疑问，请咨询商场服务台。',
      },
    ],
  },
  en: {
    title: 'Member privacy notice',
    intro: 'Before you join, here is what personal information we collect, why, and your rights.',
    sections: [
      {
        heading: 'What we collect',
        body: 'Your mobile number; the car plates you choose to add; your purchases and points in this mall; check-ins; parking sessions.',
      },
      {
        heading: 'Why',
        body: 'To recognise you as a member; to give you points and a membership tier; for parking benefits; and to tell you about offers, only if you agree to marketing. We never sell your personal information.',
      },
      {
        heading: 'Where it is kept',
        body: "On the mall's own server, encrypted; only authorised staff can see it.",
      },
      {
        heading: 'For how long',
        body: 'While you are a member; it is deleted when you ask us to delete your account.',
      },
      {
        heading: 'Your rights',
        body: 'On your member pass you can export your data, delete your account, or withdraw your consent to marketing at any time.',
      },
      {
        heading: 'Contact',
        body: "Questions? Ask at the mall's service desk.",
      },
    ],
  },
};
