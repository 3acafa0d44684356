/** A dialogue event's form values for tests: a published-looking in-person event in 2031, overridable. */
import type { EventFormInput } from '#app/domain/dialogues/schemas';

const doc = (text: string) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

export const eventInput = (overrides: Partial<EventFormInput> = {}): EventFormInput => ({
  format: 'citizen_dialogue',
  mode: 'in_person',
  title: 'Bürgerdialog Hafen',
  description: doc('Wir sprechen über den Hafen.'),
  descriptionText: undefined,
  translations: {},
  startDate: '2031-06-12',
  startTime: '18:00',
  endDate: undefined,
  endTime: '20:00',
  venueName: 'Rathaus',
  venueAddress: 'Marktplatz 1, 20095 Hafenstadt',
  joinUrl: undefined,
  languages: ['de'],
  interpretation: [],
  accessibility: [],
  capacity: undefined,
  deadlineDate: undefined,
  deadlineTime: undefined,
  guestsAllowed: false,
  questions: undefined,
  ...overrides,
});

