// Types for the helpers in-page.js installs in the test page as `globalThis.__a11y`.

/** One layer behind a piece of text: an element's background and opacity. */
export interface Layer {
  background: string;
  opacity: number;
  image: boolean;
  what: string;
}

/** A text (or a field's text) with its colour and what is behind it. */
export interface TextSample {
  what: string;
  color: string;
  fontSize: number;
  fontWeight: number;
  layers: Layer[];
}

/** A control's boundary and colours. */
export interface ControlSample {
  what: string;
  type: string;
  borderStyle: string;
  borderWidth: number;
  borderColor: string;
  outlineStyle: string;
  outlineColor: string;
  accentColor: string;
  appearance: string;
  forcedColorAdjust: string;
  background: string;
  color: string;
  layers: Layer[];
}

/** How the focused element shows focus. */
export interface FocusSample {
  what: string;
  none: boolean;
  /** Why it cannot be seen ('' when it can). */
  obscured?: string;
  outlineStyle?: string;
  outlineWidth?: number;
  outlineColor?: string;
  outlineOffset?: number;
  boxShadow?: string;
  layers?: Layer[];
  rect?: { top: number; left: number; bottom: number; right: number };
  viewport?: { width: number; height: number };
}

/** A rendered text box. */
export interface Box {
  what: string;
  text: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A click or tab target. */
export interface Target {
  what: string;
  inline: boolean;
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A change seen in a live region. */
export interface LiveChange {
  text: string;
  live: string | null;
}

/** The helpers. */
export interface InPage {
  deepActive(): (Element & { id: string }) | null;
  describe(element: Element | null): string;
  focused(): string;
  texts(): TextSample[];
  controls(): ControlSample[];
  focusIndicator(): FocusSample;
  textBoxes(): Box[];
  clipped(): string[];
  reflow(): { scrollWidth: number; innerWidth: number; wide: string[] };
  motion(): string[];
  targets(): Target[];
  styles(selector: string, properties: string[]): Record<string, string>[];
  watchLive(): void;
  liveLog(): LiveChange[];
  liveRegions(): { what: string; live: string | null; role: string | null; text: string }[];
  watchFocus(): void;
  focusLog(): string[];
}

declare global {
  var __a11y: InPage;
}
