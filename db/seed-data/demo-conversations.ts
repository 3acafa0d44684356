/**
 * What the demo towns' forums say: the forums' names and descriptions in every interface language, and
 * threads that read like a German town talking to itself — mostly German, some posts in the other
 * languages people here write in, neighbours translating for each other, the administration answering.
 * Pure data (and the few rules for using it): db/seed-forums.ts decides who exists and writes it.
 *
 * `{town}` in a text stands for the town's name (fillTown); it is used only where no case ending follows.
 */
import type { ContentLanguage } from '../../app/domain/forums/language';
import type { Language } from '../../app/i18n/languages';

export type DemoForumSlug = 'ankuendigungen' | 'zusammenleben' | 'ideen';
/** Every interface language but German, whose texts are the forum's own columns. */
export type TranslatedLanguage = Exclude<Language, 'de'>;

export interface DemoForumText {
  name: string;
  description: string;
  nameTranslations: Record<TranslatedLanguage, string>;
  descriptionTranslations: Record<TranslatedLanguage, string>;
}

export interface DemoPost {
  language: ContentLanguage;
  text: string;
}

/**
 * Who writes a post: the town's staff (the administration's voice), or neighbour number n. The seed maps n
 * onto the town's members, cycling, so the same n within a thread is the same person.
 */
export type DemoWriter = 'staff' | number;

export interface DemoReply extends DemoPost {
  by: DemoWriter;
}

export interface DemoThread {
  forum: DemoForumSlug;
  title: string;
  opening: DemoReply;
  replies: DemoReply[];
}

/** A post of the long thread; who writes it is the seed's rotation, except where staff answer. */
export interface LongThreadPost extends DemoPost {
  staff?: true;
}

export interface LongThread {
  forum: DemoForumSlug;
  title: string;
  opening: DemoReply;
  /** Used once each, in this order (translations follow the post they translate). */
  replies: LongThreadPost[];
  /** Short reactions filling the thread between the replies (see planLongThread). */
  reactions: DemoPost[];
  /** Appended to a reaction from its second use on, so no text appears twice. */
  reactionAdditions: Record<ContentLanguage, string[]>;
}

export const fillTown = (text: string, townName: string) => text.replaceAll('{town}', townName);

export const FORUM_TEXTS: Record<DemoForumSlug, DemoForumText> = {
  ankuendigungen: {
    name: 'Ankündigungen',
    description: 'Neuigkeiten aus Rathaus und Verwaltung. Hier schreibt nur das Team der Stadt – Fragen und Diskussionen gern in den anderen Foren.',
    nameTranslations: {
      'de-x-ls': 'Neuigkeiten von der Stadt',
      en: 'Announcements',
      tr: 'Duyurular',
      ar: 'إعلانات',
      uk: 'Оголошення',
      ru: 'Объявления',
      pl: 'Ogłoszenia',
      fa: 'اطلاعیه‌ها',
    },
    descriptionTranslations: {
      'de-x-ls': 'Hier schreibt die Stadt-Verwaltung. Sie lesen hier Neuigkeiten. Sie haben eine Frage? Dann schreiben Sie in einem anderen Forum.',
      en: 'News from the town hall and the council offices. Only the town’s team posts here – questions and discussion are welcome in the other forums.',
      tr: 'Belediyeden ve yönetimden haberler. Burada yalnızca belediye ekibi yazar; sorularınızı ve görüşlerinizi diğer forumlarda paylaşabilirsiniz.',
      ar: 'أخبار من البلدية والإدارة. يكتب هنا فريق البلدية فقط، ويمكنكم طرح الأسئلة والنقاش في المنتديات الأخرى.',
      uk: 'Новини від ратуші та міської адміністрації. Тут пише лише команда міста, а запитання й обговорення — у інших форумах.',
      ru: 'Новости ратуши и городской администрации. Здесь пишет только команда города, а вопросы и обсуждения — в других форумах.',
      pl: 'Wiadomości z ratusza i urzędu miasta. Piszą tu tylko pracownicy miasta – pytania i dyskusje zapraszamy na pozostałe fora.',
      fa: 'خبرهای شهرداری و اداره‌های شهر. اینجا فقط تیم شهرداری می‌نویسد؛ پرسش‌ها و گفت‌وگوها را در انجمن‌های دیگر مطرح کنید.',
    },
  },
  zusammenleben: {
    name: 'Zusammenleben im Quartier',
    description: 'Nachbarschaft, Begegnung, Ideen und Sorgen: alles, was das Miteinander im Viertel betrifft.',
    nameTranslations: {
      'de-x-ls': 'Zusammen leben',
      en: 'Living together in our neighbourhood',
      tr: 'Mahallede birlikte yaşam',
      ar: 'العيش معاً في الحي',
      uk: 'Життя по сусідству',
      ru: 'Жизнь по соседству',
      pl: 'Życie po sąsiedzku',
      fa: 'زندگی در کنار هم در محله',
    },
    descriptionTranslations: {
      'de-x-ls': 'Hier geht es um die Nachbarschaft. Wie leben wir gut zusammen? Sie können hier Fragen stellen. Und Sie können von Sorgen erzählen.',
      en: 'Neighbours, meeting people, ideas and worries – everything about getting along in our part of town.',
      tr: 'Komşuluk, tanışma, fikirler ve dertler: mahallede bir arada yaşamayla ilgili her şey.',
      ar: 'الجيران واللقاءات والأفكار والهموم: كل ما يتعلق بالعيش المشترك في حيّنا.',
      uk: 'Сусіди, зустрічі, ідеї та турботи — усе, що стосується спільного життя в нашому районі.',
      ru: 'Соседи, встречи, идеи и заботы — всё о том, как мы живём вместе в нашем районе.',
      pl: 'Sąsiedzi, spotkania, pomysły i troski – wszystko o tym, jak żyjemy razem w naszej dzielnicy.',
      fa: 'همسایه‌ها، آشنایی، ایده‌ها و نگرانی‌ها: هر آنچه به زندگی در کنار هم در محله مربوط می‌شود.',
    },
  },
  ideen: {
    name: 'Ideen für unsere Stadt',
    description: 'Vorschläge, die wir gemeinsam weiterdenken – von der Parkbank bis zum Busfahrplan.',
    nameTranslations: {
      'de-x-ls': 'Ideen für die Stadt',
      en: 'Ideas for our town',
      tr: 'Şehrimiz için fikirler',
      ar: 'أفكار لمدينتنا',
      uk: 'Ідеї для нашого міста',
      ru: 'Идеи для нашего города',
      pl: 'Pomysły dla naszego miasta',
      fa: 'ایده‌هایی برای شهرمان',
    },
    descriptionTranslations: {
      'de-x-ls': 'Haben Sie eine Idee für die Stadt? Dann schreiben Sie die Idee hier auf. Wir sprechen zusammen darüber.',
      en: 'Suggestions we develop together – from a new park bench to the bus timetable.',
      tr: 'Birlikte geliştirdiğimiz öneriler: parktaki bir banktan otobüs saatlerine kadar.',
      ar: 'اقتراحات نطوّرها معاً، من مقعد في الحديقة إلى مواعيد الحافلات.',
      uk: 'Пропозиції, які ми разом доводимо до ладу, — від лавки в парку до розкладу автобусів.',
      ru: 'Предложения, которые мы вместе обсуждаем и дорабатываем, — от скамейки в парке до расписания автобусов.',
      pl: 'Propozycje, które razem dopracowujemy – od ławki w parku po rozkład jazdy autobusów.',
      fa: 'پیشنهادهایی که با هم پخته‌ترشان می‌کنیم؛ از نیمکت پارک تا ساعت حرکت اتوبوس‌ها.',
    },
  },
};

