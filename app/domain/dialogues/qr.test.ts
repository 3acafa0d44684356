import { createRequire } from 'node:module';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { registrationQrPng, registrationQrSvg } from './qr.server';
import { codeFromScan, formatCode, generateRegistrationCode } from './registration-code';

// pngjs comes with qrcode (which writes its PNGs with it); load it from there rather than count on hoisting.
const requireFromQrcode = createRequire(createRequire(import.meta.url).resolve('qrcode'));
const { PNG } = requireFromQrcode('pngjs') as { PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } } };

const code = generateRegistrationCode();
const checkInUrl = `https://weltoffen.example/musterstadt/veranstaltungen/42/check-in/${formatCode(code)}`;

/**
 * Draws the SVG that qrcode writes — one path of `M x y.5` / `m dx dy` moves and `h n` runs of dark modules —
 * into RGBA pixels, `scale` pixels per module, so jsQR can read it as a camera would.
 */
function rasteriseSvg(svg: string, scale = 4) {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const d = /<path[^>]*\bstroke="#000000"[^>]*\bd="([^"]+)"/.exec(svg)?.[1] ?? '';
  const pixels = new Uint8ClampedArray(size * scale * size * scale * 4).fill(255);
  let x = 0;
  let y = 0;
  for (const [, command, a, b] of d.matchAll(/([Mmh])(-?[\d.]+)(?:\s(-?[\d.]+))?/g)) {
    if (command === 'M') [x, y] = [Number(a), Number(b)];
    else if (command === 'm') [x, y] = [x + Number(a), y + Number(b)];
    else {
      for (let column = x; column < x + Number(a); column++) {
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const offset = ((Math.floor(y) * scale + dy) * size * scale + column * scale + dx) * 4;
            pixels.fill(0, offset, offset + 3);
          }
        }
      }
      x += Number(a);
    }
  }
  return { pixels, width: size * scale, height: size * scale };
}

describe('registrationQrSvg', () => {
  it('has no style attribute or element, and names itself for screen readers', async () => {
    const svg = await registrationQrSvg(checkInUrl, { label: 'QR-Code für „Anmeldung“ <42> & mehr', className: 'qr-code' });
    expect(svg).not.toMatch(/style\s*=/i);
    expect(svg).not.toMatch(/<style/i);
    expect(svg).toMatch(/^<svg role="img" aria-label="QR-Code für „Anmeldung“ &lt;42&gt; &amp; mehr" class="qr-code" xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
    expect(svg).not.toMatch(/\bwidth=/);
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('reads back as the check-in URL, and the URL as the code', async () => {
    const { pixels, width, height } = rasteriseSvg(await registrationQrSvg(checkInUrl, { label: 'QR' }));
    const read = jsQR(pixels, width, height);
    expect(read?.data).toBe(checkInUrl);
    expect(codeFromScan(read?.data ?? '')).toBe(code);
  });
});

describe('registrationQrPng', () => {
  it('is a PNG of about the asked size that reads back as the check-in URL', async () => {
    const png = await registrationQrPng(checkInUrl, 480);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const image = PNG.sync.read(png);
    expect(image.width).toBe(image.height);
    expect(Math.abs(image.width - 480)).toBeLessThan(50);
    const read = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(read?.data).toBe(checkInUrl);
  });

  it('reads back at a small size too', async () => {
    const image = PNG.sync.read(await registrationQrPng(checkInUrl, 160));
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(checkInUrl);
  });
});
