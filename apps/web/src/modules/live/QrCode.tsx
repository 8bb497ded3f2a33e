import { useEffect, useState } from 'react';

/**
 * A QR code drawn in the browser (the `qrcode` library, as the server's room codes) for a URL
 * the server gives but draws no code for: the live session's join link.
 */
export function QrCode({
  text,
  size,
  alt,
  dark = '#000000',
  light = '#ffffff',
}: {
  text: string;
  size: number;
  alt: string;
  dark?: string;
  light?: string;
}) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode').then((QR) =>
      QR.toDataURL(text, { margin: 2, width: size, errorCorrectionLevel: 'M', color: { dark, light } }).then((url) => live && setSrc(url)),
    );
    return () => {
      live = false;
    };
  }, [text, size, dark, light]);
  return src ? (
    <img src={src} width={size} height={size} alt={alt} data-testid="join-qr" />
  ) : (
    <div style={{ width: size, height: size }} role="img" aria-label={alt} />
  );
}
