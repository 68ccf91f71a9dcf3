export * from './plates.js';
export * from './fees.js';
export * from './driver-offer.js';
