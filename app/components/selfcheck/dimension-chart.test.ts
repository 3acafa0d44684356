import { createElement, Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { scriptlessWindow } from '#app/editor/scriptless-window';
import { DimensionChart, DimensionTable, type ChartDimension, type DimensionChartProps, type DimensionChartText } from './dimension-chart';

const text: DimensionChartText = {
  title: 'Selbstcheck 2025: Ergebnis je Handlungsfeld',
  description: 'Fünf Handlungsfelder auf einer Skala von 0 bis 100; am schwächsten ist Schutz vor Anfeindungen.',
  dimension: 'Handlungsfeld',
  current: 'Diese Runde',
  earlier: 'Vorige Runde',
  change: 'Veränderung',
  network: 'Netzwerk: mittlere Hälfte',
  networkMedian: 'Netzwerk: Median',
  noScore: 'keine Bewertung',
  notComparable: 'nicht vergleichbar',
  noNetwork: 'zu wenige Kommunen',
  showTable: 'Als Tabelle anzeigen',
};

const dimensions: ChartDimension[] = [
  { key: 'fuehrung', label: 'Führung und Strategie', score: 62.5, earlierScore: 50, network: { from: 45, to: 65, median: 55 } },
  { key: 'verwaltung', label: 'Verwaltung und Dienstleistungen', score: 71.3, earlierScore: 75, network: { from: 50, to: 70, median: 60 } },
  { key: 'dialog', label: 'Dialog und Beteiligung', score: 48, earlierScore: null, network: { from: 40, to: 60, median: 50 } },
  { key: 'schutz', label: 'Schutz vor Anfeindungen', score: 30.8, earlierScore: 25.3, network: null },
  { key: 'zivilgesellschaft', label: 'Zusammenarbeit mit der Zivilgesellschaft', score: null, earlierScore: 40, network: { from: 55, to: 75, median: 65 } },
];
const plain = dimensions.map(({ key, label, score }) => ({ key, label, score }));

const render = (props: Partial<DimensionChartProps> = {}) =>
  renderToStaticMarkup(createElement(DimensionChart, { variant: 'bar', dimensions, text, ...props }));

function parse(markup: string) {
  const document = scriptlessWindow().document;
  document.body.innerHTML = markup;
  return document;
}

const variants = ['radar', 'bar'] as const;
const cases = variants.flatMap((variant) =>
  (['ltr', 'rtl'] as const).flatMap((direction) =>
    [
      ['with earlier round and network', dimensions],
      ['without overlays', plain],
    ].map(([overlay, data]) => ({ variant, direction, overlay: overlay as string, data: data as ChartDimension[] })),
  ),
);

describe('DimensionChart', () => {
  it.each(cases)('$variant, $direction, $overlay: no inline style anywhere', ({ variant, direction, data }) => {
    const markup = render({ variant, direction, dimensions: data, table: 'collapsed' });
    expect(markup).not.toMatch(/\sstyle=/i);
    expect(markup).not.toMatch(/<style/i);
  });

  it.each(variants)('%s: an image named by its title and described by its desc', (variant) => {
    const document = parse(render({ variant }));
    const svg = document.querySelector('svg.selfcheck-chart')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('viewBox')).toMatch(/^0 0 \d+ \d+(\.\d+)?$/);
    expect(svg.hasAttribute('width') || svg.hasAttribute('height')).toBe(false);
    const titleId = svg.getAttribute('aria-labelledby');
    const descId = svg.getAttribute('aria-describedby');
    expect(svg.querySelector(':scope > title')!.id).toBe(titleId);
    expect(svg.querySelector(':scope > title')!.textContent).toBe(text.title);
    expect(svg.querySelector(':scope > desc')!.id).toBe(descId);
    expect(svg.querySelector(':scope > desc')!.textContent).toBe(text.description);
  });

  it.each(variants.flatMap((variant) => [0, 1, 2, 3].map((count) => [variant, count] as const)))('%s renders %i dimensions without broken geometry', (variant, count) => {
    const markup = render({ variant, dimensions: dimensions.slice(0, count) });
    expect(markup).not.toMatch(/NaN|undefined|Infinity/);
    expect(parse(markup).querySelectorAll('table.selfcheck-table tbody tr')).toHaveLength(count);
  });

  it('gives two charts on one page distinct ids', () => {
    const markup = renderToStaticMarkup(
      createElement(Fragment, null, createElement(DimensionChart, { variant: 'radar', dimensions, text }), createElement(DimensionChart, { variant: 'bar', dimensions, text })),
    );
    const ids = [...parse(markup).querySelectorAll('[id]')].map((element) => element.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(4);
  });

  describe('right to left', () => {
    const widthOf = (markup: string) => Number(parse(markup).querySelector('svg.selfcheck-chart')!.getAttribute('viewBox')!.split(' ')[2]);
    const placed = (markup: string, selector: string) =>
      [...parse(markup).querySelectorAll(`svg.selfcheck-chart ${selector}`)].map((element) => ({
        x: Number(element.getAttribute('x')),
        anchor: element.getAttribute('text-anchor'),
        text: element.textContent!.replace(/[\u2067\u2069]/g, ''),
      }));
    const mirroredAnchor = { start: 'end', end: 'start', middle: 'middle' } as Record<string, string>;

    const placedTexts = [
      ['radar', 'text.chart-label'],
      ['radar', '.chart-axis-label text'],
      ['bar', 'text.chart-label'],
      ['bar', 'text.chart-value'],
      ['bar', 'text.chart-no-score'],
      ['bar', '.chart-axis-label text'],
    ] as const;
    it.each(placedTexts)(
      '%s: %s mirrors its position and text anchor',
      (variant, selector) => {
        const ltrMarkup = render({ variant, direction: 'ltr' });
        const width = widthOf(ltrMarkup);
        const ltr = placed(ltrMarkup, selector);
        const rtl = placed(render({ variant, direction: 'rtl' }), selector);
        expect(ltr.length).toBeGreaterThan(0);
        expect(rtl).toHaveLength(ltr.length);
        rtl.forEach((label, i) => {
          expect(label.text).toBe(ltr[i].text);
          expect(label.x).toBeCloseTo(width - ltr[i].x, 1);
          expect(label.anchor).toBe(mirroredAnchor[ltr[i].anchor!]);
        });
        if (selector === 'text.chart-label') expect(new Set(ltr.map((l) => l.anchor)).size).toBeGreaterThan(variant === 'radar' ? 1 : 0);
      },
    );

    it('bars grow from the inline-start side: the left in German, the right in Arabic', () => {
      const bars = (direction: 'ltr' | 'rtl') =>
        [...parse(render({ variant: 'bar', direction })).querySelectorAll('svg.selfcheck-chart rect.chart-current-bar')].map((bar) => ({
          start: Number(bar.getAttribute('x')),
          end: Number(bar.getAttribute('x')) + Number(bar.getAttribute('width')),
        }));
      const width = widthOf(render({ variant: 'bar' }));
      const ltr = bars('ltr');
      const rtl = bars('rtl');
      expect(new Set(ltr.map((bar) => bar.start)).size).toBe(1); // all start at the same left edge
      expect(new Set(rtl.map((bar) => bar.end)).size).toBe(1); // all end at the same right edge
      rtl.forEach((bar, i) => expect(bar.end).toBeCloseTo(width - ltr[i].start, 5));
      expect(rtl[0].end).toBeGreaterThan(width / 2);
    });

    it('lays text out physically and isolates right-to-left labels', () => {
      const document = parse(render({ variant: 'radar', direction: 'rtl' }));
      expect(document.querySelector('svg.selfcheck-chart')!.getAttribute('direction')).toBe('ltr');
      expect(document.querySelector('text.chart-label tspan')!.textContent).toBe('\u2067Führung und Strategie\u2069');
    });
  });

  describe('the data table', () => {
    const rows = (markup: string) =>
      [...parse(markup).querySelectorAll('table.selfcheck-table tr')].map((row) => [...row.children].map((cell) => cell.textContent));

    it('always accompanies the chart, with every value', () => {
      expect(rows(render({ variant: 'radar' }))).toEqual([
        ['Handlungsfeld', 'Diese Runde', 'Vorige Runde', 'Veränderung', 'Netzwerk: mittlere Hälfte', 'Netzwerk: Median'],
        ['Führung und Strategie', '62,5', '50', '+12,5', '45–65', '55'],
        ['Verwaltung und Dienstleistungen', '71,3', '75', '-3,7', '50–70', '60'],
        ['Dialog und Beteiligung', '48', 'keine Bewertung', 'nicht vergleichbar', '40–60', '50'],
        ['Schutz vor Anfeindungen', '30,8', '25,3', '+5,5', 'zu wenige Kommunen', 'zu wenige Kommunen'],
        ['Zusammenarbeit mit der Zivilgesellschaft', 'keine Bewertung', '40', 'nicht vergleichbar', '55–75', '65'],
      ]);
    });

    it('leaves out the columns of overlays that are not shown', () => {
      expect(rows(render({ dimensions: plain }))[0]).toEqual(['Handlungsfeld', 'Diese Runde']);
    });

    it('has a caption and header cells for rows and columns', () => {
      const document = parse(renderToStaticMarkup(createElement(DimensionTable, { dimensions, text })));
      expect(document.querySelector('caption')!.textContent).toBe(text.title);
      expect(document.querySelectorAll('thead th[scope="col"]')).toHaveLength(6);
      expect(document.querySelectorAll('tbody th[scope="row"]')).toHaveLength(5);
    });

    it('formats numbers for the page language', () => {
      expect(rows(render({ locale: 'en' }))[1]).toEqual(['Führung und Strategie', '62.5', '50', '+12.5', '45–65', '55']);
    });

    it('can be collapsed into a details element that works without JavaScript', () => {
      const document = parse(render({ table: 'collapsed' }));
      expect(document.querySelector('figure > details > summary')!.textContent).toBe(text.showTable);
      expect(document.querySelector('figure > details > .selfcheck-table-scroll > table.selfcheck-table')).not.toBeNull();
    });
  });
});
