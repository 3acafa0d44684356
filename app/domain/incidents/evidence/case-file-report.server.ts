/**
 * The printable report inside a case file (report.pdf): what a police online report form asks for — who is
 * affected, what happened when, where it was found (with addresses), who found it when, the author if known,
 * the evidence with its hashes, the status and file number — and how to check that nothing was changed.
 * It is a rendering for people; the binding evidence is chain.json and the attachments, which are signed.
 */
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import type { AttachmentContent, EvidenceSnapshotContent, IncidentRevisionContent, SnapshotPost, StatusFollowUpContent } from './record-content';
import { hasRightToLeft, paragraphDirection, visualOrder } from './bidi-order';
import type { EvidenceRecord } from './hash-chain';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Everything the report shows, already matched to the chain by case-file.server.ts. */
export interface ReportInput {
  t: Translate;
  locale: string;
  timeZone: string;
  generatedAt: Date;
  official: { displayName: string; role: string | null; town: string };
  incidents: Array<{
    reference: string;
    revisions: Array<{ content: IncidentRevisionContent; record: EvidenceRecord }>;
    followUps: Array<{ content: StatusFollowUpContent; record: EvidenceRecord }>;
    snapshots: Array<{ content: EvidenceSnapshotContent; record: EvidenceRecord }>;
    attachments: Array<{ content: AttachmentContent; record: EvidenceRecord; path: string }>;
  }>;
  integrity: {
    chain: string;
    records: number;
    withheld: number;
    head: EvidenceRecord;
    signedAt: string;
    signature: string;
    fingerprint: string;
  };
  fonts?: ReportFonts;
  /** `unzip <the download's name> -d case-file`. */
  unzipCommand: string;
}

export interface ReportFonts {
  regular: string;
  bold: string;
  /** For hashes, signatures and commands (ASCII only). */
  mono: string;
}

/**
 * Fonts tried in order. DejaVu Sans covers Latin (incl. Turkish and Polish), Cyrillic, Arabic and Persian; on
 * Debian it arrives with Chromium (chromium → libfontconfig1 → fontconfig-config → fonts-dejavu-core).
 * Liberation Sans (Chromium's recommended font) has no Arabic. Last resort: PDF's built-in Helvetica (Latin-1).
 */
