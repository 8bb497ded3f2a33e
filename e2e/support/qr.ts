import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** The text of a QR code in a PNG (e.g. the meeting's sign-in URL), as a phone's camera would read it. */
export function decodeQrPng(png: Buffer): string {
  const img = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength), img.width, img.height);
  if (!code) throw new Error('no QR code found in the image');
  return code.data;
}
