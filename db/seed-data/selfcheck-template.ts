/**
 * The demo Selbstcheck "Weltoffene Kommune", version 1: five dimensions a German municipal administration
 * recognises, concrete questions with guidance on what counts, and instruments per dimension — features of
 * the platform or outside material. German and English; the other languages fall back to German until
 * translated. Parsed at import, so a broken edit fails the seed (and its test) instead of reaching a page.
 */
import { questionnaireTemplateSchema, type QuestionnaireTemplateInput } from '../../app/domain/selfcheck/questionnaire';

type Points = [value: number, de: string, en: string][];
const scaleOf = (points: Points) => ({ points: points.map(([value, de, en]) => ({ value, label: { de, en } })) });

/** How far something is in place: the scale of most questions. */
const implementation = scaleOf([
  [1, 'Nicht vorhanden', 'Not in place'],
  [2, 'In Planung', 'Being planned'],
  [3, 'Teilweise umgesetzt', 'Partly in place'],
  [4, 'Weitgehend umgesetzt', 'Largely in place'],
  [5, 'Umgesetzt und regelmäßig überprüft', 'In place and reviewed regularly'],
]);

/** How often something happens, for practices rather than structures. */
const frequency = scaleOf([
  [1, 'Nie', 'Never'],
  [2, 'Selten', 'Rarely'],
  [3, 'Gelegentlich', 'Occasionally'],
  [4, 'Häufig', 'Often'],
  [5, 'Regelmäßig und verlässlich', 'Regularly and reliably'],
]);

