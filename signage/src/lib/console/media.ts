/** What the browser can tell from a file's first bytes; the hub sniffs again and decides. */
export type SniffedKind = 'image' | 'video' | null;

/** Client-side hints only: the hub's limits are the real ones (and may differ). */
export const UPLOAD_LIMIT_MB: Record<'image' | 'video', number> = { image: 10, video: 200 };

/** Magic numbers of the accepted formats (JPEG, PNG, WebP, MP4/ISO-BMFF, WebM/Matroska). */
export async function sniffKind(file: Blob): Promise<SniffedKind> {
  const b = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  const ascii = (from: number, to: number) => String.fromCharCode(...b.slice(from, to));
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image';
  if (b[0] === 0x89 && ascii(1, 4) === 'PNG') return 'image';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image';
  if (ascii(4, 8) === 'ftyp') return 'video';
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return 'video';
  return null;
}

/** A video's length as this browser reads it from the file's metadata; null if it cannot. */
export function videoDurationMs(file: Blob, timeoutMs = 15_000): Promise<number | null> {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(file);
    const video = document.createElement('video');
    const done = (ms: number | null) => {
      clearTimeout(timer);
      video.removeAttribute('src');
      video.load();
      URL.revokeObjectURL(url);
      resolve(ms);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    video.preload = 'metadata';
    video.muted = true;
    video.onloadedmetadata = () => done(Number.isFinite(video.duration) && video.duration > 0 ? Math.round(video.duration * 1000) : null);
    video.onerror = () => done(null);
    video.src = url;
  });
}
