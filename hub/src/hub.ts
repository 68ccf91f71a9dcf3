import http from 'node:http';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Server as SocketServer } from 'socket.io';
import type { HubConfig } from './config.js';
import { Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { seedDemoMall } from './demo/seed.js';
import type { Clock } from './platform/clock.js';
import { EventBus } from './platform/events.js';
import type { Logger } from './platform/logger.js';
import { loadOrCreateSecrets } from './platform/secrets.js';
import { Vault } from './platform/vault.js';
import { LogSmsSender, WebhookSmsSender, type SmsSender } from './platform/sms.js';
import { AssetStore } from './platform/asset-store.js';
import { CheckinService } from './services/checkin.service.js';
import { ContentService } from './services/content.service.js';
import { ProofOfPlayService } from './services/proof-of-play.service.js';
import { SignageService } from './services/signage.service.js';
import { FeedbackService } from './services/feedback.service.js';
import { KioskLinkService } from './services/kiosk-link.service.js';
import { KioskService } from './services/kiosk.service.js';
import { MemberHomeService } from './services/member-home.service.js';
import { MemberPassService } from './services/member-pass.service.js';
import { OtpService } from './services/otp.service.js';
import { attachKioskNamespace } from './transport/realtime/kiosk.handlers.js';
import { CouponService } from './services/coupon.service.js';
import { DeviceStatusService } from './services/device-status.service.js';
import { LoyaltyJobsService } from './services/loyalty-jobs.service.js';
import { LoyaltyRulesService } from './services/loyalty-rules.service.js';
import { RefundService } from './services/refund.service.js';
import { RewardService } from './services/reward.service.js';
import { SegmentService } from './services/segment.service.js';
import { ParkingService } from './services/parking.service.js';
import { MemberCodeService } from './services/member-code.service.js';
import { MemberService } from './services/member.service.js';
import { PurchaseService } from './services/purchase.service.js';
import { RejectionService } from './services/rejection.service.js';
import { ScreenService } from './services/screen.service.js';
import { StaffAuthService } from './services/staff-auth.service.js';
import { createHttpApp } from './transport/http/app.js';
import { startEmbeddedBroker, type EmbeddedBroker } from './transport/mqtt/embedded-broker.js';
import { MqttGateway } from './transport/mqtt/mqtt.gateway.js';
import { attachScreenNamespace } from './transport/realtime/screen.handlers.js';

export interface HubDeps {
  config: HubConfig;
  clock: Clock;
  logger: Logger;
  /** How one-time codes reach phones; defaults from config (webhook, or the log in demo). */
  sms?: SmsSender;
}

export interface StartedHub {
  httpPort: number;
  mqttUrl: string;
  /** Set only on the first start, when the admin password was generated. */
  generatedAdminPassword: string | undefined;
  demoSeeded: boolean;
  baseUrl: string;
  db: Database;
  services: {
    members: MemberService;
    screens: ScreenService;
    memberCodes: MemberCodeService;
    vault: Vault;
    coupons: CouponService;
    rewards: RewardService;
    checkins: CheckinService;
    segments: SegmentService;
    jobs: LoyaltyJobsService;
    rules: LoyaltyRulesService;
    kiosks: KioskService;
    feedback: FeedbackService;
    signage: SignageService;
    content: ContentService;
    parking: ParkingService;
  };
}

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly variable: string,
  ) {
    super(`Port ${port} is already in use. Stop the other program or choose another port with ${variable}=<port>.`);
  }
}

function listen(server: http.Server | { listen: http.Server['listen']; once: http.Server['once'] }, port: number, host: string, variable: string) {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new PortInUseError(port, variable) : err));
    server.listen(port, host, () => resolve());
  });
}

/**
 * The composition root's workhorse: builds every service over the real adapters
 * (SQLite file, MQTT broker, HTTP + Socket.IO) and returns start/stop. Tests call
 * it with port 0 and a temporary data dir.
 */
