/** A legend entry: a filled swatch, a line (optionally dashed) or a hatched swatch. */
export interface LegendItem {
  label: string;
  colour: string;
  kind?: 'swatch' | 'line' | 'hatch' | 'dot' | 'ring' | 'diamond';
  dash?: string;
}
