/**
 * Reading member QR codes with the kiosk's own camera: the browser's BarcodeDetector where it
 * has one (Chrome on Android, ChromeOS, macOS), otherwise jsQR on downscaled video frames
 * (loaded only then, so it costs nothing where the detector exists).
 *
 * Started only on the attract screen. A kiosk without a camera, a denied permission or a
 * busy device is not an error anyone needs to see: the scanner and the phone link still work,
 * so every failure here is silent and leaves the camera off.
 */

export interface CameraScanOptions {
  /** Where the stream plays; it may be shown as a small preview. */
  video: HTMLVideoElement;
  onCode: (text: string) => void;
  /** Told when the camera starts and stops, to show or hide the preview. */
  onActive?: (active: boolean) => void;
  /** Pause between two decode attempts. */
  intervalMs?: number;
}

/** The part of the BarcodeDetector API used here (not in TypeScript's DOM types yet). */
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<Array<{ rawValue: string }>>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?: () => Promise<string[]>;
}

type Decode = (video: HTMLVideoElement) => Promise<string | null>;

const INTERVAL_MS = 200;
/** jsQR's time grows with the pixel count; a phone held at arm's length still reads at this size. */
const MAX_FRAME_WIDTH = 640;
/**
 * The same code is not sent again until it has been out of view for this long. Without it
 * the member who just pressed "Done" and still holds the phone up would be signed straight
 * back in, and a stray QR code in view would repeat its error forever. Only a hash is kept.
 */
const REPEAT_MS = 15_000;

let lastRead: { hash: number; at: number } | null = null;

/** Starts the camera and reads codes until the returned function is called. */
export function startCameraScan(options: CameraScanOptions): () => void {
  const intervalMs = options.intervalMs ?? INTERVAL_MS;
  let stopped = false;
  let stream: MediaStream | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    for (const track of stream?.getTracks() ?? []) track.stop();
    options.video.srcObject = null;
    options.onActive?.(false);
  };

  void (async () => {
    try {
      if (!(await hasCamera())) return;
      const media = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: { facingMode: 'user', width: { ideal: 1280 }, height: { ideal: 720 } },
      });
      if (stopped) {
        for (const track of media.getTracks()) track.stop();
        return;
      }
      stream = media;
      const video = options.video;
      video.muted = true;
      video.playsInline = true;
      video.srcObject = media;
      await video.play();
      const decode = await makeDecoder();
      if (stopped) return;
      options.onActive?.(true);

      const tick = async () => {
        if (stopped) return;
        if (!document.hidden && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) {
          const text = await decode(video).catch(() => null);
          if (text && !stopped && isNew(text)) options.onCode(text);
        }
        if (!stopped) timer = setTimeout(tick, intervalMs);
      };
      void tick();
    } catch {
      // No camera, no permission, or the device is busy: the other two ways still work.
      stop();
    }
  })();

  return stop;
}

async function hasCamera(): Promise<boolean> {
  if (!navigator.mediaDevices?.getUserMedia || !navigator.mediaDevices.enumerateDevices) return false;
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.some((device) => device.kind === 'videoinput');
}

async function makeDecoder(): Promise<Decode> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (Detector) {
    const formats = (await Detector.getSupportedFormats?.().catch(() => [])) ?? [];
    if (formats.includes('qr_code')) {
      const detector = new Detector({ formats: ['qr_code'] });
      return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
    }
  }

  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2d canvas');
  return async (video) => {
    const scale = Math.min(1, MAX_FRAME_WIDTH / (video.videoWidth || MAX_FRAME_WIDTH));
    const width = Math.max(1, Math.round(video.videoWidth * scale));
    const height = Math.max(1, Math.round(video.videoHeight * scale));
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    context.drawImage(video, 0, 0, width, height);
    const frame = context.getImageData(0, 0, width, height);
    // Phone screens show dark modules on light: skipping the inverted pass halves the work.
    return jsQR(frame.data, width, height, { inversionAttempts: 'dontInvert' })?.data || null;
  };
}

function isNew(text: string): boolean {
  const now = Date.now();
  const hash = fnv1a(text);
  const repeat = lastRead !== null && lastRead.hash === hash && now - lastRead.at < REPEAT_MS;
  // Sliding: a code held up the whole time stays "seen" until it has been away for a while.
  lastRead = { hash, at: now };
  return !repeat;
}

/** 32-bit FNV-1a: enough to tell "the same code again" without keeping the code. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
