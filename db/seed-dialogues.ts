/**
 * Demo dialogue events, written through the real domain path: in Hafenstadt a hybrid citizen dialogue with
 * interpretation and registrations, a full workshop with a waiting list, a past information evening and a
 * draft the organiser still has to publish; a round table in Lindenau; and the network's "Bilanz". The
 * registrants are the demo neighbours (who cannot be signed into), so no demo log-in sees another person's
 * registration mail; mail to the demo's reserved addresses is never sent.
 */
import type { Sql } from 'postgres';
import { DEMO_ACCOUNTS, DEMO_NEIGHBOURS } from './seed-data/demo-people';

const doc = (...paragraphs: string[]) => JSON.stringify({ type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });

export async function seedDemoDialogues(sql: Sql): Promise<void> {
  const { loadActor } = await import('../app/domain/auth/actor.server');
  const { createEvent, documentEvent, publishEvent } = await import('../app/domain/dialogues/events.server');
  const { generateRegistrationCode } = await import('../app/domain/dialogues/registration-code');
  const { register } = await import('../app/domain/dialogues/registrations.server');
  const { utcToLocalDateTime } = await import('../app/domain/dialogues/time');
  type Input = Parameters<typeof createEvent>[1];

  const towns = new Map((await sql`select id, slug from municipalities`).map((row) => [row.slug as string, Number(row.id)]));
  const hafenstadt = towns.get('hafenstadt');
  const lindenau = towns.get('lindenau');
  if (!hafenstadt || !lindenau) return;
  const account = async (email: string) => {
    const [row] = await sql`select id from users where email = ${email}`;
    return row ? loadActor(row.id) : null;
  };
  const organiser = await account(DEMO_ACCOUNTS.find((a) => a.roles.some(([, role]) => role === 'organiser'))!.email);
  const network = await account(DEMO_ACCOUNTS.find((a) => a.networkTeam)!.email);
  const lindenauAdmin = await account('admin-lindenau@demo.weltoffen.example');
  if (!organiser || !network || !lindenauAdmin) return;
  const neighbours = (await Promise.all(DEMO_NEIGHBOURS.map((n) => account(n.email)))).filter((actor) => actor !== null);

  /** A day N days from now at the given wall-clock time in Berlin. */
  const day = (offset: number) => utcToLocalDateTime(new Date(Date.now() + offset * 86_400_000), 'Europe/Berlin').date;
  const base = (overrides: Partial<Input>): Input =>
    ({
      townId: hafenstadt,
      format: 'citizen_dialogue',
      mode: 'in_person',
      translations: {},
      startDate: day(14),
      startTime: '18:00',
      endTime: '20:00',
      venueName: 'Rathaus Hafenstadt, Ratssaal',
      venueAddress: 'Am Markt 1, 24103 Hafenstadt',
      languages: ['de'],
      interpretation: [],
      accessibility: ['step_free'],
      guestsAllowed: false,
      ...overrides,
    }) as Input;
  const schedule = async (who: NonNullable<typeof organiser>, input: Input, publish = true) => {
    const { id } = await createEvent(who, input);
    if (publish) await publishEvent(who, { townId: input.townId, eventId: id });
    return id;
  };
  const registerAll = async (townId: number | null, eventId: number, people: typeof neighbours) => {
    for (const person of people) await register(person, { townId, eventId, answers: {}, language: person.language }).catch(() => {});
  };

  const dialogue = await schedule(
    organiser,
    base({
      mode: 'hybrid',
      title: 'Bürgerdialog: Wie soll der neue Hafenpark aussehen?',
      description: doc('Die Stadt plant auf der alten Kaifläche einen Park. Bevor die Entwürfe ausgeschrieben werden, wollen wir von Ihnen hören: Was brauchen Sie dort, was fehlt Ihnen heute?', 'Es gibt Gebärdensprach- und Arabisch-Dolmetschung. Kinderbetreuung im Nebenraum.'),
      translations: {
        en: { title: 'Citizen dialogue: what should the new harbour park look like?', descriptionText: 'The town is planning a park on the old quay. Before the designs are put out to tender, we want to hear from you: what do you need there?' },
        ar: { title: 'حوار المواطنين: كيف يجب أن تبدو حديقة الميناء الجديدة؟', descriptionText: 'تخطط المدينة لإنشاء حديقة على الرصيف القديم. نريد أن نسمع منكم: ماذا تحتاجون هناك؟' },
        tr: { title: 'Vatandaş diyaloğu: Yeni liman parkı nasıl olmalı?', descriptionText: 'Belediye eski rıhtımda bir park planlıyor. Sizden duymak istiyoruz: Orada neye ihtiyacınız var?' },
      },
      joinUrl: 'https://meet.weltoffen.example/hafenpark',
      capacity: 40,
      languages: ['de'],
      interpretation: ['dgs', 'ar'],
      accessibility: ['step_free', 'hearing_loop', 'childcare'],
      guestsAllowed: true,
      questions: 'Brauchen Sie Dolmetschung oder andere Unterstützung?',
    }),
  );
  await registerAll(hafenstadt, dialogue, neighbours.slice(0, 5));

  const workshop = await schedule(
    organiser,
    base({
      format: 'workshop',
      title: 'Workshop: Ehrenamt in der Nachbarschaft',
      description: doc('In kleinen Gruppen sammeln wir, wo Nachbarschaftshilfe gebraucht wird und wer mitmachen möchte. Die Plätze sind begrenzt; wird einer frei, rückt die Warteliste automatisch nach.'),
      startDate: day(9),
      startTime: '10:00',
      endTime: '13:00',
      venueName: 'Stadtteilzentrum Nord',
      venueAddress: 'Lotsenweg 12, 24105 Hafenstadt',
      capacity: 4,
      languages: ['de', 'en'],
      accessibility: ['step_free', 'quiet_room'],
    }),
  );
  await registerAll(hafenstadt, workshop, neighbours.slice(0, 7));

  const infoEvening = await schedule(
    organiser,
    base({
      format: 'information_evening',
      title: 'Informationsabend: Neue Buslinien ab Frühjahr',
      description: doc('Die Verkehrsbetriebe stellen die neuen Linien vor und beantworten Fragen.'),
      startDate: day(-10),
      startTime: '19:00',
      endTime: '20:30',
    }),
  );

  await schedule(
    organiser,
    base({
      format: 'round_table',
      title: 'Runder Tisch Integration (Entwurf)',
      description: doc('Vereine, Beratungsstellen und Verwaltung an einem Tisch. Termin und Ort sind noch abzustimmen.'),
      startDate: day(30),
    }),
    false,
  );

  await schedule(
    lindenauAdmin,
    base({
      townId: lindenau,
      format: 'round_table',
      title: 'Runder Tisch: Sicher unterwegs im Lindenauer Park',
      description: doc('Anwohnende, Polizei und Jugendarbeit sprechen über Beleuchtung, Wege und Treffpunkte.'),
      startDate: day(12),
      venueName: 'Bürgerhaus Lindenau',
      venueAddress: 'Parkstraße 3, 04177 Lindenau',
      languages: ['de', 'ru'],
      interpretation: ['uk'],
    }),
  );

  const bilanz = await schedule(
    network,
    base({
      townId: null,
      format: 'network_review',
      mode: 'online',
      title: 'Bilanz des Netzwerks: ein Jahr Weltoffen',
      description: doc('Einmal im Jahr schauen alle Kommunen des Netzwerks gemeinsam zurück: Was hat der Dialog bewirkt, wo hakt es, was nehmen wir uns vor?'),
      translations: { en: { title: 'Network stock-taking: one year of Weltoffen', descriptionText: 'Once a year all towns of the network look back together.' } },
      startDate: day(21),
      startTime: '17:00',
      endTime: '19:00',
      venueName: undefined,
      venueAddress: undefined,
      joinUrl: 'https://meet.weltoffen.example/bilanz',
      languages: ['de', 'en'],
      interpretation: ['dgs'],
      accessibility: [],
    }),
  );
  await registerAll(null, bilanz, neighbours.slice(2, 6));

  // Last year's stock-taking, documented. Past events take no registrations any more, so who came is written
  // directly, as the check-in at the door would have.
  const lastBilanz = await schedule(
    network,
    base({
      townId: null,
      format: 'network_review',
      mode: 'hybrid',
      title: 'Bilanz des Netzwerks: das erste halbe Jahr',
      description: doc('Die drei Gründungskommunen berichten, was in den ersten sechs Monaten gelungen ist und was nicht.'),
      startDate: day(-60),
      startTime: '17:00',
      endTime: '19:30',
      venueName: 'Rathaus Hafenstadt, Ratssaal',
      venueAddress: 'Am Markt 1, 24103 Hafenstadt',
      joinUrl: 'https://meet.weltoffen.example/bilanz-1',
      languages: ['de', 'en'],
      interpretation: ['dgs'],
    }),
  );
  const attended = async (eventId: number, people: typeof neighbours) => {
    for (const person of people) {
      await sql`insert into dialogue_registrations (event_id, user_id, status, code, language, created_at, confirmed_at, checked_in_at)
                select ${eventId}, ${person.userId}, 'confirmed', ${generateRegistrationCode()}, ${person.language}, e.starts_at - interval '7 days',
                       e.starts_at - interval '7 days', e.starts_at + interval '5 minutes'
                  from dialogue_events e where e.id = ${eventId}`;
    }
  };
  await attended(lastBilanz, neighbours.slice(0, 8));
  await documentEvent(network, {
    townId: null,
    eventId: lastBilanz,
    summaryText: 'Alle drei Kommunen haben ihre Foren eröffnet; in Hafenstadt gab es vier Bürgerdialoge mit zusammen 160 Teilnehmenden.\n\nSchwierig blieb es, junge Menschen und Menschen ohne Deutschkenntnisse zu erreichen.',
    outcomesText: 'Jede Kommune bietet mindestens eine Veranstaltung pro Quartal mit Dolmetschung an.\n\nDas Netzwerk-Team stellt eine Vorlage für Einladungen in Leichter Sprache bereit.',
    recordingUrl: 'https://video.weltoffen.example/bilanz-1',
  });
  await attended(infoEvening, neighbours.slice(3, 7));
  const [thread] = await sql`select id from threads where municipality_id = ${hafenstadt} and not held order by id limit 1`;
  await documentEvent(organiser, {
    followUpThread: thread ? String(thread.id) : undefined,
    townId: hafenstadt,
    eventId: infoEvening,
    summaryText: 'Die Verkehrsbetriebe stellten die Linien 4 und 12 vor. Viele Fragen betrafen die Anbindung des Stadtteils Nord am Abend.',
    outcomesText: 'Die Linie 12 fährt ab April auch nach 21 Uhr im Halbstundentakt. Ein zweiter Termin für Fragen folgt im Forum.',
  });
}
