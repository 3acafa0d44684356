/** Pure helpers for an event's texts and addresses, shared by pages, mails and calendar files. */

export const eventPath = (event: { id: number; townSlug: string | null }) => (event.townSlug ? `/towns/${event.townSlug}/events/${event.id}` : `/network/events/${event.id}`);

export type EventTranslations = Record<string, { title: string; descriptionHtml?: string | null; descriptionText?: string | null }>;

/** The reader's language when the organiser gave the texts in it (or in its base language), else the event's default. */
export function pickLanguage(event: { defaultLanguage: string; translations: EventTranslations }, language: string | undefined): string {
  if (language && event.translations[language]) return language;
  const base = language?.split('-')[0];
  if (base && event.translations[base]) return base;
  return event.defaultLanguage;
}

/** A map link for an address, on OpenStreetMap's own site (a link, never an embed: nothing loads from there). */
export const mapLink = (address: string) => `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`;