export function createHub({ config, clock, logger, sms: smsOverride }: HubDeps) {
  let started: StartedHub | undefined;
  const closers: Array<() => Promise<void>> = [];

  async function start(): Promise<StartedHub> {
    try {
      return await startInner();
    } catch (err) {
      await stop();
      throw err;
    }
  }

  async function startInner(): Promise<StartedHub> {
    await mkdir(config.dataDir, { recursive: true });
    const db = await Database.open(path.join(config.dataDir, 'atrium.sqlite'));
    closers.push(() => db.close());
    await migrate(db);

    const secrets = await loadOrCreateSecrets(config.dataDir);
    const vault = new Vault(secrets);
    const events = new EventBus();
    const timeZone = config.timezone;
    const memberCodes = new MemberCodeService({ vault, clock });
    const auth = new StaffAuthService({ db, clock });
    const rules = new LoyaltyRulesService({ db, clock });
    const coupons = new CouponService({ db, clock, events });
    const rewards = new RewardService({ db, clock, events, vault, coupons });
    const members = new MemberService({ db, clock, vault, memberCodes, rules, coupons, rewards });
    const screens = new ScreenService({ db, clock });
    const rejections = new RejectionService({ db, clock, events, vault, logger });
    const deviceStatus = new DeviceStatusService({ db, clock, events });
    const purchases = new PurchaseService({ db, clock, events, memberCodes, rules, coupons, timeZone });
    const refunds = new RefundService({ db, clock, events });
    const checkins = new CheckinService({ db, clock, events, rules, timeZone });
    const segments = new SegmentService({ db, clock, timeZone });
    const jobs = new LoyaltyJobsService({ db, clock, events, logger, rules, coupons, segments, timeZone });
    const sms = smsOverride ?? (config.smsWebhookUrl ? new WebhookSmsSender(config.smsWebhookUrl, logger) : new LogSmsSender(logger));
    const otp = new OtpService({ db, clock, vault, sms });
    const kiosks = new KioskService({ db, clock });
    const home = new MemberHomeService({ db, clock, members, rewards, timeZone });
    const feedback = new FeedbackService({ db, clock, events });
    const pass = new MemberPassService({ db, clock, events, otp, members, memberCodes });
    const assets = new AssetStore(path.join(config.dataDir, 'assets'));
    await assets.ensure();
    const uploadDir = path.join(config.dataDir, 'uploads');
    await mkdir(uploadDir, { recursive: true });
    const content = new ContentService({ db, clock, events, assets });
    const signage = new SignageService({ db, clock, events, timeZone });
    const plays = new ProofOfPlayService({ db, clock });

    // A member's stage and tags follow their activity; the nightly run recomputes everyone.
    // Refreshes are gathered for a second, so a busy till costs one refresh per member, not one per sale.
    const dueForRefresh = new Set<number>();
    let refreshTimer: NodeJS.Timeout | undefined;
    const flushRefreshes = async () => {
      refreshTimer = undefined;
      const ids = [...dueForRefresh];
      dueForRefresh.clear();
      for (const memberId of ids) {
        await segments.refreshMember(memberId).catch((err: Error) => logger.error({ memberId, err: err.message }, 'segment refresh failed'));
      }
    };
    const refresh = (memberId: number | null) => {
      if (memberId === null) return;
      dueForRefresh.add(memberId);
      refreshTimer ??= setTimeout(() => void flushRefreshes(), 1000);
    };
    closers.unshift(async () => {
      if (refreshTimer) clearTimeout(refreshTimer);
      await flushRefreshes();
    });
    events.on('purchaseAccepted', (e) => refresh(e.memberId));
    events.on('refundAccepted', (e) => refresh(e.memberId));
    events.on('memberCheckedIn', (e) => refresh(e.memberId));
    events.on('memberArrived', (e) => refresh(e.memberId));
    events.on('longStay', (e) => logger.warn({ sessionId: e.sessionId, plate: e.plateMasked, minutes: e.minutes, zone: e.zone }, 'long parking stay'));
    events.on('tierChanged', (e) => refresh(e.memberId));

    let broker: EmbeddedBroker | undefined;
    let mqttUrl = config.mqttUrl;
    if (!mqttUrl) {
      broker = await startEmbeddedBroker(config.mqttPort, config.host).catch((err: NodeJS.ErrnoException) => {
        throw err.code === 'EADDRINUSE' ? new PortInUseError(config.mqttPort, 'MQTT_PORT') : err;
      });
      const embedded = broker;
      closers.unshift(() => embedded.close());
      mqttUrl = `mqtt://127.0.0.1:${broker.port}`;
    }

    // The base URL is known only once the HTTP port is bound (port 0 in tests).
    let baseUrl = config.publicUrl ?? '';
    const parking = new ParkingService({ db, clock, events, vault, rules, timeZone, baseUrl: () => baseUrl });
    const links = new KioskLinkService({ db, clock, events, baseUrl: () => baseUrl });
    const gateway = new MqttGateway({ url: mqttUrl, mall: config.mallId, clientId: `atrium-hub-${config.mallId}`, logger, purchases, refunds, coupons, parking, deviceStatus, rejections });

    // Everything is attached before the port opens, so no request meets a half-built hub;
    // /api/health answers 503 until the MQTT connection is up.
    const server = http.createServer();
    const io = new SocketServer(server, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
    const screenNs = attachScreenNamespace(io, { screens, signage, content, plays, parking, events, logger });
    const kioskNs = attachKioskNamespace(io, { clock, kiosks, memberCodes, home, members, checkins, coupons, rewards, links, otp, feedback, parking, events, logger });
    const app = createHttpApp({
      db,
      logger,
      auth,
      members,
      screens,
      rejections,
      deviceStatus,
      mqttConnected: () => gateway.connected,
      onlineScreens: screenNs.online,
      signageDist: config.signageDist,
      secureCookies: config.secureCookies,
      loyalty: { rules, coupons, rewards, checkins, segments, jobs },
      kiosk: { kiosks, feedback },
      pass: { pass, otp, links },
      parking,
      kioskDist: config.kioskDist,
      signage: { signage, content, plays, assets, events, uploadDir, timeZone },
    });
    server.on('request', app);
    await listen(server, config.port, config.host, 'PORT');
    closers.unshift(() => new Promise<void>((resolve) => server.close(() => resolve())));
    closers.unshift(async () => {
      screenNs.detach();
      kioskNs.detach();
      await io.close();
    });
    const httpPort = (server.address() as AddressInfo).port;
    baseUrl ||= `http://localhost:${httpPort}`;

    const demoSeeded = config.demo ? await seedDemoMall({ db, vault, clock, screens, kiosks, content, signage, dataDir: config.dataDir, baseUrl }) : false;
    await gateway.start();
    // Stopping the gateway first: no new messages, in-flight ones commit and are acknowledged.
    closers.unshift(() => gateway.stop());
    if (config.jobs) {
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        Promise.all([jobs.tick(), parking.alertLongStays()])
          .catch((err: Error) => logger.error({ err: err.message }, 'loyalty jobs failed'))
          .finally(() => (running = false));
      }, 60_000);
      timer.unref();
      closers.unshift(async () => clearInterval(timer));
    }
    // Last, so that a generated password is only made when the start succeeds and it can be printed.
    const admin = await auth.ensureAdmin(config.adminPassword);

    started = {
      httpPort,
      mqttUrl,
      generatedAdminPassword: admin.generatedPassword,
      demoSeeded,
      baseUrl,
      db,
      services: { members, screens, memberCodes, vault, coupons, rewards, checkins, segments, jobs, rules, kiosks, feedback, signage, content, parking },
    };
    logger.info({ httpPort, mqtt: broker ? `embedded:${broker.port}` : 'external', mall: config.mallId }, 'hub started');
    return started;
  }

  async function stop(): Promise<void> {
    while (closers.length) {
      const close = closers.shift()!;
      await close().catch((err: Error) => logger.error({ err: err.message }, 'error while stopping'));
    }
    started = undefined;
  }

  return { start, stop, get started() { return started; } };
}

export type Hub = ReturnType<typeof createHub>;