export const WELCOME_THREAD: DemoThread = {
  forum: 'ankuendigungen',
  title: 'Willkommen im Dialogforum',
  opening: {
    by: 'staff',
    language: 'de',
    text: [
      'Herzlich willkommen im Dialogforum von {town}!',
      'Hier kommen alle ins Gespräch, die in {town} leben oder arbeiten: über das Zusammenleben im Quartier, über Ideen für unsere Stadt und mit Fragen an die Verwaltung. In diesem Forum „Ankündigungen“ informieren wir Sie über Neuigkeiten aus dem Rathaus; mitdiskutieren können Sie in den beiden anderen Foren. Zum Schreiben treten Sie der Stadt mit Ihrem Konto bei.',
      'Schreiben Sie gern in Ihrer eigenen Sprache. Über jedem Beitrag steht, in welcher Sprache er verfasst ist, und in jedem Thema können Sie die Beiträge nach Sprache filtern. Viele Nachbarinnen und Nachbarn übersetzen füreinander – fragen Sie einfach nach.',
      'Damit das Forum ein guter Ort für alle bleibt: Bleiben Sie beim Thema, sachlich und freundlich, auch wenn Sie anderer Meinung sind. Beleidigungen, Drohungen, Hetze gegen Menschen oder Gruppen und private Daten anderer haben hier keinen Platz.',
      'Ein Moderationsteam der Stadt liest mit. Wenn Ihnen ein Beitrag problematisch erscheint, nutzen Sie „Melden“ am Beitrag; das Team prüft jede Meldung und Sie erfahren, wie entschieden wurde. Beiträge, die gegen die Regeln verstoßen, werden ausgeblendet, in schweren Fällen kann jemand auf Zeit oder dauerhaft vom Schreiben ausgeschlossen werden. Gegen eine Entscheidung können Sie einmal Beschwerde einlegen. Wie oft wir eingreifen, steht im öffentlichen Transparenzbericht.',
      'Wir freuen uns auf Ihre Fragen, Ideen und auch auf Kritik!',
    ].join('\n\n'),
  },
  replies: [],
};

