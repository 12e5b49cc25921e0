/**
 * Draws the app and tray icons into build/ so they are reproducible from source:
 * `npx tsx build/make-icons.ts`. Shapes are signed-distance functions, supersampled 4×4 for
 * smooth edges; PNG is written by hand because Node has deflate but no image encoder and the
 * icons are too simple to justify an image library.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];
/** Coverage of a shape at a point in unit coordinates (0..1 across the icon): > 0 inside. */
type Shape = (x: number, y: number) => boolean;
interface Layer { readonly shape: Shape; readonly color: Rgba }

const here = dirname(fileURLToPath(import.meta.url));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function encodePng(size: number, pixels: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    rows[y * (size * 4 + 1)] = 0; // no filter
    Buffer.from(pixels.buffer, y * size * 4, size * 4).copy(rows, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function render(size: number, layers: readonly Layer[]): Buffer {
  const samples = 4;
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let color: Rgba = [0, 0, 0, 0];
          for (const layer of layers) if (layer.shape(x, y)) color = layer.color;
          const alpha = color[3] / 255;
          r += color[0] * alpha; g += color[1] * alpha; b += color[2] * alpha; a += alpha;
        }
      }
      const n = samples * samples;
      const offset = (py * size + px) * 4;
      pixels[offset] = a > 0 ? Math.round(r / a) : 0;
      pixels[offset + 1] = a > 0 ? Math.round(g / a) : 0;
      pixels[offset + 2] = a > 0 ? Math.round(b / a) : 0;
      pixels[offset + 3] = Math.round((a / n) * 255);
    }
  }
  return encodePng(size, pixels);
}

const circle = (cx: number, cy: number, radius: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
const ring = (cx: number, cy: number, radius: number, width: number): Shape => (x, y) =>
  Math.abs(Math.hypot(x - cx, y - cy) - radius) <= width / 2;
function segment(ax: number, ay: number, bx: number, by: number, width: number): Shape {
  return (x, y) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= width / 2;
  };
}
const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((shape) => shape(x, y));
const rect = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
function roundedSquare(inset: number, radius: number): Shape {
  return (x, y) => {
    const dx = Math.max(inset + radius - x, 0, x - (1 - inset - radius));
    const dy = Math.max(inset + radius - y, 0, y - (1 - inset - radius));
    return x >= inset && x <= 1 - inset && y >= inset && y <= 1 - inset && dx * dx + dy * dy <= radius * radius;
  };
}
/** An arc of a ring between two angles (radians, clockwise from 3 o'clock, y down). */
function arc(cx: number, cy: number, radius: number, width: number, from: number, to: number): Shape {
  const onRing = ring(cx, cy, radius, width);
  return (x, y) => {
    if (!onRing(x, y)) return false;
    let angle = Math.atan2(y - cy, x - cx);
    if (angle < from) angle += 2 * Math.PI;
    return angle <= to;
  };
}

const WHITE: Rgba = [255, 255, 255, 255];
const stroke = 0.13;
const TRAY: Record<string, { color: Rgba; glyph: Shape }> = {
  synced: { color: [22, 128, 61, 255], glyph: union(segment(0.3, 0.52, 0.45, 0.67, stroke), segment(0.45, 0.67, 0.72, 0.36, stroke)) },
  syncing: {
    color: [29, 99, 190, 255],
    glyph: union(arc(0.5, 0.5, 0.24, stroke, -Math.PI * 0.9, Math.PI * 0.4), segment(0.62, 0.7, 0.66, 0.84, stroke), segment(0.62, 0.7, 0.78, 0.68, stroke)),
  },
  stale: { color: [180, 110, 0, 255], glyph: union(ring(0.5, 0.5, 0.26, 0.1), segment(0.5, 0.5, 0.5, 0.33, 0.1), segment(0.5, 0.5, 0.63, 0.58, 0.1)) },
  // A day behind: the stale clock, in the error's red.
  outdated: { color: [196, 32, 33, 255], glyph: union(ring(0.5, 0.5, 0.26, 0.1), segment(0.5, 0.5, 0.5, 0.33, 0.1), segment(0.5, 0.5, 0.63, 0.58, 0.1)) },
  error: { color: [196, 32, 33, 255], glyph: union(segment(0.5, 0.27, 0.5, 0.56, stroke + 0.02), circle(0.5, 0.73, 0.08)) },
  offline: { color: [96, 104, 112, 255], glyph: union(ring(0.5, 0.5, 0.24, 0.1), segment(0.3, 0.3, 0.7, 0.7, 0.1)) },
  paused: { color: [96, 104, 112, 255], glyph: union(rect(0.35, 0.3, 0.45, 0.7), rect(0.55, 0.3, 0.65, 0.7)) },
};

function writeIcon(path: string, size: number, layers: readonly Layer[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, render(size, layers));
}

for (const [state, { color, glyph }] of Object.entries(TRAY)) {
  const layers: Layer[] = [{ shape: circle(0.5, 0.5, 0.47), color }, { shape: glyph, color: WHITE }];
  writeIcon(join(here, 'tray', `${state}.png`), 16, layers);
  writeIcon(join(here, 'tray', `${state}@2x.png`), 32, layers);
}

// The app icon: a person beside a calendar page, on the practice-teal square.
const teal: Rgba = [14, 116, 124, 255];
writeIcon(join(here, 'icon.png'), 512, [
  { shape: roundedSquare(0.04, 0.18), color: teal },
  { shape: roundedSquare(0.2, 0.06), color: WHITE },
  { shape: rect(0.2, 0.2, 0.8, 0.34), color: [11, 84, 90, 255] },
  { shape: circle(0.5, 0.52, 0.09), color: teal },
  { shape: (x, y) => y >= 0.64 && y <= 0.8 && (x - 0.5) ** 2 / 0.0324 + (y - 0.8) ** 2 / 0.0256 <= 1, color: teal },
]);
