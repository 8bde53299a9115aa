/** Small formatting helpers for the popup (pure, testable). */

/** Whole days from now until an ISO date (negative when past); null when not a date. */
export function daysUntil(iso: string | null, now: number): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  return Math.round((t - now) / 86_400_000);
}

export function formatDate(iso: string, lang: 'ru' | 'en'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(lang === 'ru' ? 'ru-RU' : 'en-GB', { year: 'numeric', month: '2-digit', day: '2-digit' });
}

export function categoryKey(category: string): string {
  return `popup_cat_${category.replace(/-/g, '_')}`;
}