export const DEMO_THREADS: DemoThread[] = [
  {
    forum: 'zusammenleben',
    title: 'Nachbarschaftsfest im Sommer',
    opening: {
      by: 0,
      language: 'de',
      text: 'Das Fest im letzten Sommer war so schön – machen wir das dieses Jahr wieder? Ich schlage den zweiten Samstag im Juli vor, ab 15 Uhr. Wer hat Lust, mitzuplanen?',
    },
    replies: [
      {
        by: 1,
        language: 'de',
        text: 'Bin dabei! Aber bitte nicht wieder nur Bratwurst. Wie wäre es, wenn jede Familie etwas mitbringt? Dann wird es ein richtiges Buffet.',
      },
      { by: 2, language: 'tr', text: 'Ben de varım! Annem her yıl börek yapıyor, bu sene de getiririz. Çocuklar için bir oyun köşesi olsa çok güzel olur.' },
      {
        by: 3,
        language: 'de',
        text: 'Für alle, die kein Türkisch lesen: Ihre Mutter backt jedes Jahr Börek, den bringen sie wieder mit, und eine Spielecke für die Kinder wäre schön. Da bin ich sofort dabei – ich besorge Straßenkreide und Seile zum Springen.',
      },
      {
        by: 1,
        language: 'de',
        text: 'Der Marktplatz hat im Juli null Schatten. Was ist mit der Wiese hinter dem Bürgerhaus? Da gibt es Bäume und einen Stromanschluss.',
      },
      { by: 4, language: 'ar', text: 'فكرة رائعة! أستطيع المساعدة في التنظيم وفي ترجمة الإعلان إلى العربية، حتى تعرف العائلات الجديدة في الحي بالموعد أيضاً.' },
      {
        by: 'staff',
        language: 'de',
        text: 'Hallo zusammen, hier das Bürgerbüro: Die Wiese hinter dem Bürgerhaus ist am zweiten Juli-Samstag noch frei. Eine formlose Anmeldung per E-Mail bis Ende Mai reicht, Bierzeltgarnituren und den Stromkasten stellt die Stadt. Musik ist bis 22 Uhr kein Problem – danach bräuchten wir eine Ausnahmegenehmigung.',
      },
      { by: 2, language: 'pl', text: 'Super! Mogę upiec ciasto drożdżowe i pomóc przy rozstawianiu stołów. Kto zbiera listę chętnych?' },
      {
        by: 0,
        language: 'de',
        text: 'Danke euch allen! Ich hänge eine Liste an die Pinnwand im Bürgerhaus und melde das Fest diese Woche an. Erstes Planungstreffen: Dienstag um 18 Uhr im Bürgerhaus, Kaffee bringe ich mit.',
      },
    ],
  },
  {
    forum: 'ideen',
    title: 'Öffnungszeiten der Bibliothek',
    opening: {
      by: 0,
      language: 'de',
      text: 'Die Stadtbibliothek hat unter der Woche bis 18 Uhr offen, donnerstags bis 19 Uhr, samstags gar nicht. Wer Vollzeit arbeitet, schafft das kaum. Könnte sie nicht an einem Abend länger oder am Samstagvormittag öffnen?',
    },
    replies: [
      {
        by: 1,
        language: 'en',
        text: 'Same problem here. I finish work at six and by the time I get there it’s closed. Saturday mornings would be perfect for me and the kids.',
      },
      {
        by: 2,
        language: 'de',
        text: 'Verstehe ich, aber die Bibliothek hat doch nur drei Stellen. Wenn sie samstags öffnet, fehlt jemand an einem anderen Tag. Ich wäre eher für einen langen Donnerstag bis 20 Uhr.',
      },
      {
        by: 3,
        language: 'ru',
        text: 'А может, как в соседнем городе: ящик для возврата книг у входа, чтобы сдавать их в любое время? Уже это бы очень помогло.',
      },
      {
        by: 1,
        language: 'de',
        text: 'Oben kam auf Russisch der Vorschlag einer Rückgabebox am Eingang, damit man Bücher jederzeit abgeben kann. Gute Idee! Und für E-Books gibt es ja die Onleihe, die hat rund um die Uhr offen.',
      },
      {
        by: 'staff',
        language: 'de',
        text: 'Danke für die vielen Hinweise! Aus der Stadtbibliothek: Ab September testen wir ein halbes Jahr lang donnerstags bis 20 Uhr und jeden ersten Samstag im Monat von 10 bis 13 Uhr. Die Rückgabebox ist beantragt. Danach schauen wir, wie die neuen Zeiten angenommen werden.',
      },
      { by: 4, language: 'uk', text: 'Дякую! Субота зранку — це чудово для дітей. А чи будуть тоді й читання казок для малечі? Мої діти дуже їх люблять.' },
      {
        by: 2,
        language: 'de',
        text: 'Vorlesen am Samstag fände ich toll. Wenn es Bücher in mehreren Sprachen gibt, lese ich auch gern mal auf Polnisch vor – und jemand anderes auf Ukrainisch?',
      },
    ],
  },
  {
    forum: 'zusammenleben',
    title: 'Sprachcafé für alle',
    opening: {
      by: 0,
      language: 'de',
      text: 'Im Bürgerhaus gibt es jeden Mittwoch von 17 bis 19 Uhr das Sprachcafé: Deutsch üben bei Tee und Keksen, ohne Kurs und ohne Anmeldung. Wir suchen noch Leute, die einfach Zeit zum Reden mitbringen – egal ob Muttersprachler oder selbst am Lernen.',
    },
    replies: [
      { by: 1, language: 'fa', text: 'سلام، من شش ماه است که آلمانی یاد می‌گیرم و خیلی دوست دارم بیایم. آیا برای تازه‌کارها هم مناسب است؟' },
      {
        by: 2,
        language: 'de',
        text: 'Die Frage auf Farsi war, ob man auch mit wenig Deutsch kommen kann: Ja, unbedingt! Das Sprachcafé ist genau dafür gedacht. Wir haben Bildkarten und fangen mit ganz einfachen Themen an.',
      },
      { by: 3, language: 'uk', text: 'Я теж хотіла б прийти, але в середу працюю до шостої. Чи можна приєднатися пізніше, десь о пів на сьому?' },
      {
        by: 4,
        language: 'de',
        text: 'Laut Übersetzer-App fragt sie, ob man auch später dazukommen kann. Klar, bis 19 Uhr ist immer jemand da – einfach dazusetzen!',
      },
      { by: 1, language: 'en', text: 'Could there be a second date at the weekend too? A lot of parents just can’t make it on a weekday afternoon.' },
      {
        by: 0,
        language: 'de',
        text: 'Wir überlegen schon, einmal im Monat samstags ein Sprachcafé mit Kinderbetreuung im Familienzentrum zu machen. Dafür bräuchten wir noch zwei, drei Leute. Wer hätte Lust?',
      },
      { by: 5, language: 'tr', text: 'Cumartesi günleri ben yardım edebilirim. Hem Almanca hem Türkçe konuşuyorum, çocuklarla da aram iyidir.' },
      {
        by: 'staff',
        language: 'de',
        text: 'Aus dem Integrationsbüro: Die Kinderbetreuung für ein Samstags-Sprachcafé können wir über das Familienzentrum bezahlen. Schreiben Sie hier, wer mitmacht, dann schlagen wir einen ersten Termin vor.',
      },
    ],
  },
  {
    forum: 'ideen',
    title: 'Busverbindungen am Abend',
    opening: {
      by: 0,
      language: 'de',
      text: 'Die Linie 5 fährt nach 20 Uhr nur noch einmal pro Stunde, und der letzte Bus ab Bahnhof geht um 22:40 Uhr. Wer Spätschicht hat oder abends vom Training kommt, steht ewig an der Haltestelle. Geht das nur mir so?',
    },
    replies: [
      {
        by: 1,
        language: 'tr',
        text: 'Hayır, sadece sana değil. Hastanede vardiyalı çalışıyorum ve gece 23:00’ten sonra eve taksiyle dönmek zorundayım. Bu her ay çok pahalıya geliyor.',
      },
      {
        by: 2,
        language: 'de',
        text: 'Hab’s mal übersetzt: Sie arbeitet im Krankenhaus im Schichtdienst und muss nach 23 Uhr Taxi fahren, jeden Monat teuer. Geht mir ähnlich, ich wohne am Mühlenweg.',
      },
      {
        by: 3,
        language: 'de',
        text: 'Ehrlich gesagt ist ein Bus pro Stunde für unsere Größe nicht schlecht, und abends sind die Busse oft fast leer. Wäre ein Rufbus nicht sinnvoller als noch mehr große Busse?',
      },
      {
        by: 4,
        language: 'ar',
        text: 'أؤيد فكرة الحافلة عند الطلب، لكن يجب أن يكون الحجز سهلاً، بالهاتف أيضاً وليس بالتطبيق فقط، لأن كثيراً من كبار السن لا يستخدمون التطبيقات.',
      },
      { by: 1, language: 'de', text: 'Guter Punkt mit dem Telefon (oben auf Arabisch). Meine Oma würde nie im Leben eine App installieren.' },
      {
        by: 'staff',
        language: 'de',
        text: 'Hier die Verwaltung: Ein Rufbus ist tatsächlich in Planung. Ab dem Fahrplanwechsel im Dezember soll er freitags und samstags von 22 bis 1 Uhr zwischen Bahnhof, Krankenhaus und Haltestelle Mühlenweg fahren, buchbar per App und per Telefon bis 30 Minuten vorher. Die Einzelheiten stellen wir im Herbst bei der Einwohnerversammlung vor.',
      },
      {
        by: 2,
        language: 'pl',
        text: 'Świetnie, ale ja wracam z pracy późno także w tygodniu, nie tylko w weekend. Czy autobus na żądanie mógłby jeździć codziennie?',
      },
      {
        by: 0,
        language: 'de',
        text: 'Werktags wäre wirklich wichtig, da stimme ich zu. Ich nehme das als Frage für die Einwohnerversammlung mit. Danke allen für die vielen Rückmeldungen!',
      },
    ],
  },
];

