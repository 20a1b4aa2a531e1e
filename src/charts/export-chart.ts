import type { LegendItem } from './legend-item.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Style properties that decide how a chart looks; copied inline so the file stands alone. */
const STYLED = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline'];
const HEADER_HEIGHT = 30;
const LEGEND_ROW = 18;

/**
 * A chart as a standalone SVG document: its heading and legend on top, then the plot with every
 * style written inline (the page's CSS does not travel with a file), so it opens the same in a
 * browser, an editor or a slide.
 */
export function standaloneSvg(plot: SVGSVGElement, heading: string, legend: readonly LegendItem[]): string {
  const viewBox = plot.viewBox.baseVal;
  const width = viewBox.width || plot.getBoundingClientRect().width;
  const height = viewBox.height || plot.getBoundingClientRect().height;

  const copy = plot.cloneNode(true) as SVGSVGElement;
  inlineStyles(plot, copy);
  copy.querySelectorAll('.overlay').forEach((element) => element.remove());

  // Lay the legend out in rows by an estimate of each label's width.
  const entries: { item: LegendItem; x: number; y: number }[] = [];
  let x = 8;
  let y = HEADER_HEIGHT + 6;
  for (const item of legend) {
    const itemWidth = 30 + item.label.length * 7;
    if (x + itemWidth > width && x > 8) { x = 8; y += LEGEND_ROW; }
    entries.push({ item, x, y });
    x += itemWidth;
  }
  const top = (entries.length > 0 ? y + LEGEND_ROW : HEADER_HEIGHT) + 4;

  const document = plot.ownerDocument;
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height + top));
  root.setAttribute('viewBox', `0 0 ${width} ${height + top}`);
  root.setAttribute('font-family', 'system-ui, sans-serif');
  const background = element(document, 'rect', { width: String(width), height: String(height + top), fill: '#fff' });
  const title = element(document, 'text', { x: '8', y: '20', 'font-size': '15', 'font-weight': '600', fill: '#111' });
  title.textContent = heading;
  root.append(background, title);
  for (const { item, x: left, y: baseline } of entries) {
    const mark = item.kind === 'line'
      ? element(document, 'line', { x1: String(left), x2: String(left + 20), y1: String(baseline - 4), y2: String(baseline - 4), stroke: item.colour, 'stroke-width': '2.5', 'stroke-dasharray': item.dash ?? '' })
      : element(document, 'rect', { x: String(left + 4), y: String(baseline - 10), width: '12', height: '12', rx: '2', fill: item.colour });
    const label = element(document, 'text', { x: String(left + 26), y: String(baseline), 'font-size': '12', fill: '#222' });
    label.textContent = item.label;
    root.append(mark, label);
  }
  const body = element(document, 'g', { transform: `translate(0,${top})` });
  body.append(...Array.from(copy.childNodes));
  root.append(body);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`;
}

/** Renders standalone SVG markup to a PNG at `scale` times its size. */
export async function svgToPng(markup: string, scale = 2): Promise<Blob> {
  const image = new Image();
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(image.naturalWidth * scale);
    canvas.height = Math.ceil(image.naturalHeight * scale);
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('This browser cannot draw images');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

function element(document: Document, name: string, attributes: Record<string, string>): SVGElement {
  const node = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) if (value !== '') node.setAttribute(key, value);
  return node;
}

/** Copies each element's computed look onto its clone, walking both trees together. */
function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  const style = STYLED.map((property) => `${property}:${computed.getPropertyValue(property)}`).join(';');
  target.setAttribute('style', style);
  target.removeAttribute('class');
  const sourceChildren = source.children;
  const targetChildren = target.children;
  for (let index = 0; index < sourceChildren.length; index += 1) inlineStyles(sourceChildren[index], targetChildren[index]);
}
