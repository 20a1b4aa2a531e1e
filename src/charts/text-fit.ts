/** How wide a text draws, in px, in one font at one size. */
export type TextMeasure = (text: string) => number;

/**
 * Average advance of a character as a share of the font size, for when nothing can measure
 * (no canvas, as in a test without a browser): wide enough for DejaVu Sans, the widest of the
 * usual sans-serif fonts, so a label cut by it still fits.
 */
const AVERAGE_ADVANCE = 0.62;

const contexts = new Map<string, CanvasRenderingContext2D | null>();

/**
 * A measure of text in `fontFamily` at `sizePx`, by a canvas's `measureText` (the font the page
 * really draws with, whichever the platform picks for "system-ui"), or by an average advance per
 * character where there is no canvas.
 */
export function textMeasure(fontFamily: string, sizePx: number): TextMeasure {
  const font = `${sizePx}px ${fontFamily || 'sans-serif'}`;
  let context = contexts.get(font);
  if (context === undefined) {
    context = canvasContext();
    if (context !== null) context.font = font;
    contexts.set(font, context);
  }
  const measured = context;
  return measured === null ? (text) => text.length * sizePx * AVERAGE_ADVANCE : (text) => measured.measureText(text).width;
}

function canvasContext(): CanvasRenderingContext2D | null {
  try {
    return typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  } catch {
    // jsdom without the canvas package throws "not implemented".
    return null;
  }
}

/**
 * `text` as it fits in `room` px: whole if it fits, else cut at a word where one is near the end
 * (else at a character) with an ellipsis. At least one character and the ellipsis are kept, so a
 * row is never left without a name.
 * @example fitText('Retail media: maximum conversion lift', 120, measure) // "Retail media: max…"
 */
export function fitText(text: string, room: number, measure: TextMeasure): string {
  if (measure(text) <= room) return text;
  let low = 1;
  let high = text.length - 1;
  // The longest prefix that fits with its ellipsis: widths grow with length, so search.
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (measure(`${text.slice(0, middle).trimEnd()}…`) <= room) low = middle;
    else high = middle - 1;
  }
  const cut = text.slice(0, low);
  const space = cut.lastIndexOf(' ');
  const atWord = space >= cut.length * 0.7 ? cut.slice(0, space) : cut;
  return `${atWord.trimEnd().replace(/[:·,]$/, '')}…`;
}
