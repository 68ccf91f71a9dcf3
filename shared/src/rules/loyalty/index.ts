export * from './mall-time.js';
export * from './tiers.js';
export * from './points-rules.js';
export * from './checkin.js';
export * from './expiry.js';
export * from './coupons.js';
export * from './segments.js';