const FONT_CANDIDATES: ReportFonts[] = [
  {
    regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
    mono: '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf',
  },
  {
    regular: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    bold: '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
    mono: '/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf',
  },
];
const BUILT_IN: ReportFonts = { regular: 'Helvetica', bold: 'Helvetica-Bold', mono: 'Courier' };
const WIN_ANSI_EXTRAS = new Set([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'].map((c) => c.codePointAt(0)!));
const coveredByBuiltIn = (codePoint: number) => (codePoint >= 0x20 && codePoint <= 0x7e) || (codePoint >= 0xa0 && codePoint <= 0xff) || WIN_ANSI_EXTRAS.has(codePoint);

const PAGE_MARGIN = 56;
const LABEL_WIDTH = 150;
const COLOR_TEXT = '#111111';
const COLOR_MUTED = '#555555';

/** Renders the report; resolves with the finished PDF (small enough to buffer, and the manifest needs its hash). */
export async function renderCaseFileReport(input: ReportInput): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: PAGE_MARGIN, bufferPages: true, info: { Title: input.t('incidents:caseFile.report.title'), Creator: 'Weltoffen', CreationDate: input.generatedAt } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  new ReportWriter(doc, input).write();
  doc.end();
  return done;
}

class ReportWriter {
  private readonly t: Translate;
  private readonly fonts: ReportFonts;
  private readonly missingGlyphs: boolean;
  private readonly dateFormat: Intl.DateTimeFormat;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly input: ReportInput,
  ) {
    this.t = input.t;
    const choice = chooseFonts(doc, textOf(input), input.fonts);
    this.fonts = choice.fonts;
    this.missingGlyphs = choice.missing;
    this.dateFormat = new Intl.DateTimeFormat(input.locale, {
      year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: input.timeZone, timeZoneName: 'short',
    });
  }

  write() {
    const { t, input } = this;
    this.doc.fillColor(COLOR_TEXT);
    this.text(t('incidents:caseFile.report.title'), { font: 'bold', size: 18, gap: 4 });
    this.text(t('incidents:caseFile.report.subtitle'), { size: 10, color: COLOR_MUTED });
    this.text(t('incidents:caseFile.report.generatedAt', { date: this.date(input.generatedAt.toISOString()) }), { size: 9, color: COLOR_MUTED });
    if (this.missingGlyphs) this.text(t('incidents:caseFile.report.fontNote'), { size: 9, color: '#8a1c00', gap: 4 });

    this.heading(t('incidents:caseFile.report.affected'));
    this.field(t('incidents:caseFile.report.name'), input.official.displayName);
    this.field(t('incidents:caseFile.report.role'), input.official.role);
    this.field(t('incidents:caseFile.report.town'), input.official.town);

    this.heading(t('incidents:caseFile.report.overview'));
    this.paragraph(t('incidents:caseFile.report.overviewText', {
      incidents: input.incidents.length,
      attachments: input.incidents.reduce((sum, incident) => sum + incident.attachments.length, 0),
      records: input.integrity.records,
    }));
    // One line per incident, so the first page alone tells what the file is about.
    for (const incident of input.incidents) {
      const current = incident.revisions.at(-1)?.content;
      const latest = [...incident.followUps].reverse();
      const fileNumber = latest.find((f) => f.content.policeFileNumber)?.content.policeFileNumber;
      const parts = [
        current && t(`incidents:caseFile.kind.${current.kind}`),
        current?.occurredAt && this.date(current.occurredAt),
        t(`incidents:caseFile.status.${latest[0]?.content.status ?? 'recorded'}`),
        fileNumber && t('incidents:caseFile.timeline.fileNumber', { number: fileNumber }),
      ].filter(Boolean);
      this.field(t('incidents:caseFile.incident.heading', { reference: incident.reference }), parts.join(' · '));
    }

    input.incidents.forEach((incident) => this.incident(incident));
    this.integrity();
    this.howToVerify();
    this.footers();
  }

  private incident(incident: ReportInput['incidents'][number]) {
    const { t } = this;
    const current = incident.revisions.at(-1)?.content;
    this.doc.addPage();
    this.text(t('incidents:caseFile.incident.heading', { reference: incident.reference }), { font: 'bold', size: 15, gap: 6 });
    if (current) {
      this.subheading(t('incidents:caseFile.incident.what'));
      this.field(t('incidents:caseFile.incident.kind'), t(`incidents:caseFile.kind.${current.kind}`));
      this.field(t('incidents:caseFile.incident.occurredAt'), this.date(current.occurredAt));
      this.field(t('incidents:caseFile.incident.severity'), t(`incidents:caseFile.severity.${current.severity}`));
      this.text(t('incidents:caseFile.incident.description'), { font: 'bold', size: 10, gap: 2 });
      this.paragraph(current.description || t('incidents:caseFile.report.none'));

      this.subheading(t('incidents:caseFile.incident.where'));
      this.field(t('incidents:caseFile.incident.channel'), t(`incidents:caseFile.channel.${current.channel}`));
      this.field(t('incidents:caseFile.incident.contentUrls'), current.contentUrls, { links: true });

      this.subheading(t('incidents:caseFile.incident.found'));
      this.field(t('incidents:caseFile.incident.foundAt'), this.date(current.foundAt));
      this.field(t('incidents:caseFile.incident.foundBy'), current.foundBy);

      this.subheading(t('incidents:caseFile.incident.authorHeading'));
      this.field(t('incidents:caseFile.incident.author'), current.author);
      this.field(t('incidents:caseFile.incident.authorProfileUrl'), current.authorProfileUrl ? [current.authorProfileUrl] : null, { links: true });
    }

    this.subheading(t('incidents:caseFile.incident.statusHeading'));
    const status = [...incident.followUps].reverse();
    this.field(t('incidents:caseFile.incident.status'), t(`incidents:caseFile.status.${status[0]?.content.status ?? 'recorded'}`));
    this.field(t('incidents:caseFile.incident.policeFileNumber'), status.find((f) => f.content.policeFileNumber)?.content.policeFileNumber ?? null);
    this.field(t('incidents:caseFile.incident.authority'), status.find((f) => f.content.authority)?.content.authority ?? null);

    if (incident.followUps.length > 0) {
      this.subheading(t('incidents:caseFile.timeline.heading'));
      for (const { content, record } of incident.followUps) {
        this.keepSpace(50);
        this.text(`${this.date(content.at)} — ${t(`incidents:caseFile.status.${content.status}`)}`, { font: 'bold', size: 10, gap: 1 });
        const details = [
          content.policeFileNumber && t('incidents:caseFile.timeline.fileNumber', { number: content.policeFileNumber }),
          content.authority,
          content.note,
        ].filter(Boolean).join(' · ');
        if (details) this.paragraph(details);
        this.recorded(record);
      }
    }

    if (incident.snapshots.length > 0) {
      this.subheading(t('incidents:caseFile.snapshot.heading'));
      incident.snapshots.forEach(({ content, record }) => this.snapshot(content, record));
    }

    this.subheading(t('incidents:caseFile.attachment.heading'));
    if (incident.attachments.length === 0) this.paragraph(t('incidents:caseFile.report.none'));
    for (const { content, record, path } of incident.attachments) {
      this.keepSpace(100);
      this.text(path, { font: 'mono', size: 9, gap: 2 });
      this.field(t('incidents:caseFile.attachment.caption'), content.caption);
      this.field(t('incidents:caseFile.attachment.originalName'), content.fileName);
      this.field(t('incidents:caseFile.attachment.type'), content.mimeType);
      this.field(t('incidents:caseFile.attachment.size'), t('incidents:caseFile.attachment.bytes', { size: new Intl.NumberFormat(this.input.locale).format(content.size) }));
      this.field('SHA-256', content.sha256, { mono: true });
      this.recorded(record);
    }

    this.subheading(t('incidents:caseFile.revision.heading'));
    incident.revisions.forEach(({ content, record }, index) => {
      const before = incident.revisions[index - 1]?.content;
      const changed = before ? changedFields(before, content).map((field) => t(`incidents:caseFile.incident.${field}`)).join(', ') : null;
      this.text(t('incidents:caseFile.revision.entry', { revision: content.revision, date: this.date(record.receivedAt), sequence: record.sequence }), { size: 10, gap: 1 });
      this.text(changed === null ? t('incidents:caseFile.revision.first') : t('incidents:caseFile.revision.changed', { fields: changed || t('incidents:caseFile.report.none') }), { size: 9, color: COLOR_MUTED, gap: 4 });
    });
  }

  private snapshot(content: EvidenceSnapshotContent, record: EvidenceRecord) {
    const { t } = this;
    this.keepSpace(110);
    this.field(t('incidents:caseFile.snapshot.url'), [content.url], { links: true });
    this.field(t('incidents:caseFile.snapshot.thread'), content.threadTitle);
    this.field(t('incidents:caseFile.snapshot.capturedAt'), this.date(content.capturedAt));
    this.field(t('incidents:caseFile.snapshot.capturedBy'), content.capturedBy);
    this.post(content.post, false);
    if (content.context.length > 0) {
      this.text(t('incidents:caseFile.snapshot.context'), { font: 'bold', size: 9, gap: 2 });
      content.context.forEach((post) => this.post(post, true));
    }
    this.recorded(record);
  }

  private post(post: SnapshotPost, isContext: boolean) {
    const byline = this.t('incidents:caseFile.snapshot.byline', { author: post.author, date: this.date(post.postedAt) });
    const indent = isContext ? 16 : 0;
    this.text(byline + (post.authorProfileUrl ? ` — ${post.authorProfileUrl}` : ''), { font: 'bold', size: isContext ? 8.5 : 9.5, indent, gap: 1 });
    this.text(post.text, { size: isContext ? 8.5 : 10, indent, color: isContext ? COLOR_MUTED : COLOR_TEXT, gap: 6 });
  }

  private integrity() {
    const { t } = this;
    const { integrity } = this.input;
    this.doc.addPage();
    this.heading(t('incidents:caseFile.integrity.heading'));
    this.paragraph(t('incidents:caseFile.integrity.explanation'));
    this.field(t('incidents:caseFile.integrity.chain'), integrity.chain);
    this.field(t('incidents:caseFile.integrity.records'), String(integrity.records));
    if (integrity.withheld > 0) this.field(t('incidents:caseFile.integrity.withheldLabel'), t('incidents:caseFile.integrity.withheld', { count: integrity.withheld }));
    this.field(t('incidents:caseFile.integrity.head'), t('incidents:caseFile.integrity.headValue', { sequence: integrity.head.sequence, date: this.date(integrity.head.receivedAt) }));
    this.field(t('incidents:caseFile.integrity.headHash'), integrity.head.recordHash, { mono: true });
    this.field(t('incidents:caseFile.integrity.signedAt'), this.date(integrity.signedAt));
    this.field(t('incidents:caseFile.integrity.signature'), integrity.signature, { mono: true });
    this.field(t('incidents:caseFile.integrity.fingerprint'), integrity.fingerprint, { mono: true });
    this.field(t('incidents:caseFile.integrity.checkedAtExport'), t('incidents:caseFile.integrity.intact'));
  }

  private howToVerify() {
    const { t } = this;
    this.heading(t('incidents:caseFile.verify.heading'));
    this.paragraph(t('incidents:caseFile.verify.intro'));
    const steps: Array<[string, string | null]> = [
      [t('incidents:caseFile.verify.unzip'), `${this.input.unzipCommand} && cd case-file`],
      [t('incidents:caseFile.verify.sums'), 'sha256sum -c SHA256SUMS'],
      [t('incidents:caseFile.verify.signature'), 'openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in chain-head.json -sigfile chain-head.sig'],
      [t('incidents:caseFile.verify.fingerprint'), 'openssl pkey -pubin -in public-key.pem -outform DER | sha256sum'],
      [t('incidents:caseFile.verify.chain'), 'node verify.mjs'],
      [t('incidents:caseFile.verify.note'), null],
    ];
    steps.forEach(([explanation, command], index) => {
      this.text(`${index + 1}. ${explanation}`, { size: 10, gap: 2 });
      if (command) this.text(command, { font: 'mono', size: 8, indent: 16, color: '#1a3d7c', gap: 6 });
    });
  }

  /** Page numbers go on last, when the page count is known; the bottom margin is lifted so they do not spill onto a new page. */
  private footers() {
    const range = this.doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index++) {
      this.doc.switchToPage(index);
      const { margins } = this.doc.page;
      const bottom = margins.bottom;
      margins.bottom = 0;
      this.doc.font(this.fonts.regular).fontSize(8).fillColor(COLOR_MUTED);
      this.doc.text(
        this.clean(this.t('incidents:caseFile.report.footer', { name: this.input.official.displayName, page: index + 1, pages: range.count })),
        PAGE_MARGIN,
        this.doc.page.height - PAGE_MARGIN + 18,
        { width: this.doc.page.width - 2 * PAGE_MARGIN, align: 'center', lineBreak: false },
      );
      margins.bottom = bottom;
    }
  }

  private recorded(record: EvidenceRecord) {
    this.text(this.t('incidents:caseFile.report.recorded', { sequence: record.sequence, date: this.date(record.receivedAt) }), { size: 8.5, color: COLOR_MUTED, gap: 8 });
  }

  private heading(text: string) {
    this.keepSpace(80);
    this.doc.moveDown(0.6);
    this.text(text, { font: 'bold', size: 13, gap: 4 });
  }

  private subheading(text: string) {
    this.keepSpace(60);
    this.doc.moveDown(0.3);
    this.text(text, { font: 'bold', size: 11, gap: 3, color: '#1a3d7c' });
  }

  private paragraph(text: string) {
    this.text(text, { size: 10, gap: 6 });
  }

  /** A label and its value side by side; an unknown value is said to be unknown rather than left blank. */
  private field(label: string, value: string | string[] | null, options: { links?: boolean; mono?: boolean } = {}) {
    const { doc } = this;
    const x = PAGE_MARGIN;
    const valueWidth = doc.page.width - 2 * PAGE_MARGIN - LABEL_WIDTH;
    const values = value === null || (Array.isArray(value) && value.length === 0) ? [this.t('incidents:caseFile.report.unknown')] : Array.isArray(value) ? value : [value];
    const size = options.mono ? 8 : 10;
    const font = options.mono ? this.fonts.mono : this.fonts.regular;
    doc.font(font).fontSize(size);
    const valueHeight = values.reduce((sum, v) => sum + doc.heightOfString(this.clean(v), { width: valueWidth }), 0);
    if (valueHeight < doc.page.height / 2) this.keepSpace(valueHeight + 4);
    const top = doc.y;
    doc.font(this.fonts.bold).fontSize(9).fillColor(COLOR_MUTED);
    this.flow(label, x, LABEL_WIDTH - 10);
    const labelBottom = doc.y;
    doc.font(font).fontSize(size).fillColor(COLOR_TEXT);
    doc.y = top + (options.mono ? 1 : 0);
    for (const v of values) {
      const link = options.links && /^https?:\/\//i.test(v) ? v : undefined;
      doc.fillColor(link ? '#1a3d7c' : COLOR_TEXT);
      if (link) doc.text(this.clean(v), x + LABEL_WIDTH, doc.y, { width: valueWidth, link, underline: true });
      else this.flow(v, x + LABEL_WIDTH, valueWidth);
    }
    // A long value may have flowed onto the next page, where the label's position means nothing.
    doc.y = doc.y < top ? doc.y : Math.max(doc.y, labelBottom);
    doc.x = x;
    doc.y += 3;
    doc.fillColor(COLOR_TEXT);
  }

  private text(text: string, options: { font?: keyof ReportFonts; size?: number; color?: string; gap?: number; indent?: number } = {}) {
    const { doc } = this;
    doc.font(this.fonts[options.font ?? 'regular']).fontSize(options.size ?? 10).fillColor(options.color ?? COLOR_TEXT);
    const indent = options.indent ?? 0;
    this.flow(text, PAGE_MARGIN + indent, doc.page.width - 2 * PAGE_MARGIN - indent);
    doc.y += options.gap ?? 0;
    doc.x = PAGE_MARGIN;
    doc.fillColor(COLOR_TEXT);
  }

  /**
   * Writes text into a column at the current line. Text with right-to-left script is broken into lines and
   * drawn word by word in visual order (bidi-order.ts); pdfkit alone would put Arabic words left to right.
   */
  private flow(text: string, x: number, width: number) {
    const { doc } = this;
    const cleaned = this.clean(text);
    if (this.fonts === BUILT_IN || !hasRightToLeft(cleaned)) {
      doc.text(cleaned, x, doc.y, { width });
      return;
    }
    const space = doc.widthOfString(' ');
    for (const paragraph of cleaned.split('\n')) {
      const direction = paragraphDirection(paragraph);
      const lines: string[][] = [[]];
      let used = 0;
      for (const word of paragraph.split(' ').flatMap((w) => this.fitWord(w, width))) {
        const wordWidth = doc.widthOfString(word);
        const line = lines.at(-1)!;
        if (line.length > 0 && used + space + wordWidth > width) {
          lines.push([word]);
          used = wordWidth;
        } else {
          used += (line.length > 0 ? space : 0) + wordWidth;
          line.push(word);
        }
      }
      for (const line of lines) {
        const lineHeight = doc.currentLineHeight(true);
        if (doc.y + lineHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
        const y = doc.y;
        const words = visualOrder(line, direction);
        const lineWidth = words.reduce((sum, word) => sum + doc.widthOfString(word), 0) + space * Math.max(0, words.length - 1);
        let cursor = direction === 'rtl' ? x + width - lineWidth : x;
        for (const word of words) {
          doc.text(word, cursor, y, { lineBreak: false });
          cursor += doc.widthOfString(word) + space;
        }
        doc.y = y + lineHeight;
      }
    }
    doc.x = x;
  }

  /** A word wider than the column is cut into pieces that fit (long links, hashes). */
  private fitWord(word: string, width: number): string[] {
    if (!word) return [];
    const pieces: string[] = [];
    let rest = word;
    while (this.doc.widthOfString(rest) > width && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && this.doc.widthOfString(rest.slice(0, cut)) > width) cut--;
      pieces.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    return [...pieces, rest];
  }

  private keepSpace(height: number) {
    if (this.doc.y + height > this.doc.page.height - PAGE_MARGIN) this.doc.addPage();
  }

  private date(iso: string | null): string {
    if (!iso) return this.t('incidents:caseFile.report.unknown');
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : this.dateFormat.format(date);
  }

  /** With the built-in font, characters outside Latin-1 become "?" instead of garbage; the exact text is in chain.json. */
  private clean(text: string): string {
    const normalised = text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ');
    if (this.fonts !== BUILT_IN) return normalised;
    return Array.from(normalised, (c) => (c === '\n' || coveredByBuiltIn(c.codePointAt(0)!) ? c : '?')).join('');
  }
}