export const LONG_THREAD: LongThread = {
  forum: 'zusammenleben',
  title: 'Wie wollen wir zusammenleben? Die große Runde',
  opening: {
    by: 0,
    language: 'de',
    text: 'In den letzten Jahren sind viele neue Nachbarinnen und Nachbarn nach {town} gekommen, und die Stadt verändert sich. Deshalb eine große Runde für alle: Was läuft gut beim Zusammenleben, was nicht, und was würdet ihr ändern? Schreibt gern in eurer Sprache – wir helfen uns beim Übersetzen.',
  },
  replies: [
    {
      language: 'de',
      text: 'Was gut läuft: Auf dem Spielplatz an der Lindenstraße reden die Eltern inzwischen miteinander, egal in welcher Sprache. Was fehlt: Bänke und mehr Schatten.',
    },
    {
      language: 'de',
      text: 'Ich wohne seit 40 Jahren hier. Früher kannte jeder jeden, heute grüßt man sich im Treppenhaus kaum noch. Das liegt aber nicht an den Neuen, das ist überall so.',
    },
    {
      language: 'tr',
      text: 'Biz on yıldır buradayız. Çocuklarım burada doğdu, burası artık bizim de şehrimiz. Ama hâlâ bazen kendimizi misafir gibi hissediyoruz.',
    },
    {
      language: 'de',
      text: 'Für alle, die kein Türkisch lesen: Sie lebt seit zehn Jahren hier, die Kinder sind hier geboren – und trotzdem fühlt sie sich manchmal noch wie zu Gast. Das sollte uns zu denken geben.',
    },
    {
      language: 'de',
      text: 'Mir fehlt ein Ort, an dem man sich einfach so treffen kann, ohne etwas kaufen zu müssen. Das Bürgerhaus ist ja meistens abgeschlossen.',
    },
    {
      language: 'en',
      text: 'I moved here from Manchester for work two years ago. People seemed reserved at first, but once you join a club everyone is incredibly helpful.',
    },
    {
      language: 'de',
      text: 'Die Grundschule am Park macht das richtig gut: Beim Elterncafé ist immer jemand da, der übersetzt. So trauen sich auch Eltern hin, die noch wenig Deutsch sprechen.',
    },
    { language: 'uk', text: 'Ми приїхали з Харкова два роки тому. Дуже вдячні всім, хто тоді допоміг: із житлом, із документами чи просто добрим словом.' },
    {
      language: 'de',
      text: 'Übersetzung für alle: Die Familie ist vor zwei Jahren aus Charkiw gekommen und bedankt sich bei allen, die bei Wohnung und Papieren geholfen haben – oder einfach mit einem freundlichen Wort.',
    },
    {
      language: 'de',
      text: 'Beim Fußballverein spielen Kinder aus zwölf Ländern in einer Mannschaft. Da klappt das Zusammenleben einfach, weil alle dasselbe wollen: gewinnen.',
    },
    {
      language: 'de',
      text: 'Ein ehrliches Problem sind die Wohnungen. Wer neu kommt, findet kaum etwas, und die Mieten steigen. Am Ende bewerben sich alle auf dieselben drei Anzeigen.',
    },
    {
      language: 'ar',
      text: 'وصلت إلى هنا قبل سنتين مع عائلتي. أكثر ما ساعدنا هو جارتنا المسنّة التي كانت تشرب القهوة معنا وتصحّح لنا أخطاءنا في الألمانية بصبر كبير.',
    },
    {
      language: 'de',
      text: 'Sinngemäß übersetzt: Eine ältere Nachbarin hat mit der Familie Kaffee getrunken und geduldig ihr Deutsch verbessert. So einfach kann Willkommenskultur sein.',
    },
    {
      language: 'de',
      text: 'Lärm ist bei uns im Haus ein Dauerthema. Ich glaube, vieles ließe sich klären, wenn man einfach mal klingelt, statt gleich einen Zettel aufzuhängen.',
    },
    {
      language: 'ru',
      text: 'Я живу здесь уже двадцать лет. Когда мы приехали, по-русски не говорил никто, а сейчас в городе столько языков — это же здорово.',
    },
    {
      language: 'de',
      text: 'Vorschlag: ein Begrüßungspaket für neue Nachbarn mit Stadtplan, Müllkalender, Liste der Arztpraxen und den wichtigsten Telefonnummern. In mehreren Sprachen.',
    },
    {
      language: 'de',
      text: 'Oh ja, der Müllkalender! Ich habe zwei Jahre gebraucht, um das mit dem gelben Sack zu verstehen. Ein Bild sagt da mehr als drei Seiten Text.',
    },
    {
      language: 'pl',
      text: 'Mieszkam tu od pięciu lat i pracuję w szpitalu na zmiany. Najbardziej brakuje mi wieczornych autobusów i miejsca, gdzie dorośli mogą się po prostu spotkać.',
    },
    {
      language: 'de',
      text: 'Bei der Freiwilligen Feuerwehr suchen wir immer Leute. Perfektes Deutsch ist keine Voraussetzung, wir bringen alles bei. Übungsabend ist montags um 19 Uhr am Gerätehaus.',
    },
    { language: 'de', text: 'Deutsch lernen ist der Schlüssel. Aber dafür braucht es Kurse zu Zeiten, die mit Arbeit und Kindern zusammenpassen.' },
    {
      language: 'de',
      text: 'Da widerspreche ich ein bisschen: Man kann auch ohne perfektes Deutsch eine gute Nachbarin sein. Meine spricht kaum Deutsch und ist die Erste, die hilft, wenn etwas ist.',
    },
    {
      language: 'fa',
      text: 'من از افغانستان آمده‌ام و سه سال است اینجا زندگی می‌کنم. بزرگ‌ترین کمک برایم کلاس خیاطی در مرکز خانواده بود؛ آنجا دوستان زیادی پیدا کردم.',
    },
    {
      language: 'de',
      text: 'Das Stadtfest im September könnte viel bunter sein. Warum nicht eine Bühne, auf der Vereine aus allen Gemeinschaften Musik und Tanz zeigen?',
    },
    {
      language: 'de',
      text: 'Beim Fastenbrechen in der Moschee im Frühjahr waren auch viele Nachbarn, die selbst nicht fasten. Das war einer der schönsten Abende des Jahres.',
    },
    {
      language: 'en',
      text: 'One thing I’d love: a list of doctors who speak English or other languages. Explaining symptoms in your second language is really stressful.',
    },
    {
      language: 'de',
      text: 'Auf dem Weihnachtsmarkt hatte der Kulturverein einen Stand mit Baklava und Glühwein, und alkoholfreien Punsch gab es auch. Genau so stelle ich mir das vor.',
    },
    { language: 'de', text: 'Ich wünsche mir mehr Angebote für Jugendliche. Ab 14 gibt es hier fast nichts, deshalb hängen viele abends am Bahnhof herum.' },
    { language: 'tr', text: 'Kadınlar için ayrı yüzme saatleri olsa çok iyi olurdu. Birçok kadın karma havuza gitmek istemiyor, ama yüzmeyi çok seviyor.' },
    {
      language: 'de',
      text: 'Übersetzt: Sie wünscht sich Schwimmzeiten nur für Frauen. In der Nachbarstadt gibt es das samstags früh schon, und das Becken ist voll. Warum nicht auch bei uns?',
    },
    { language: 'de', text: 'Das Jugendzentrum hat nur dienstags und donnerstags offen. Wenn es auch am Wochenende aufhätte, wäre schon viel gewonnen.' },
    {
      language: 'de',
      text: 'Als Lehrerin erlebe ich: Die Kinder lernen schnell Deutsch, die Eltern bleiben oft außen vor. Elternabende mit Dolmetscherinnen würden viel verändern.',
    },
    { language: 'uk', text: 'Мій син грає у футбольному клубі, і саме там він знайшов перших друзів. Тренер для нього справжній герой.' },
    {
      language: 'de',
      text: 'Die Tafel sucht Ehrenamtliche, besonders Leute, die Arabisch, Ukrainisch oder Türkisch sprechen. Ausgabe ist dienstags und freitags ab 14 Uhr.',
    },
    {
      language: 'de',
      text: 'Ich bin bei noch mehr Festen skeptisch. Schön und gut, aber im Alltag hilft mir eher, wenn der Hausmeister erreichbar ist und das Treppenhaus sauber bleibt.',
    },
    { language: 'de', text: 'Der Alltag zählt, klar. Aber beim Fest lernt man die Leute kennen, und dann redet man auch im Treppenhaus leichter miteinander.' },
    { language: 'ar', text: 'في رمضان القادم نريد أن ندعو كل الجيران إلى إفطار مشترك في ساحة السوق. من يحب أن يساعد في التحضير؟' },
    {
      language: 'de',
      text: 'Der Seniorentreff im Gemeindehaus ist offen für alle. Jeden zweiten Mittwoch wird zusammen gekocht, zuletzt gab es ukrainischen Borschtsch.',
    },
    {
      language: 'de',
      text: 'Was ich mir wünsche: dass Ämter ihre Briefe in einfacher Sprache schreiben. Selbst ich als Muttersprachler verstehe manche Bescheide nicht.',
    },
    { language: 'ru', text: 'Предлагаю открыть шахматный клуб в библиотеке. Шахматы — это язык, который понимают все.' },
    { language: 'de', text: 'Schachklub in der Bibliothek, wie oben auf Russisch vorgeschlagen? Da wäre ich sofort dabei. Schach versteht wirklich jeder.' },
    {
      language: 'de',
      text: 'Die Stadtteilbücherei hat jetzt ein Regal mit Büchern in acht Sprachen. Wer Bücher spenden möchte, kann sie einfach an der Theke abgeben.',
    },
    {
      language: 'de',
      text: 'Im Kleingartenverein haben letztes Jahr drei neue Familien eine Parzelle bekommen. Seitdem wachsen bei uns Koriander und Auberginen – samt Rezepten.',
    },
    { language: 'pl', text: 'W naszym bloku sąsiadka z Syrii nauczyła moje dzieci grać w tryktraka, a ja ją lepić pierogi. Tak to powinno wyglądać.' },
    {
      language: 'de',
      text: 'Radfahren ist hier gefährlich. Die Kinder fahren über die Hauptstraße zur Schule, ohne Radweg. Das betrifft alle, egal woher sie kommen.',
    },
    {
      language: 'de',
      text: 'Eine Tauschbörse in der Nachbarschaft fände ich gut: Ich verleihe meine Bohrmaschine, und jemand hilft mir dafür mit dem Computer.',
    },
    { language: 'en', text: 'The Repair Café is brilliant, by the way. I took my bike in to be fixed and ended up staying two hours chatting.' },
    {
      language: 'de',
      text: 'Bei uns im Block gibt es eine Chatgruppe für das ganze Haus. Seitdem wissen wir, wenn jemand krank ist oder Hilfe beim Tragen braucht.',
    },
    {
      language: 'de',
      text: 'Ich bin vor drei Jahren aus Syrien gekommen. Am meisten geholfen hat mir ein Nachbar, der mich zum Chor mitgenommen hat. Singen geht auch ohne perfekte Grammatik.',
    },
    { language: 'tr', text: 'Camide herkese açık bir Almanca kursu var. Salı ve perşembe akşamları saat altıda, ücretsiz.' },
    {
      language: 'de',
      text: 'Der Wochenmarkt am Samstag ist für mich der Ort, an dem die ganze Stadt zusammenkommt. Könnte die Stadt dort nicht ab und zu einen Infostand machen?',
    },
    {
      language: 'de',
      text: 'Ich fände Patenschaften gut: Alteingesessene begleiten Neue in den ersten Monaten, zum Beispiel zu Behörden oder bei der Kita-Anmeldung.',
    },
    { language: 'de', text: 'Die Kita-Plätze sind das größte Problem. Da hilft das schönste Fest nichts, wenn man monatelang auf einen Platz wartet.' },
    { language: 'fa', text: 'جشن نوروز را پارسال در سالن محله برگزار کردیم و همسایه‌های آلمانی هم آمدند. امسال هم همه را دعوت می‌کنیم.' },
    {
      language: 'de',
      text: 'Für alle: Das Nouruz-Fest, das persische Neujahr im März, war letztes Jahr im Bürgerhaus, und diesmal sind wieder alle eingeladen. Ich war dabei, es war großartig!',
    },
    {
      language: 'de',
      text: 'Zum Thema Lärm: Im Stadtpark läuft abends oft laute Musik. Ich verstehe, dass junge Leute sich treffen wollen, aber ab 22 Uhr wird es für die Anwohner schwierig.',
    },
    {
      language: 'de',
      text: 'Vielleicht braucht es einfach einen Ort für Jugendliche, an dem es niemanden stört. Einen überdachten Treff am Sportplatz zum Beispiel.',
    },
    { language: 'ar', text: 'أعمل ممرضة في المستشفى، ويمكنني المساعدة في الترجمة عند الطبيب إذا احتاج أحد إلى ذلك.' },
    {
      language: 'de',
      text: 'Die Moscheegemeinde lädt am 3. Oktober wieder zum Tag der offenen Moschee ein. Es gibt Führungen und Tee, alle sind willkommen.',
    },
    {
      language: 'de',
      text: 'Im Sportverein merke ich: Viele wissen gar nicht, dass es ermäßigte Beiträge für Familien mit wenig Geld gibt. Das müssten wir besser bekannt machen.',
    },
    { language: 'uk', text: 'Я вчителька математики, але мій диплом тут досі не визнали. Може, хтось уже пройшов цей шлях і підкаже, з чого почати?' },
    {
      language: 'de',
      text: 'Zur Frage oben nach der Anerkennung des Lehrerinnen-Diploms: Die Migrationsberatung im Rathaus kennt die richtigen Stellen. Bei mir hat es knapp ein Jahr gedauert, aber es hat geklappt.',
    },
    { language: 'de', text: 'Kurzer Tipp: Die Migrationsberatung im Rathaus hat donnerstags von 9 bis 12 Uhr eine offene Sprechstunde, ohne Termin.' },
    {
      language: 'de',
      text: 'Für mich heißt Zusammenleben auch, dass man Konflikte ansprechen darf, ohne gleich in eine Ecke gestellt zu werden. In diesem Forum klappt das bisher gut.',
    },
    { language: 'de', text: 'Wir reden oft zu viel über Unterschiede. Die meisten Sorgen sind doch die gleichen: Miete, Schule, Arbeit, Gesundheit.' },
    { language: 'ru', text: 'Очень не хватает скамеек по дороге от остановки до поликлиники. Пожилым людям тяжело идти без передышки.' },
    {
      language: 'de',
      text: 'Hausärzte sind ein großes Thema. Kaum eine Praxis nimmt noch neue Patienten auf, egal ob man hier geboren ist oder nicht.',
    },
    { language: 'de', text: 'Mein Vorschlag fürs nächste Stadtfest: eine lange Tafel quer über den Marktplatz, zu der alle etwas zu essen mitbringen.' },
    {
      language: 'en',
      text: 'As an international student, the hardest part was finding a flat. Landlords often don’t reply if your name doesn’t sound German.',
    },
    {
      language: 'de',
      text: 'Beim Repair-Café im Bürgerhaus reparieren wir jeden ersten Samstag im Monat Fahrräder, Toaster und Kleidung. Da kommt man ganz von selbst ins Gespräch.',
    },
    {
      language: 'de',
      text: 'Ich habe lange in einer Großstadt gewohnt. Hier ist es ruhiger, aber man wird schneller angesprochen. Das finde ich eigentlich schön.',
    },
    {
      language: 'de',
      text: 'Manche älteren Nachbarn tun sich mit Veränderungen schwer. Die erreicht man nicht mit Plakaten, sondern indem man sie persönlich einlädt.',
    },
    { language: 'tr', text: 'Mahalledeki bakkal sadece bir dükkân değil, aynı zamanda bir buluşma yeri. Yaşlı komşular oraya sohbet etmeye geliyor.' },
    {
      language: 'de',
      text: 'Wie wäre es mit einem Stadtspaziergang, bei dem Alteingesessene von früher erzählen und Zugezogene von den Orten, aus denen sie kommen?',
    },
    {
      language: 'de',
      text: 'Der Bolzplatz hinter der Schule ist seit Monaten gesperrt. Dabei haben dort die Jugendlichen aus allen Straßen zusammen gekickt.',
    },
    { language: 'pl', text: 'Czy w bibliotece mogłyby być też książki po polsku? Mieszka tu sporo Polaków, a dzieci chętnie czytałyby w obu językach.' },
    { language: 'de', text: 'Ich würde gern einen Nähtreff gründen. Zwei Nähmaschinen und Zeit habe ich. Gibt es einen Raum, den man dafür nutzen kann?' },
    { language: 'de', text: 'Zum Nähtreff: Im Familienzentrum kann man Räume für Gruppen kostenlos nutzen, einfach vorher anrufen.' },
    { language: 'fa', text: 'کسی می‌داند کجا می‌شود برای بچه‌ها کلاس شنا پیدا کرد؟ استخر شهر همیشه پر است.' },
    {
      language: 'de',
      text: 'Die Frage auf Farsi war nach Schwimmkursen für Kinder. Die DLRG-Ortsgruppe bietet im Hallenbad Kurse an, die Warteliste ist lang, aber es lohnt sich, sich einzutragen.',
    },
    {
      language: 'de',
      text: 'Mir ist wichtig, dass die Stadt nicht nur zuhört, sondern auch sagt, was aus den Vorschlägen geworden ist. Sonst macht irgendwann keiner mehr mit.',
    },
    {
      staff: true,
      language: 'de',
      text: 'Aus dem Rathaus: Wir lesen diese Runde aufmerksam mit. Das Begrüßungspaket, längere Öffnungszeiten im Jugendzentrum und der gesperrte Bolzplatz kommen in die nächste Sitzung des Sozialausschusses. Danach berichten wir hier, was beschlossen wurde.',
    },
    { language: 'de', text: 'Danke, das ist ein gutes Zeichen. Gerade der Bolzplatz wäre schnell zu lösen.' },
    {
      language: 'de',
      text: 'Ich bin in Polen aufgewachsen und lebe seit 15 Jahren hier. Ich fühle mich als Teil der Stadt, werde aber immer noch gefragt, woher ich „wirklich“ komme.',
    },
    { language: 'uk', text: 'Було б добре мати розмовний клуб для дорослих увечері, де можна практикувати німецьку без стресу й без оцінок.' },
    {
      language: 'de',
      text: 'In unserer Straße gibt es jedes Jahr einen Flohmarkt. Letztes Mal haben zum ersten Mal auch die Familien aus dem neuen Wohnheim mitgemacht.',
    },
    { language: 'de', text: 'Zum Thema Wohnen: Die Wohnungen über dem alten Supermarkt stehen seit Jahren leer. Könnte die Stadt da nicht etwas machen?' },
    { language: 'ar', text: 'أطفالي يحبون المكتبة كثيراً. شكراً لأن فيها كتباً باللغة العربية أيضاً.' },
    {
      language: 'de',
      text: 'Ich bin Vermieter und habe gute Erfahrungen gemacht. Was hilft, ist eine feste Ansprechperson, falls es Probleme gibt – auf beiden Seiten.',
    },
    { language: 'de', text: 'Wer macht beim Begrüßungspaket mit? Ich kann Texte schreiben, brauche aber Leute für die Übersetzungen.' },
    { language: 'en', text: 'Happy to help with the English version of the welcome pack.' },
    { language: 'ar', text: 'وأنا أساعد في الترجمة إلى العربية عندما يصبح النص الألماني جاهزاً.' },
    {
      language: 'de',
      text: 'Die Volkshochschule bietet ab Oktober einen Deutschkurs am Abend mit Kinderbetreuung an, dienstags und donnerstags von 18 bis 20 Uhr.',
    },
    { language: 'tr', text: 'Bence en önemlisi okul. Çocuklar okulda mutlu olursa, aileler de buraya bağlanır.' },
    { language: 'de', text: 'Schön, dass hier so viele Sprachen stehen. Man sieht auf einen Blick, wer alles in dieser Stadt lebt.' },
    {
      language: 'de',
      text: 'Bitte nicht vergessen: Nicht jeder kann gut lesen und schreiben, egal in welcher Sprache. Ein offenes Treffen im Bürgerhaus wäre eine gute Ergänzung zum Forum.',
    },
    { language: 'ru', text: 'Наш дом — как маленький мир: шесть семей и пять языков. Летом мы вместе жарим шашлыки во дворе.' },
    {
      language: 'de',
      text: 'Was mir gefällt: Kinder übersetzen für ihre Eltern und sind stolz darauf. Aber wir sollten sie nicht mit Arztbesuchen und Behördenbriefen überfordern.',
    },
    { language: 'fa', text: 'به نظرم مهم است که بچه‌ها زبان مادری‌شان را هم فراموش نکنند. شاید کتابخانه بتواند کتاب‌های فارسی هم داشته باشد.' },
    { language: 'de', text: 'Der Chor „Stimmen der Stadt“ probt donnerstags um 19:30 Uhr im Gemeindehaus. Noten lesen muss niemand können.' },
    { language: 'pl', text: 'Zgadzam się z tym, co ktoś napisał wyżej o mieszkaniach. Czynsze są za wysokie dla młodych rodzin, bez względu na pochodzenie.' },
    { language: 'de', text: 'Die Hundebesitzer im Park sind auch so ein Thema. Ich habe selbst einen Hund, aber die Tüten liegen lassen geht gar nicht.' },
    { language: 'en', text: 'Honestly, this thread has been the best introduction to the town I’ve had so far.' },
    {
      staff: true,
      language: 'de',
      text: 'Kurzer Zwischenstand aus dem Rathaus: Der Bolzplatz bekommt im Frühjahr einen neuen Zaun und wird dann wieder geöffnet. Für das Begrüßungspaket suchen wir noch Freiwillige fürs Übersetzen, gern hier melden.',
    },
    { language: 'uk', text: 'Дякую за цю розмову. Тут відчуваєш, що тебе справді чують.' },
    { language: 'de', text: 'Das mit dem Bolzplatz freut mich wirklich. Dann organisieren wir zur Wiedereröffnung ein kleines Turnier für alle Straßen.' },
    { language: 'ru', text: 'Спасибо, что администрация здесь отвечает. Это дорогого стоит.' },
    { language: 'fa', text: 'از همه‌ی همسایه‌ها ممنونم. اینجا کم‌کم احساس می‌کنم در خانه‌ی خودم هستم.' },
    { language: 'pl', text: 'Mogę pomóc przy turnieju i przy festynie – mam doświadczenie w organizowaniu imprez dla dzieci.' },
    { language: 'de', text: 'Danke für diese Runde. Ich habe hier mehr über meine Nachbarschaft gelernt als in zehn Jahren Treppenhaus.' },
  ],
  reactions: [
    { language: 'de', text: 'Sehe ich genauso.' },
    { language: 'de', text: 'Stimmt, das kenne ich auch.' },
    { language: 'en', text: 'Totally agree.' },
    { language: 'de', text: 'Danke, dass du das ansprichst.' },
    { language: 'tr', text: 'Kesinlikle katılıyorum.' },
    { language: 'de', text: 'Da ist was dran.' },
    { language: 'uk', text: 'Повністю згодна.' },
    { language: 'de', text: 'Unterschreibe ich sofort.' },
    { language: 'ar', text: 'أتفق معك تماماً.' },
    { language: 'de', text: 'Kann ich nur bestätigen.' },
    { language: 'pl', text: 'Zgadzam się w stu procentach.' },
    { language: 'de', text: 'Geht mir genauso.' },
    { language: 'ru', text: 'Полностью согласен.' },
    { language: 'de', text: 'Wichtiger Punkt!' },
    { language: 'fa', text: 'کاملاً موافقم.' },
    { language: 'de', text: 'Das sehe ich etwas anders, aber gut, dass es mal gesagt wird.' },
    { language: 'en', text: 'Same here.' },
    { language: 'de', text: 'Guter Gedanke.' },
    { language: 'tr', text: 'Çok güzel bir fikir!' },
    { language: 'de', text: 'Das sollte die Stadt unbedingt lesen.' },
    { language: 'uk', text: 'Гарна думка!' },
    { language: 'de', text: 'Volle Zustimmung.' },
    { language: 'ar', text: 'كلام في محله.' },
    { language: 'de', text: 'Schön, das zu lesen.' },
    { language: 'pl', text: 'Świetny pomysł!' },
    { language: 'de', text: 'Das hätte ich auch gern früher gewusst.' },
    { language: 'ru', text: 'Хорошая мысль!' },
    { language: 'de', text: 'Finde ich einen guten Ansatz.' },
    { language: 'en', text: 'Good point, thanks for raising it.' },
    { language: 'de', text: 'Bin ganz bei dir.' },
    { language: 'fa', text: 'حرف درستی است.' },
    { language: 'de', text: 'Das kann ich gut nachvollziehen.' },
    { language: 'tr', text: 'Ben de aynı şeyi düşünüyorum.' },
    { language: 'de', text: 'Hoffentlich bewegt sich da was.' },
    { language: 'uk', text: 'Так і є.' },
    { language: 'de', text: 'Ja, genau so.' },
    { language: 'ar', text: 'شكراً على هذه الفكرة.' },
    { language: 'de', text: 'Sehr wahr.' },
    { language: 'pl', text: 'Dokładnie tak.' },
    { language: 'de', text: 'Das wäre ein Anfang.' },
    { language: 'ru', text: 'Согласна, это важно.' },
    { language: 'en', text: 'That would help a lot of people.' },
    { language: 'de', text: 'Dem schließe ich mich an.' },
    { language: 'fa', text: 'ممنون که این را نوشتید.' },
    { language: 'de', text: 'Genau mein Gedanke.' },
  ],
  reactionAdditions: {
    de: ['Danke fürs Aufschreiben.', 'Bin gespannt, was daraus wird.', 'Hoffentlich liest die Stadt mit.', 'Lasst uns da dranbleiben.'],
    en: ['Thanks for writing it down.', 'Curious to see what comes of it.', 'Let’s keep at it.'],
    tr: ['Yazdığın için teşekkürler.', 'Bakalım ne olacak.', 'Umarım belediye de okuyordur.'],
    ar: ['شكراً لأنك كتبت ذلك.', 'أتمنى أن تقرأ البلدية هذا.', 'لنتابع الموضوع معاً.'],
    uk: ['Дякую, що написали.', 'Цікаво, що з цього вийде.', 'Сподіваюся, місто це читає.'],
    ru: ['Спасибо, что написали.', 'Интересно, что из этого выйдет.', 'Надеюсь, в мэрии это читают.'],
    pl: ['Dzięki, że to napisałeś.', 'Ciekawe, co z tego wyjdzie.', 'Mam nadzieję, że miasto to czyta.'],
    fa: ['ممنون که نوشتید.', 'ببینیم چه می‌شود.', 'امیدوارم شهرداری هم این را بخواند.'],
  },
};

