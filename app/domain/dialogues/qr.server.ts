/**
 * The QR code on a registration: SVG for the confirmation page, PNG for the confirmation mail (mail clients
 * do not show inline SVG). It encodes the check-in URL the caller builds (`codeFromScan` in
 * `registration-code.ts` reads the code back out of it at the door). Rendered on our server by `qrcode`:
 * no third-party QR service ever sees a registration.
 */
import QRCode, { type QRCodeErrorCorrectionLevel } from 'qrcode';
import { settings } from '#app/env.server';

/** What a registration's QR code holds: the event's check-in page with the code, so any phone camera opens it. */
export const registrationCheckInUrl = (eventPath: string, code: string) => `${settings().publicOrigin}${eventPath}/check-in?code=${code}`;

// M (15 % redundancy) keeps a ~70-character URL at a small version, so modules stay large on a printed letter
// or a dimmed phone screen held up to the organiser's camera.
const ERROR_CORRECTION: QRCodeErrorCorrectionLevel = 'M';
// The standard's quiet zone: four modules of white, without which many scanners do not find the code.
const QUIET_ZONE = 4;

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface QrSvgOptions {
  /** The image's accessible name, translated (e.g. "QR code for your registration ABCD-EFGH-K"). */
  label: string;
  /** Class for sizing it from the stylesheet; the SVG has no width of its own and scales to its box. */
  className?: string;
}

/**
 * The QR code as an SVG element to put into a page. It carries no `style` attribute or element (the CSP
 * forbids inline styles); qrcode 1.5 writes none, and any that a later version adds are stripped.
 */
export async function registrationQrSvg(checkInUrl: string, options: QrSvgOptions): Promise<string> {
  const svg = await QRCode.toString(checkInUrl, { type: 'svg', errorCorrectionLevel: ERROR_CORRECTION, margin: QUIET_ZONE });
  const withoutStyles = svg.replace(/\s+style\s*=\s*("[^"]*"|'[^']*')/gi, '').replace(/<style[\s\S]*?<\/style>/gi, '');
  const attributes = [`role="img"`, `aria-label="${escapeAttribute(options.label)}"`, options.className ? `class="${escapeAttribute(options.className)}"` : null]
    .filter(Boolean)
    .join(' ');
  return withoutStyles.replace(/^<svg\b/, `<svg ${attributes}`).trim();
}

/**
 * The QR code as PNG bytes, for a mail attachment (or an `<img>` with a `cid:` reference). `size` is the
 * image's width and height in pixels, rounded by qrcode to whole pixels per module.
 */
export async function registrationQrPng(checkInUrl: string, size = 480): Promise<Buffer> {
  return QRCode.toBuffer(checkInUrl, { type: 'png', errorCorrectionLevel: ERROR_CORRECTION, margin: QUIET_ZONE, width: size });
}
