// Draws build/icon.png: the 512×512 app icon electron-builder turns into the Windows .ico and the
// Linux icon set. A warm rounded square with a white rice bowl and steam — no image library needed:
// each pixel is computed from a few shapes (4×4 supersampled for smooth edges) and written as an
// RGBA PNG with zlib.
//
//   node build/make-icon.js        (rewrites build/icon.png; the output is the same every run)
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const BACKGROUND = [0xe8, 0x74, 0x3b]; // warm orange
const BOWL = [0xff, 0xff, 0xff];
const STEAM = [0xff, 0xf1, 0xe0];

/** Inside the rounded square (corner radius 96), with a 16 px margin. */
function inTile(x, y) {
  const m = 16;
  const r = 96;
  if (x < m || y < m || x > SIZE - m || y > SIZE - m) return false;
  const cx = Math.min(Math.max(x, m + r), SIZE - m - r);
  const cy = Math.min(Math.max(y, m + r), SIZE - m - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** The bowl: a half ellipse below the rim, the rim itself, and a foot. */
function inBowl(x, y) {
  const cx = 256;
  const rimTop = 262;
  const rimBottom = 290;
  if (y >= rimTop && y <= rimBottom && Math.abs(x - cx) <= 180) return true;
  if (y > rimBottom && ((x - cx) / 165) ** 2 + ((y - rimBottom) / 130) ** 2 <= 1) return true;
  return y >= 408 && y <= 432 && Math.abs(x - cx) <= 62;
}

/** Three wavy strokes of steam above the bowl. */
function inSteam(x, y) {
  if (y < 108 || y > 236) return false;
  for (const base of [186, 256, 326]) {
    const centre = base + 16 * Math.sin(((y - 108) / 128) * 2 * Math.PI);
    if (Math.abs(x - centre) <= 9) return true;
  }
  return false;
}

const SAMPLES = 4;
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y += 1) {
  const row = y * (SIZE * 4 + 1);
  raw[row] = 0; // filter: none
  for (let x = 0; x < SIZE; x += 1) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SAMPLES; sy += 1) {
      for (let sx = 0; sx < SAMPLES; sx += 1) {
        const px = x + (sx + 0.5) / SAMPLES;
        const py = y + (sy + 0.5) / SAMPLES;
        if (!inTile(px, py)) continue;
        const colour = inBowl(px, py) ? BOWL : inSteam(px, py) ? STEAM : BACKGROUND;
        sum[0] += colour[0];
        sum[1] += colour[1];
        sum[2] += colour[2];
        sum[3] += 1;
      }
    }
    const at = row + 1 + x * 4;
    const covered = sum[3];
    raw[at] = covered ? Math.round(sum[0] / covered) : 0;
    raw[at + 1] = covered ? Math.round(sum[1] / covered) : 0;
    raw[at + 2] = covered ? Math.round(sum[2] / covered) : 0;
    raw[at + 3] = Math.round((covered / (SAMPLES * SAMPLES)) * 255);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // colour type: RGBA
header[10] = 0; // compression
header[11] = 0; // filter
header[12] = 0; // no interlace

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = new URL('./icon.png', import.meta.url);
writeFileSync(out, png);
process.stdout.write(`wrote build/icon.png (${SIZE}×${SIZE}, ${png.length} bytes)\n`);