/**
 * The replies of the long thread, `count` of them: every written reply once, in order, spread evenly, and
 * short reactions in between. A reaction used again gets one of its language's additions (a different one
 * each round), so no text repeats until a reaction has been used more often than its language has additions.
 * Writers are a running number (the seed cycles it through the town's members); staff replies stay staff.
 */
export function planLongThread(count: number, thread: LongThread = LONG_THREAD): DemoReply[] {
  const replies = thread.replies.slice(0, count);
  const replyAt = new Set(replies.map((_, k) => Math.floor((k * count) / replies.length)));
  let nextReply = 0;
  let nextReaction = 0;
  return Array.from({ length: count }, (_, i): DemoReply => {
    if (replyAt.has(i)) {
      const { staff, ...post } = replies[nextReply++];
      return { ...post, by: staff ? 'staff' : i + 1 };
    }
    return { ...reactionVariant(thread, nextReaction++), by: i + 1 };
  });
}

function reactionVariant(thread: LongThread, n: number): DemoPost {
  const index = n % thread.reactions.length;
  const round = Math.floor(n / thread.reactions.length);
  const base = thread.reactions[index];
  if (round === 0) return base;
  const additions = thread.reactionAdditions[base.language];
  return { language: base.language, text: `${base.text} ${additions[(index + round - 1) % additions.length]}` };
}