const COMPARED_FIELDS = ['occurredAt', 'foundAt', 'foundBy', 'channel', 'kind', 'description', 'contentUrls', 'author', 'authorProfileUrl', 'severity'] as const;
function changedFields(before: IncidentRevisionContent, after: IncidentRevisionContent) {
  return COMPARED_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

/** The code points the report will have to show (case data only: our own strings are covered by every candidate). */
function textOf(input: ReportInput): Set<number> {
  const codePoints = new Set<number>();
  const add = (value: unknown): void => {
    if (typeof value === 'string') for (const c of value) codePoints.add(c.codePointAt(0)!);
    else if (Array.isArray(value)) value.forEach(add);
    else if (value && typeof value === 'object') Object.values(value).forEach(add);
  };
  add(input.official);
  add(input.incidents.map((incident) => [incident.reference, incident.revisions, incident.followUps, incident.snapshots, incident.attachments.map((a) => a.content)]));
  add(input.t('incidents:caseFile.report.title'));
  for (const c of ['\n', '\r', '\t']) codePoints.delete(c.codePointAt(0)!);
  return codePoints;
}

/** The first candidate that can show every character; if none can, the one that misses fewest (and the report says so). */
function chooseFonts(doc: PDFKit.PDFDocument, needed: Set<number>, preferred?: ReportFonts): { fonts: ReportFonts; missing: boolean } {
  let best: { fonts: ReportFonts; missingCount: number } | null = null;
  for (const fonts of [...(preferred ? [preferred] : []), ...FONT_CANDIDATES]) {
    if (![fonts.regular, fonts.bold, fonts.mono].every((file) => fs.existsSync(file))) continue;
    doc.font(fonts.regular);
    // pdfkit keeps the fontkit font on a private field; without it we cannot check, and assume coverage.
    const font = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: (c: number) => boolean } } })._font?.font;
    const missingCount = font?.hasGlyphForCodePoint ? [...needed].filter((c) => !font.hasGlyphForCodePoint!(c)).length : 0;
    if (missingCount === 0) return { fonts, missing: false };
    if (!best || missingCount < best.missingCount) best = { fonts, missingCount };
  }
  const builtInMissing = [...needed].filter((c) => !coveredByBuiltIn(c)).length;
  if (builtInMissing === 0) return { fonts: BUILT_IN, missing: false };
  if (best && best.missingCount <= builtInMissing) return { fonts: best.fonts, missing: true };
  return { fonts: BUILT_IN, missing: true };
}
