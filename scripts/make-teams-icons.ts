import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

/**
 * Draws the Teams app icons into manifests/teams/: color.png (192×192, white glyph on the accent
 * colour, full bleed) and outline.png (32×32, white glyph on transparency), as Teams requires.
 * The glyph is an "import" arrow dropping into a tray. Run it after changing the drawing:
 *   npm run build && node dist/scripts/make-teams-icons.js
 */

export const ACCENT = { r: 0x1f, g: 0x6f, b: 0xeb };

type Shape = (x: number, y: number) => boolean;

/** In unit coordinates (0..1), y pointing down. */
const shapes: Shape[] = [
  // The arrow's shaft and head.
  (x, y) => x >= 0.44 && x <= 0.56 && y >= 0.14 && y <= 0.5,
  (x, y) => y >= 0.44 && y <= 0.66 && Math.abs(x - 0.5) <= (0.66 - y) * 0.95,
  // The tray: a floor and two walls.
  (x, y) => x >= 0.18 && x <= 0.82 && y >= 0.74 && y <= 0.84,
  (x, y) => x >= 0.18 && x <= 0.28 && y >= 0.56 && y <= 0.84,
  (x, y) => x >= 0.72 && x <= 0.82 && y >= 0.56 && y <= 0.84,
];

/** How much of the pixel the glyph covers, from 4×4 samples (smooth edges at 32 px). */
function coverage(px: number, py: number, size: number): number {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const x = (px + (sx + 0.5) / 4) / size;
      const y = (py + (sy + 0.5) / 4) / size;
      if (shapes.some((inside) => inside(x, y))) hits++;
    }
  }
  return hits / 16;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG from a pixel function. */
export function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    rows[row] = 0; // filter: none
    for (let x = 0; x < size; x++) rows.set(pixel(x, y), row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function colorIcon(): Buffer {
  return png(192, (x, y) => {
    const a = coverage(x, y, 192);
    const mix = (base: number) => Math.round(base + (255 - base) * a);
    return [mix(ACCENT.r), mix(ACCENT.g), mix(ACCENT.b), 255];
  });
}

export function outlineIcon(): Buffer {
  return png(32, (x, y) => [255, 255, 255, Math.round(coverage(x, y, 32) * 255)]);
}

function main(): void {
  const dir = join(process.cwd(), 'manifests', 'teams');
  writeFileSync(join(dir, 'color.png'), colorIcon());
  writeFileSync(join(dir, 'outline.png'), outlineIcon());
  console.log(`wrote ${join(dir, 'color.png')} and ${join(dir, 'outline.png')}`);
}

if (process.argv[1]?.endsWith('make-teams-icons.js')) main();
