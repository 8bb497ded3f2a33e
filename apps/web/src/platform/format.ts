import dayjs from 'dayjs';
import type { Locale } from './i18n/index.tsx';

/*
 * Dates and numbers as people in the field read them (UI.md): 2026年11月27日 in text,
 * 2026-11-27 14:30 in tables, thousands separators in figures.
 */

/** A date in running text: 2026年11月27日 / 27 Nov 2026. */
export function formatDate(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return locale === 'zh-CN' ? d.format('YYYY年M月D日') : d.format('D MMM YYYY');
}

/** A date and time in a table cell: 2026-11-27 14:30 in local time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dayjs(iso).format('YYYY-MM-DD HH:mm');
}

/** A time of day: 14:30, in local time. */
export function formatTime(iso: string): string {
  return dayjs(iso).format('HH:mm');
}

/** A count with thousands separators. */
export function formatNumber(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(n);
}