const input = {
  templateKey: 'weltoffene-kommune',
  version: 1,
  title: { de: 'Selbstcheck Weltoffene Kommune', en: 'Self-check: an open and welcoming municipality' },
  description: {
    de: 'Der Selbstcheck hilft Ihrer Kommune einzuschätzen, wo sie beim Zusammenleben in Vielfalt steht: in fünf Handlungsfeldern, von der Strategie bis zum Schutz vor Anfeindungen. Beantworten Sie die Fragen möglichst zu mehreren und aus verschiedenen Bereichen der Verwaltung und Politik – unterschiedliche Einschätzungen sind ausdrücklich erwünscht und werden sichtbar gemacht.',
    en: 'The self-check helps your municipality assess where it stands on living together in diversity: in five fields of action, from strategy to protection against hostility. Ideally, several people from different parts of the administration and the council answer – differing views are welcome and are shown as such.',
  },
  dimensions: [
    {
      key: 'fuehrung-strategie',
      title: { de: 'Führung und Strategie', en: 'Leadership and strategy' },
      description: {
        de: 'Ob Rat und Verwaltungsspitze Weltoffenheit als Aufgabe der ganzen Kommune verstehen – mit Beschluss, klarer Zuständigkeit, Mitteln und überprüfbaren Zielen.',
        en: 'Whether the council and the head of the administration treat openness as a task for the whole municipality – with a resolution, clear responsibility, funding and measurable goals.',
      },
      questions: [
        {
          key: 'ratsbeschluss-leitbild',
          text: {
            de: 'Gibt es einen Ratsbeschluss oder ein Leitbild zu Vielfalt und Zusammenhalt?',
            en: 'Is there a council resolution or a mission statement on diversity and social cohesion?',
          },
          guidance: {
            de: 'Gemeint ist ein vom Rat (Gemeinderat, Stadtrat, Kreistag) beschlossenes Dokument – etwa ein Leitbild, ein Integrationskonzept oder eine Resolution –, das Ziele für das Zusammenleben benennt. Eine Absichtserklärung der Verwaltung allein gilt als „In Planung“. „Regelmäßig überprüft“ heißt: Der Rat wertet den Beschluss mindestens einmal je Wahlperiode aus oder schreibt ihn fort.',
            en: 'This means a document adopted by the council – for example a mission statement, an integration strategy or a resolution – that sets goals for living together. A declaration of intent by the administration alone counts as "being planned". "Reviewed regularly" means the council evaluates or updates it at least once per electoral term.',
          },
          scale: implementation,
          allowsNotApplicable: false,
        },
        {
          key: 'zustaendigkeit',
          text: {
            de: 'Ist in der Verwaltung klar geregelt, wer für Vielfalt, Integration und Demokratieförderung zuständig ist – und ist dafür Arbeitszeit vorgesehen?',
            en: 'Is it clearly defined who in the administration is responsible for diversity, integration and promoting democracy – and is working time set aside for it?',
          },
          guidance: {
            de: 'Zum Beispiel eine Stabsstelle, eine Integrations- oder Demokratiebeauftragte oder eine benannte Stelle in einem Fachbereich, mit einem Stellenanteil im Stellenplan – nicht „nebenbei“. In kleinen Gemeinden kann das auch eine gemeinsame Stelle mit Nachbargemeinden oder dem Landkreis sein.',
            en: 'For example a staff unit, an integration or democracy officer, or a named post in a department, with a share of a position in the staffing plan – not "on the side". In small municipalities this can be a post shared with neighbouring municipalities or the district.',
          },
          scale: implementation,
          allowsNotApplicable: false,
        },
        {
          key: 'haushaltsmittel',
          text: {
            de: 'Stehen im Haushalt eigene Mittel für Vorhaben zu Vielfalt, Dialog und Demokratie bereit?',
            en: 'Does the budget contain funds of its own for projects on diversity, dialogue and democracy?',
          },
          guidance: {
            de: 'Zählen Sie eigene Haushaltsansätze und die verlässliche Kofinanzierung von Förderprogrammen. Einmalige Projektmittel ohne Anschlussfinanzierung gelten als „Nur einmalig“.',
            en: 'Count budget lines of your own and reliable co-funding of funding programmes. One-off project money without follow-up funding counts as "one-off only".',
          },
          scale: scaleOf([
            [0, 'Nein', 'No'],
            [1, 'Nur einmalig oder projektweise', 'One-off or per project only'],
            [2, 'Ja, verlässlich in jedem Haushaltsjahr', 'Yes, reliably in every budget year'],
          ]),
          allowsNotApplicable: false,
        },
        {
          key: 'oeffentliche-haltung',
          text: {
            de: 'Beziehen Bürgermeisterin oder Bürgermeister und Ratsspitze öffentlich Stellung, wenn Menschen in der Kommune wegen ihrer Herkunft, Religion oder ihres Engagements angefeindet werden?',
            en: 'Do the mayor and the council leadership take a public stand when people in the municipality are attacked because of their origin, religion or civic engagement?',
          },
          guidance: {
            de: 'Gemeint sind sichtbare und zeitnahe Reaktionen: eine Erklärung, ein Besuch bei den Betroffenen, die Teilnahme an einer Kundgebung. Gab es im betrachteten Zeitraum keine solchen Vorfälle, wählen Sie „nicht zutreffend“.',
            en: 'This means visible and timely reactions: a statement, a visit to those affected, joining a rally. If there were no such incidents in the period considered, choose "not applicable".',
          },
          scale: frequency,
          allowsNotApplicable: true,
        },
        {
          key: 'ziele-bericht',
          text: {
            de: 'Werden die Ziele zu Vielfalt und Zusammenhalt mit Kennzahlen verfolgt und dem Rat berichtet?',
            en: 'Are the goals on diversity and cohesion tracked with indicators and reported to the council?',
          },
          guidance: {
            de: 'Zum Beispiel ein jährlicher Bericht an den Rat oder einen Ausschuss mit wenigen, überprüfbaren Kennzahlen – etwa Teilnahme an Dialogformaten, dokumentierte Anfeindungen, mehrsprachige Angebote. Dieser Selbstcheck kann ein Baustein davon sein.',
            en: 'For example an annual report to the council or a committee with a few verifiable indicators – such as participation in dialogue formats, documented hostility, multilingual services. This self-check can be part of it.',
          },
          scale: implementation,
          allowsNotApplicable: false,
        },
      ],
      instruments: [
        {
          key: 'beratung-leitbild',
          kind: 'advice',
          title: { de: 'Beratung zu Leitbild und Zielen', en: 'Advice on mission statement and goals' },
          description: {
            de: 'Das Programmteam unterstützt Sie dabei, einen Leitbildprozess aufzusetzen und wenige, überprüfbare Ziele festzulegen.',
            en: 'The programme team helps you set up a mission-statement process and agree on a few measurable goals.',
          },
        },
        {
          key: 'dialog-leitbild',
          kind: 'dialogue_event',
          title: { de: 'Auftaktveranstaltung zum Leitbild', en: 'Kick-off event for the mission statement' },
          description: {
            de: 'Laden Sie Einwohnerinnen und Einwohner, Rat und Initiativen zu einer moderierten Veranstaltung ein, in der das Leitbild gemeinsam entsteht.',
            en: 'Invite residents, the council and local initiatives to a moderated event where the mission statement is developed together.',
          },
        },
        {
          key: 'demokratie-leben',
          kind: 'external',
          url: 'https://www.demokratie-leben.de',
          title: { de: 'Bundesprogramm „Demokratie leben!“', en: 'Federal programme "Demokratie leben!" (Live Democracy!)' },
          description: {
            de: 'Fördert unter anderem lokale „Partnerschaften für Demokratie“, in denen Kommune und Zivilgesellschaft eine gemeinsame Strategie entwickeln.',
            en: 'Funds, among other things, local "Partnerships for Democracy" in which the municipality and civil society develop a joint strategy (in German).',
          },
        },
      ],
    },
    {
      key: 'verwaltung-dienstleistungen',
      title: { de: 'Verwaltung und Dienstleistungen', en: 'Administration and services' },
      description: {
        de: 'Ob alle Einwohnerinnen und Einwohner die Leistungen der Verwaltung verstehen, erreichen und diskriminierungsfrei erhalten.',
        en: 'Whether all residents can understand and reach the administration’s services and receive them free of discrimination.',
      },
      questions: [
        {
          key: 'mehrsprachige-informationen',
          text: {
            de: 'Sind wichtige Informationen und Formulare der Verwaltung mehrsprachig und in Leichter Sprache verfügbar?',
            en: 'Are important information and forms of the administration available in several languages and in easy-to-read German?',
          },
          guidance: {
            de: 'Denken Sie an die häufigsten Anliegen: Anmeldung, Kita und Schule, Sozialleistungen, Abfall. Welche Sprachen wichtig sind, ergibt sich aus Ihrer Einwohnerschaft. Leichte Sprache hilft auch vielen Menschen, deren Muttersprache Deutsch ist.',
            en: 'Think of the most common matters: registering an address, childcare and school, benefits, waste collection. Which languages matter follows from your population. Easy-to-read German also helps many native speakers.',
          },
          scale: implementation,
          allowsNotApplicable: false,
        },
        {
          key: 'sprachmittlung',
          text: {
            de: 'Können Mitarbeitende bei Bedarf kurzfristig Sprachmittlung nutzen – vor Ort, per Telefon oder per Video?',
            en: 'Can staff use interpreting at short notice when needed – in person, by phone or by video?',
          },
          guidance: {
            de: 'Gemeint ist ein geregeltes Verfahren mit Budget, das die Mitarbeitenden kennen. Dass Kinder oder zufällig anwesende Angehörige übersetzen, zählt nicht.',
            en: 'This means an established procedure with a budget that staff know about. Children or relatives who happen to be present interpreting does not count.',
          },
          scale: implementation,
          allowsNotApplicable: false,
        },
        {
          key: 'fortbildung',
          text: {
            de: 'Werden Mitarbeitende mit Publikumsverkehr zu interkultureller Kompetenz und diskriminierungsfreiem Verwaltungshandeln fortgebildet?',
            en: 'Are front-line staff trained in intercultural competence and non-discriminatory administrative practice?',
          },
          guidance: {
            de: 'Zählen Sie Angebote, die tatsächlich wahrgenommen werden – etwa ein Pflichtmodul in der Einarbeitung oder regelmäßige Schulungen für Bürgerbüro, Ausländerbehörde, Sozialamt und Ordnungsamt.',
            en: 'Count training that is actually taken up – such as a mandatory module during induction or regular sessions for the citizens’ office, immigration office, social services and public order office.',
          },
          scale: implementation,
          allowsNotApplicable: false,
        },
        {
          key: 'beschwerdestelle',
          text: {
            de: 'Gibt es eine bekannte, leicht erreichbare Stelle für Menschen, die sich von der Verwaltung diskriminiert fühlen?',
            en: 'Is there a well-known, easy-to-reach point of contact for people who feel discriminated against by the administration?',
          },
          guidance: {
            de: 'Etwa eine Ombuds- oder Beschwerdestelle, die auch anonyme Hinweise annimmt, Eingänge dokumentiert und Rückmeldung gibt. Entscheidend ist, dass Beschwerden ausgewertet werden und Folgen haben.',
            en: 'For example an ombuds or complaints office that also accepts anonymous reports, records them and responds. What matters is that complaints are evaluated and lead to consequences.',
          },
          scale: implementation,
          allowsNotApplicable: false,
        },
        {
          key: 'personalgewinnung',
          text: {
            de: 'Fördert die Verwaltung bei der Personalgewinnung bewusst, dass ihr Personal die Vielfalt der Einwohnerschaft widerspiegelt?',
            en: 'Does the administration deliberately recruit so that its staff reflect the diversity of the population?',
          },
          guidance: {
            de: 'Zum Beispiel mehrsprachige Stellenausschreibungen, Ansprache über Migrantenorganisationen, anonymisierte Bewerbungsverfahren oder Ausbildungspartnerschaften mit Schulen. Es geht um die Praxis der Personalgewinnung, nicht um das Erheben persönlicher Merkmale.',
            en: 'For example multilingual job adverts, outreach through migrant organisations, anonymised application procedures or apprenticeship partnerships with schools. This is about recruitment practice, not about collecting personal characteristics.',
          },
          scale: implementation,
          allowsNotApplicable: false,
        },
      ],
      instruments: [
        {
          key: 'beratung-verwaltung',
          kind: 'advice',
          title: { de: 'Beratung zur interkulturellen Öffnung', en: 'Advice on opening up the administration' },
          description: {
            de: 'Das Programmteam vermittelt Erfahrungen anderer Kommunen im Netzwerk, etwa zu Sprachmittlungspools oder Beschwerdestellen.',
            en: 'The programme team shares experience from other towns in the network, for example on interpreter pools or complaints offices.',
          },
        },
        {
          key: 'antidiskriminierungsstelle',
          kind: 'external',
          url: 'https://www.antidiskriminierungsstelle.de',
          publisher: 'Antidiskriminierungsstelle des Bundes',
          title: { de: 'Antidiskriminierungsstelle des Bundes', en: 'Federal Anti-Discrimination Agency' },
          description: {
            de: 'Informationen, Beratung und Materialien zum Schutz vor Diskriminierung, auch zum Aufbau von Beschwerdestellen.',
            en: 'Information, advice and material on protection against discrimination, including how to set up complaints offices.',
          },
        },
        {
          key: 'charta-der-vielfalt',
          kind: 'external',
          url: 'https://www.charta-der-vielfalt.de',
          publisher: 'Charta der Vielfalt e. V.',
          title: { de: 'Charta der Vielfalt', en: 'Diversity Charter (Charta der Vielfalt)' },
          description: {
            de: 'Initiative für Vielfalt in der Arbeitswelt, die auch öffentliche Arbeitgeber unterzeichnen können – mit Praxisbeispielen zur Personalgewinnung.',
            en: 'An initiative for diversity in the workplace that public employers can sign too – with practical examples on recruitment (mostly in German).',
          },
        },
      ],
    },
    {
      key: 'dialog-beteiligung',
      title: { de: 'Dialog und Beteiligung', en: 'Dialogue and participation' },
      description: {
        de: 'Ob die Kommune Einwohnerinnen und Einwohner früh, fair und in ihrer ganzen Breite an Entscheidungen beteiligt – auch bei strittigen Themen.',
        en: 'Whether the municipality involves residents early, fairly and in all their diversity in decisions – including on contested issues.',
      },
      questions: [
        {
          key: 'beteiligungsleitlinien',
          text: {
            de: 'Hat die Kommune verbindliche Leitlinien für Bürgerbeteiligung, die vom Rat beschlossen sind?',
            en: 'Does the municipality have binding guidelines for public participation adopted by the council?',
          },
          guidance: {
            de: 'Leitlinien regeln, wann und wie beteiligt wird, wer eine Beteiligung anstoßen kann und wie Ergebnisse in Entscheidungen einfließen. Eine Beteiligungssatzung zählt ebenfalls.',
            en: 'Guidelines set out when and how people are involved, who can initiate participation and how results feed into decisions. A participation by-law counts too.',
          },
          scale: implementation,
          allowsNotApplicable: false,
        },
        {
          key: 'strittige-themen',
          text: {
            de: 'Bietet die Kommune bei strittigen Themen – etwa der Unterbringung Geflüchteter oder großen Bauvorhaben – früh moderierte Dialogformate an?',
            en: 'On contested issues – such as housing refugees or large building projects – does the municipality offer moderated dialogue formats at an early stage?',
          },
          guidance: {
            de: '„Früh“ heißt: bevor die Entscheidung gefallen ist, sodass Einwände noch etwas ändern können. „Moderiert“ heißt: mit Gesprächsregeln, neutraler Moderation und bei Bedarf Sprachmittlung. Gab es im Zeitraum keine strittigen Themen, wählen Sie „nicht zutreffend“.',
            en: '"Early" means before the decision is made, so objections can still change something. "Moderated" means with ground rules, neutral facilitation and interpreting where needed. If there were no contested issues in the period, choose "not applicable".',
          },
          scale: frequency,
          allowsNotApplicable: true,
        },
        {
          key: 'breite-beteiligung',
          text: {
            de: 'Erreicht die Beteiligung auch Menschen, die sich selten beteiligen – etwa Jugendliche, Zugewanderte, Menschen mit Behinderung oder mit wenig Zeit?',
            en: 'Does participation also reach people who rarely take part – such as young people, immigrants, people with disabilities or people with little time?',
          },
          guidance: {
            de: 'Zum Beispiel durch aufsuchende Beteiligung (in Schulen, Vereinen, Gemeinden, auf dem Wochenmarkt), per Los zusammengesetzte Bürgerräte, Kinderbetreuung, Abendtermine oder Online-Angebote. Vergleichen Sie, wer sich beteiligt, mit der Zusammensetzung der Einwohnerschaft.',
            en: 'For example through outreach (in schools, clubs, religious communities, at the weekly market), citizens’ assemblies selected by lot, childcare, evening sessions or online options. Compare who takes part with the make-up of the population.',
          },
          scale: implementation,
          allowsNotApplicable: false,
        },
        {
          key: 'rueckmeldung',
          text: {
            de: 'Erfahren die Beteiligten, was aus ihren Beiträgen geworden ist?',
            en: 'Do participants learn what became of their contributions?',
          },
          guidance: {
            de: 'Etwa durch eine veröffentlichte Auswertung, die zeigt, welche Vorschläge übernommen wurden und warum andere nicht. Fehlende Rückmeldung ist einer der häufigsten Gründe, warum Menschen sich kein zweites Mal beteiligen.',
            en: 'For example through a published evaluation showing which proposals were adopted and why others were not. Lack of feedback is one of the most common reasons people do not take part a second time.',
          },
          scale: frequency,
          allowsNotApplicable: false,
        },
        {
          key: 'online-gespraechsregeln',
          text: {
            de: 'Gibt es für Online-Diskussionen der Kommune – auf der Website oder in sozialen Medien – Gesprächsregeln und eine Moderation?',
            en: 'Do the municipality’s online discussions – on its website or on social media – have ground rules and moderation?',
          },
          guidance: {
            de: 'Eine veröffentlichte Netiquette, benannte Zuständige, die moderieren, und ein Vorgehen bei Beleidigungen oder strafbaren Inhalten: ausblenden, dokumentieren, anzeigen. Bietet die Kommune keine eigenen Online-Diskussionen an, wählen Sie „nicht zutreffend“.',
            en: 'Published ground rules, named people who moderate, and a procedure for insults or criminal content: hide, document, report. If the municipality runs no online discussions of its own, choose "not applicable".',
          },
          scale: implementation,
          allowsNotApplicable: true,
        },
      ],
      instruments: [
        {
          key: 'dialogveranstaltung',
          kind: 'dialogue_event',
          title: { de: 'Dialogveranstaltung planen', en: 'Plan a dialogue event' },
          description: {
            de: 'Planen Sie eine moderierte Veranstaltung mit Anmeldung, Gesprächsregeln, Sprachmittlung und veröffentlichter Auswertung.',
            en: 'Plan a moderated event with registration, ground rules, interpreting and a published summary of results.',
          },
        },
        {
          key: 'moderiertes-forum',
          kind: 'forum',
          title: { de: 'Moderiertes Forum der Kommune', en: 'The municipality’s moderated forum' },
          description: {
            de: 'Ein Forum mit Gesprächsregeln und Moderation, in dem Einwohnerinnen und Einwohner mitdiskutieren und die Verwaltung antwortet.',
            en: 'A forum with ground rules and moderation where residents discuss and the administration responds.',
          },
        },
        {
          key: 'netzwerk-buergerbeteiligung',
          kind: 'external',
          url: 'https://www.netzwerk-buergerbeteiligung.de',
          publisher: 'Stiftung Mitarbeit',
          title: { de: 'Netzwerk Bürgerbeteiligung', en: 'Netzwerk Bürgerbeteiligung (public participation network)' },
          description: {
            de: 'Sammlung kommunaler Leitlinien für Bürgerbeteiligung aus vielen Kommunen und Praxiswissen zu guter Beteiligung.',
            en: 'A collection of participation guidelines from many municipalities and practical knowledge on good participation (in German).',
          },
        },
      ],
    },
    {
      key: 'schutz-anfeindungen',
      title: { de: 'Schutz vor Anfeindungen', en: 'Protection against hostility' },
      description: {
        de: 'Ob Amts- und Mandatsträger, Beschäftigte und Engagierte vor Hass, Bedrohung und Gewalt geschützt sind – und ob sie nach einem Vorfall wissen, was zu tun ist.',
        en: 'Whether office holders, councillors, staff and volunteers are protected against hate, threats and violence – and whether they know what to do after an incident.',
      },
      questions: [
        {
          key: 'notfallablauf',
          text: {
            de: 'Gibt es einen abgestimmten Ablauf für den Fall, dass Amts- oder Mandatsträger oder Beschäftigte bedroht oder angegriffen werden?',
            en: 'Is there an agreed procedure for when office holders, councillors or staff are threatened or attacked?',
          },
          guidance: {
            de: 'Ein schriftlicher Ablauf regelt: Wer ist erste Ansprechperson? Wer informiert die Polizei? Wer kümmert sich um Betroffene und Angehörige? Wer spricht mit der Presse? Er sollte allen Ratsmitgliedern und Beschäftigten bekannt sein.',
            en: 'A written procedure sets out: who is the first point of contact, who informs the police, who looks after those affected and their families, who talks to the press. All council members and staff should know it.',
          },
          scale: implementation,
          allowsNotApplicable: false,
        },
        {
          key: 'dokumentation-anzeige',
          text: {
            de: 'Werden Anfeindungen – online wie offline – gerichtsfest dokumentiert und zur Anzeige gebracht?',
            en: 'Are hostile incidents – online and offline – documented so that the evidence holds up in court, and reported to the police?',
          },
          guidance: {
            de: 'Gerichtsfest heißt: mit Datum, Uhrzeit, Link, vollständigem Screenshot und Angaben zur Urheberschaft, sicher aufbewahrt. Die Kommune unterstützt Betroffene beim Stellen von Strafanzeigen und Strafanträgen, etwa mit einer Vorlage und einer festen Ansprechperson.',
            en: 'Holding up in court means: with date, time, link, a complete screenshot and information on the author, stored securely. The municipality helps those affected file criminal complaints, for example with a template and a named contact person.',
          },
          scale: implementation,
          allowsNotApplicable: false,
        },
        {
          key: 'polizei-ansprechpersonen',
          text: {
            de: 'Gibt es feste Ansprechpersonen bei der Polizei und eine regelmäßige Abstimmung zur Sicherheitslage?',
            en: 'Are there named contacts at the police and regular exchanges on the security situation?',
          },
          guidance: {
            de: 'Viele Länder haben bei den Polizeipräsidien oder beim Landeskriminalamt Ansprechstellen für kommunale Amts- und Mandatsträger. Gemeint ist ein persönlicher Kontakt, der schon vor einem Vorfall besteht – nicht erst der Notruf.',
            en: 'Many federal states have contact points for local office holders at police headquarters or the state criminal police office. This means a personal contact that exists before an incident – not just the emergency number.',
          },
          scale: implementation,
          allowsNotApplicable: false,
        },
        {
          key: 'auskunftssperre',
          text: {
            de: 'Werden Ratsmitglieder und gefährdete Beschäftigte über die Auskunftssperre im Melderegister informiert und bei Anträgen unterstützt?',
            en: 'Are council members and staff at risk informed about blocking the disclosure of their address from the population register, and supported in applying?',
          },
          guidance: {
            de: 'Bei der Entscheidung über eine Auskunftssperre ist ausdrücklich zu berücksichtigen, ob jemand wegen einer beruflichen oder ehrenamtlichen Tätigkeit verstärkt Anfeindungen ausgesetzt ist (§ 51 Abs. 1 Bundesmeldegesetz). „Aktiv“ heißt: zu Beginn jeder Wahlperiode informieren und Anträge begleiten.',
            en: 'When deciding on such a block, the authority must expressly consider whether someone faces increased hostility because of their professional or voluntary work (section 51 (1) Federal Registration Act). "Actively" means informing at the start of every electoral term and helping with applications.',
          },
          scale: scaleOf([
            [0, 'Nein', 'No'],
            [1, 'Auf Nachfrage', 'On request'],
            [2, 'Ja, aktiv und für alle Betroffenen', 'Yes, actively and for everyone concerned'],
          ]),
          allowsNotApplicable: false,
        },
        {
          key: 'sicherheit-sitzungen',
          text: {
            de: 'Sind Sicherheit und Hausrecht bei Ratssitzungen, Bürgersprechstunden und öffentlichen Veranstaltungen geregelt?',
            en: 'Are security and the right to refuse entry arranged for council meetings, surgeries and public events?',
          },
          guidance: {
            de: 'Zum Beispiel ein Sicherheitskonzept für öffentliche Sitzungen, eine klare Regel, wer das Hausrecht ausübt, Alarmwege im Bürgerbüro und Räume mit zweitem Ausgang für Sprechstunden.',
            en: 'For example a security plan for public meetings, a clear rule on who exercises the right to refuse entry, alarm procedures in the citizens’ office and rooms with a second exit for surgeries.',
          },
          scale: implementation,
          allowsNotApplicable: false,
        },
        {
          key: 'unterstuetzung-betroffener',
          text: {
            de: 'Erhalten Betroffene nach einem Vorfall Unterstützung – rechtlich, psychologisch und durch sichtbare Solidarität?',
            en: 'Do those affected receive support after an incident – legal, psychological and through visible solidarity?',
          },
          guidance: {
            de: 'Etwa die Vermittlung an Opferberatungsstellen und spezialisierte Beratung, die Übernahme von Anwaltskosten im Rahmen der Fürsorgepflicht für Beschäftigte oder eine Erklärung des Rates. Gab es im Zeitraum keinen Vorfall, wählen Sie „nicht zutreffend“.',
            en: 'For example referral to victim support and specialised counselling, covering legal costs as part of the duty of care for staff, or a statement by the council. If there was no incident in the period, choose "not applicable".',
          },
          scale: frequency,
          allowsNotApplicable: true,
        },
      ],
      instruments: [
        {
          key: 'schutzschild',
          kind: 'shield',
          title: { de: 'Schutzschild', en: 'The shield' },
          description: {
            de: 'Hilfe im Ernstfall: Ansprechpersonen, Ablauf und Unterstützung für bedrohte Amts- und Mandatsträger und Beschäftigte Ihrer Kommune.',
            en: 'Help when it matters: contacts, procedure and support for threatened office holders, councillors and staff of your municipality.',
          },
        },
        {
          key: 'vorfallprotokoll',
          kind: 'incident_log',
          title: { de: 'Vorfallprotokoll', en: 'Incident log' },
          description: {
            de: 'Anfeindungen gerichtsfest dokumentieren – mit Zeitpunkt, Belegen und sicherer Aufbewahrung – und für eine Anzeige aufbereiten.',
            en: 'Document hostility so that it holds up in court – with time, evidence and secure storage – and prepare it for a police report.',
          },
        },
        {
          key: 'stark-im-amt',
          kind: 'external',
          url: 'https://www.stark-im-amt.de',
          publisher: 'Kommunale Spitzenverbände mit der Körber-Stiftung',
          title: { de: 'Stark im Amt', en: 'Stark im Amt (strong in office)' },
          description: {
            de: 'Portal für Kommunalpolitik gegen Hass und Gewalt: Handlungstipps und das Hilfenetzwerk in Bund und Ländern.',
            en: 'Portal for local politics against hate and violence: practical advice and the support network at federal and state level (in German).',
          },
        },
        {
          key: 'hateaid',
          kind: 'external',
          url: 'https://hateaid.org',
          publisher: 'HateAid gGmbH',
          title: { de: 'HateAid', en: 'HateAid' },
          description: {
            de: 'Beratung für Betroffene digitaler Gewalt und Unterstützung bei der rechtlichen Durchsetzung, mit Hinweisen etwa zur Auskunftssperre im Melderegister.',
            en: 'Counselling for people affected by online violence and support in taking legal action, with guidance on topics such as blocking address disclosure.',
          },
        },
      ],
    },
    {
      key: 'zivilgesellschaft',
      title: { de: 'Zusammenarbeit mit der Zivilgesellschaft', en: 'Cooperation with civil society' },
      description: {
        de: 'Ob die Kommune Vereine, Initiativen, Religionsgemeinschaften und Migrantenorganisationen kennt, fördert und an Entscheidungen beteiligt.',
        en: 'Whether the municipality knows, supports and involves clubs, initiatives, religious communities and migrant organisations in decisions.',
      },
      questions: [
        {
          key: 'ueberblick-engagement',
          text: {
            de: 'Hat die Verwaltung einen aktuellen Überblick über Vereine, Initiativen, Religionsgemeinschaften und Migrantenorganisationen, die sich für das Zusammenleben engagieren?',
            en: 'Does the administration have an up-to-date overview of clubs, initiatives, religious communities and migrant organisations working for social cohesion?',
          },
          guidance: {
            de: 'Etwa eine gepflegte Liste oder Engagement-Landkarte mit Ansprechpersonen, die mindestens einmal im Jahr aktualisiert wird.',
            en: 'For example a maintained list or map of local engagement with contact persons, updated at least once a year.',
          },
          scale: implementation,
          allowsNotApplicable: false,
        },
        {
          key: 'runder-tisch',
          text: {
            de: 'Gibt es ein regelmäßiges Austauschformat von Verwaltung, Politik und Zivilgesellschaft, etwa einen runden Tisch oder ein lokales Bündnis?',
            en: 'Is there a regular forum for exchange between the administration, the council and civil society, such as a round table or a local alliance?',
          },
          guidance: {
            de: '„Regelmäßig“ heißt: mit festen Terminen, einem Protokoll und Vertreterinnen und Vertretern der Verwaltung, die etwas entscheiden können.',
            en: '"Regular" means fixed dates, minutes, and representatives of the administration who can take decisions.',
          },
          scale: frequency,
          allowsNotApplicable: false,
        },
        {
          key: 'foerderung-engagement',
          text: {
            de: 'Unterstützt die Kommune zivilgesellschaftliches Engagement mit Räumen, Mitteln und einfachen Förderverfahren?',
            en: 'Does the municipality support civic engagement with rooms, funding and simple application procedures?',
          },
          guidance: {
            de: 'Zum Beispiel kostenfreie Räume, ein Fonds für Kleinprojekte mit einseitigem Antrag oder Hilfe bei Förderanträgen. Aufwendige Verfahren schrecken gerade kleine Initiativen ab.',
            en: 'For example free rooms, a small-projects fund with a one-page application, or help with funding applications. Complicated procedures deter small initiatives in particular.',
          },
          scale: implementation,
          allowsNotApplicable: false,
        },
        {
          key: 'integrationsbeirat',
          text: {
            de: 'Sind Zugewanderte und ihre Organisationen an Entscheidungen beteiligt, etwa über einen Integrationsrat mit Rede- und Antragsrecht?',
            en: 'Are immigrants and their organisations involved in decisions, for example through an integration council with the right to speak and to table motions?',
          },
          guidance: {
            de: 'Gemeint sind Gremien mit echtem Einfluss: Sie werden zu Vorlagen angehört, können Anträge stellen und erhalten eine Antwort. In einigen Ländern schreibt die Gemeindeordnung ein solches Gremium ab einer bestimmten Zahl ausländischer Einwohnerinnen und Einwohner vor.',
            en: 'This means bodies with real influence: they are consulted on proposals, can table motions and receive an answer. In some federal states the municipal code requires such a body above a certain number of foreign residents.',
          },
          scale: implementation,
          allowsNotApplicable: false,
        },
        {
          key: 'rueckendeckung-engagierte',
          text: {
            de: 'Stellt sich die Kommune hinter Engagierte, die wegen ihres Einsatzes angefeindet werden?',
            en: 'Does the municipality back volunteers who face hostility because of their engagement?',
          },
          guidance: {
            de: 'Etwa durch öffentliche Rückendeckung, die Vermittlung an Beratung oder Sicherheitshinweise für Veranstaltungen von Initiativen. Sind Ihnen im Zeitraum keine Anfeindungen bekannt geworden, wählen Sie „nicht zutreffend“.',
            en: 'For example through public backing, referral to counselling or security advice for events run by initiatives. If you are not aware of any hostility in the period, choose "not applicable".',
          },
          scale: frequency,
          allowsNotApplicable: true,
        },
      ],
      instruments: [
        {
          key: 'forum-initiativen',
          kind: 'forum',
          title: { de: 'Forum für lokale Initiativen', en: 'Forum for local initiatives' },
          description: {
            de: 'Ein eigenes Forum, in dem sich Initiativen und Verwaltung abstimmen, Termine teilen und voneinander erfahren.',
            en: 'A forum of its own where initiatives and the administration coordinate, share dates and learn about each other.',
          },
        },
        {
          key: 'runder-tisch-veranstaltung',
          kind: 'dialogue_event',
          title: { de: 'Runder Tisch als Dialogveranstaltung', en: 'Round table as a dialogue event' },
          description: {
            de: 'Laden Sie regelmäßig zu einem moderierten runden Tisch ein – mit Einladungsliste, Protokoll und festen Folgeterminen.',
            en: 'Hold a moderated round table regularly – with an invitation list, minutes and fixed follow-up dates.',
          },
        },
        {
          key: 'beratung-zivilgesellschaft',
          kind: 'advice',
          title: { de: 'Beratung zur Zusammenarbeit', en: 'Advice on cooperation' },
          description: {
            de: 'Das Programmteam berät zu Beiräten, Kleinprojektefonds und Kooperationsvereinbarungen mit Initiativen.',
            en: 'The programme team advises on advisory councils, small-project funds and cooperation agreements with initiatives.',
          },
        },
      ],
    },
  ],
} satisfies QuestionnaireTemplateInput;

export const weltoffeneKommuneTemplate = questionnaireTemplateSchema.parse(input);
