import { Router, type RequestHandler } from 'express';
import {
  claimCouponSchema,
  couponTemplateSchema,
  putPointsRuleSchema,
  redeemRewardSchema,
  rewardSchema,
  updateTierSchema,
} from '@atrium/shared';
import type { CheckinService } from '../../../services/checkin.service.js';
import type { CouponService } from '../../../services/coupon.service.js';
import type { LoyaltyJobsService } from '../../../services/loyalty-jobs.service.js';
import type { LoyaltyRulesService } from '../../../services/loyalty-rules.service.js';
import type { MemberService } from '../../../services/member.service.js';
import type { RewardService } from '../../../services/reward.service.js';
import type { SegmentService } from '../../../services/segment.service.js';
import { bodyOf, handler, HttpError, intParam } from '../http-kit.js';



function positiveQuery(raw: unknown, fallback: number, max: number): number {
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? Math.min(n, max) : fallback;
}

export interface LoyaltyRouteDeps {
  rules: LoyaltyRulesService;
  coupons: CouponService;
  rewards: RewardService;
  checkins: CheckinService;
  segments: SegmentService;
  members: MemberService;
  jobs: LoyaltyJobsService;
  staffOnly: RequestHandler;
}

/** Staff API of the loyalty engine (docs/loyalty.md). Kiosk calls use the same services over /kiosk. */
export function loyaltyRoutes(d: LoyaltyRouteDeps): Router {
  const r = Router();
  r.use(['/api/tiers', '/api/points-rules', '/api/coupon-templates', '/api/rewards', '/api/segments', '/api/jobs', '/api/members'], d.staffOnly);

  r.get('/api/tiers', handler(async (_q, s) => s.json(await d.rules.listTiers())));
  r.put(
    '/api/tiers/:code',
    handler(async (q, s) => {
      await d.rules.updateTier(String(q.params.code), bodyOf(updateTierSchema, q));
      s.json(await d.rules.listTiers());
    }),
  );

  r.get('/api/points-rules', handler(async (_q, s) => s.json(await d.rules.listRules())));
  r.put(
    '/api/points-rules/:id',
    handler(async (q, s) => {
      await d.rules.putRule(String(q.params.id), bodyOf(putPointsRuleSchema, q));
      s.json(await d.rules.listRules());
    }),
  );

  r.get('/api/coupon-templates', handler(async (_q, s) => s.json(await d.coupons.templates())));
  r.post('/api/coupon-templates', handler(async (q, s) => s.status(201).json(await d.coupons.createTemplate(bodyOf(couponTemplateSchema, q)))));
  r.put('/api/coupon-templates/:id', handler(async (q, s) => s.json(await d.coupons.updateTemplate(intParam(q, 'id'), bodyOf(couponTemplateSchema, q)))));
  r.post('/api/coupon-templates/:id/pause', handler(async (q, s) => s.json(await d.coupons.setStatus(intParam(q, 'id'), 'paused'))));
  r.post('/api/coupon-templates/:id/resume', handler(async (q, s) => s.json(await d.coupons.setStatus(intParam(q, 'id'), 'active'))));

  r.get('/api/rewards', handler(async (_q, s) => s.json(await d.rewards.list())));
  r.post('/api/rewards', handler(async (q, s) => s.status(201).json(await d.rewards.create(bodyOf(rewardSchema, q)))));

  // The member's side: the routes behind /api/members are staff-only (members.routes.ts).
  r.get('/api/members/:id/wallet', handler(async (q, s) => s.json(await d.members.wallet(intParam(q, 'id')))));
  r.post(
    '/api/members/:id/coupons',
    handler(async (q, s) => s.status(201).json(await d.coupons.claim(intParam(q, 'id'), bodyOf(claimCouponSchema, q).templateId, 'staff'))),
  );
  r.post('/api/members/:id/checkin', handler(async (q, s) => s.json(await d.checkins.checkIn(intParam(q, 'id')))));
  r.post(
    '/api/members/:id/rewards/:rewardId/redeem',
    handler(async (q, s) => s.status(201).json(await d.rewards.redeem(intParam(q, 'id'), intParam(q, 'rewardId'), bodyOf(redeemRewardSchema, q)))),
  );
  r.get(
    '/api/members/:id/segments',
    handler(async (q, s) => {
      const id = intParam(q, 'id');
      await d.members.view(id); // 404 for a member that does not exist
      s.json(await d.segments.of(id));
    }),
  );

  r.get('/api/segments', handler(async (_q, s) => s.json(await d.segments.tagCounts())));
  r.get(
    '/api/segments/:tag/members',
    handler(async (q, s) => {
      const page = positiveQuery(q.query.page, 1, 1_000_000);
      const pageSize = positiveQuery(q.query.pageSize, 50, 500);
      const found = await d.segments.membersWithTag(String(q.params.tag), page, pageSize);
      const members = await Promise.all(found.memberIds.map((id) => d.members.view(id)));
      s.json({ tag: found.tag, count: found.count, page, pageSize, members });
    }),
  );

  r.post(
    '/api/jobs/:name/run',
    handler(async (q, s) => {
      if (q.staff?.role !== 'admin') throw new HttpError(403, 'forbidden', 'only an admin can run jobs by hand');
      const name = String(q.params.name);
      if (name === 'nightly') return s.json(await d.jobs.runNightly());
      if (name === 'tier-review') return s.json(await d.jobs.reviewTiers());
      throw new HttpError(404, 'not_found', 'jobs: nightly, tier-review');
    }),
  );
  return r;
}
