import { svg, type SVGTemplateResult } from 'lit';

/** A continuous or band-like scale, as far as drawing an axis needs. */
export interface AxisScale {
  (value: number): number | undefined;
  ticks?: (count?: number) => number[];
}

interface AxisOptions {
  ticks: number[];
  format: (value: number) => string;
  label: string;
}

/** A horizontal axis along y = `y`, from x = `left` to `right`, with its label centred below. */
export function bottomAxis(scale: AxisScale, y: number, left: number, right: number, options: AxisOptions): SVGTemplateResult {
  return svg`<g class="axis" aria-hidden="true">
    <line x1=${left} x2=${right} y1=${y} y2=${y} class="domain"></line>
    ${options.ticks.map((tick) => {
      const x = scale(tick) ?? 0;
      return svg`<line x1=${x} x2=${x} y1=${y} y2=${y + 5}></line>
        <text x=${x} y=${y + 18} text-anchor="middle">${options.format(tick)}</text>`;
    })}
    <text class="axis-label" x=${(left + right) / 2} y=${y + 38} text-anchor="middle">${options.label}</text>
  </g>`;
}

/**
 * A vertical axis at x = `x` with horizontal grid lines across the plot; `side` puts the tick
 * labels and the rotated axis label to the left or the right.
 */
export function verticalAxis(
  scale: AxisScale, x: number, top: number, bottom: number, side: 'left' | 'right', options: AxisOptions & { gridTo?: number },
): SVGTemplateResult {
  const direction = side === 'left' ? -1 : 1;
  const labelX = x + direction * 52;
  const middle = (top + bottom) / 2;
  return svg`<g class="axis" aria-hidden="true">
    <line x1=${x} x2=${x} y1=${top} y2=${bottom} class="domain"></line>
    ${options.ticks.map((tick) => {
      const y = scale(tick) ?? 0;
      return svg`${options.gridTo === undefined ? null : svg`<line class="grid" x1=${x} x2=${options.gridTo} y1=${y} y2=${y}></line>`}
        <line x1=${x} x2=${x + direction * 5} y1=${y} y2=${y}></line>
        <text x=${x + direction * 8} y=${y} dy="0.32em" text-anchor=${side === 'left' ? 'end' : 'start'}>${options.format(tick)}</text>`;
    })}
    <text class="axis-label" transform="translate(${labelX},${middle}) rotate(-90)" text-anchor="middle">${options.label}</text>
  </g>`;
}

/** Period ticks that land on year boundaries where there is room, else every few years. */
export function periodTicks(periods: number, periodsPerYear: number, width: number): number[] {
  const years = periods / periodsPerYear;
  const room = Math.max(2, Math.floor(width / 60));
  const step = years <= room ? periodsPerYear : periodsPerYear * Math.ceil(years / room);
  const ticks = [1];
  for (let t = step; t <= periods; t += step) ticks.push(t);
  return ticks;
}
