/**
 * Re-encodes an opaque RGBA picture of at most 256 colours as an indexed PNG (colour type 3):
 * a chart has a few dozen colours (anti-aliased text on flat fills), so one byte a pixel instead
 * of four makes it several times smaller than resvg's RGBA PNG. Pure, on node:zlib.
 */
import { deflateSync } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/**
 * The indexed PNG of `rgba` pixels (width × height × 4 bytes), or undefined when the picture has
 * more than 256 colours or any transparency (keep the RGBA PNG then).
 * @example const png = palettePng(image.pixels, image.width, image.height) ?? image.asPng();
 */
export function palettePng(rgba: Buffer, width: number, height: number): Buffer | undefined {
  const pixels = asWords(rgba);
  const index = new Map<number, number>();
  const rows = Buffer.alloc(height * (width + 1)); // each row: filter byte 0 (none), then indexes
  let last = -1;
  let lastIndex = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0, p = y * width, o = y * (width + 1) + 1; x < width; x++, p++, o++) {
      const colour = pixels[p]!; // A B G R, little-endian words
      if (colour !== last) {
        if (colour >>> 24 !== 0xff) return undefined;
        let i = index.get(colour);
        if (i === undefined) {
          if (index.size === 256) return undefined;
          index.set(colour, (i = index.size));
        }
        last = colour;
        lastIndex = i;
      }
      rows[o] = lastIndex;
    }
  }
  const palette = Buffer.alloc(index.size * 3);
  for (const [colour, i] of index) palette.set([colour & 0xff, (colour >>> 8) & 0xff, (colour >>> 16) & 0xff], i * 3);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 3, 0, 0, 0], 8);
  return Buffer.concat([
    SIGNATURE,
    chunk("IHDR", header),
    chunk("PLTE", palette),
    chunk("IDAT", deflateSync(rows, { level: 6 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The RGBA bytes as 32-bit words read little-endian (copied when not 4-byte aligned). */
function asWords(rgba: Buffer): Uint32Array {
  const bytes = rgba.byteOffset % 4 === 0 ? rgba : Buffer.from(rgba);
  return new Uint32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 4));
}
