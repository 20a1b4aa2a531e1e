import { css } from 'lit';

/**
 * The app's colours and form styles, defined once as CSS custom properties on the shell's root
 * (`BudgetSimApp.styles`). Custom properties inherit through shadow roots, so every component
 * inside the shell reads them with `var(--…)` and declares no colour of its own.
 *
 * Names say what a colour is for, not what it looks like. The greys are a scale from the darkest
 * text to the lightest rule; text colours keep at least 4.5:1 contrast on white and on the page.
 * Charts keep their own palette (src/charts/palette.ts): they import nothing from the app, and
 * an exported SVG or PNG must carry its colours with it.
 *
 * @cssproperty --colour-text - text in fields, tables and buttons
 * @cssproperty --colour-accent - focus rings, the slider, ticks, the lead figure: the Okabe–Ito blue
 * @cssproperty --colour-error - a field's problem, its message and its border
 * @cssproperty --field-border - the border of every text box and select
 */
export const designTokens = css`
  :host {
    /* Text, darkest first */
    --colour-text: #111;
    --colour-page-text: #161616;
    --colour-text-strong: #222;
    --colour-text-secondary: #333;
    --colour-text-soft: #444;
    --colour-text-muted: #555;
    --colour-text-disabled: #666;

    /* Surfaces */
    --colour-page: #f4f5f7;
    --colour-surface: #fff;
    --colour-surface-subtle: #fafafa;
    --colour-surface-disabled: #f0f0f0;
    --colour-table-head: #f4f4f4;
    --colour-tab: #e9edf2;
    --colour-tinted: #f3f7fb;
    --colour-tinted-strong: #eef3f8;
    --colour-section: #eef2f6;

    /* Lines, strongest first */
    --colour-control-border: #666;
    --colour-tip-border: #777;
    --colour-rule-strong: #bbb;
    --colour-rule-medium: #c8c8c8;
    --colour-fieldset: #d6d6d6;
    --colour-line: #d9dce1;
    --colour-rule: #ddd;
    --colour-rule-light: #e4e4e4;
    --colour-rule-faint: #e6e6e6;
    --colour-row: #eee;

    /* The brand's navy (masthead, primary buttons, the phone's summary bar), and text on it or on any dark ground */
    --colour-brand: #0b2540;
    --colour-brand-raised: #1d2b3a;
    --colour-on-dark: #fff;
    --colour-on-brand-soft: #d5e3f0;
    --colour-on-brand-label: #cfe0f0;
    --colour-on-brand-border: #9cc7ea;
    --colour-on-brand-outline: #8fb3d9;
    --colour-on-brand-disabled: #8ea4b8;
    --colour-on-brand-disabled-border: #4a6580;
    --colour-on-brand-focus: #7cc4ff;
    --colour-on-brand-focus-alt: #56B4E9;
    --colour-on-brand-hover: rgba(255, 255, 255, 0.12);

    /* Accents */
    --colour-accent: #0072B2;
    --colour-accent-dark: #005a8c;
    --colour-link: #004f80;
    --colour-lesson-label: #2d4a63;
    --colour-upstream-text: #005a8c;
    --colour-downstream-text: #8a5a00;

    /* Meaning: better, worse, errors, warnings, confirmations */
    --colour-better: #00603f;
    --colour-worse: #a3350b;
    --colour-error: #B00020;
    --colour-warning-surface: #fff4e5;
    --colour-warning-border: #e0a040;
    --colour-note-surface: #fff8e1;
    --colour-note-border: #b36b00;
    --colour-unsaved-surface: #fff7e0;
    --colour-info-surface: #eef6ee;
    --colour-info-border: #7bb07b;
    --colour-error-surface: #fdeeee;
    --colour-error-border: #d07070;
    --colour-current: #0b5d1e;
    --colour-print-text: #000;

    /* Shadows */
    --shadow-tip: 0 2px 8px rgba(0, 0, 0, 0.3);
    --shadow-toast: 0 4px 18px rgba(0, 0, 0, 0.28);
    --shadow-bar: 0 -2px 10px rgba(0, 0, 0, 0.25);

    /* Form fields: every text box and select */
    --field-border: #8a8a8a;
    --field-background: var(--colour-surface);
    --field-text: var(--colour-text);
    --field-radius: 4px;
    --field-padding: 6px 8px;
    --focus-ring: 3px solid var(--colour-accent);

    /* Cards and spacing */
    --card-radius: 8px;
    --space-gap: 14px;

    /* Read by the charts (src/charts), which import nothing from the app and fall back to
       their own values when drawn alone: the same colours under the charts' names. */
    --surface: var(--colour-surface);
    --line: var(--colour-line);
    --muted: var(--colour-text-muted);
    --focus: var(--colour-accent);
  }
`;
