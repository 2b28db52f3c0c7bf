// WCAG colour arithmetic: parse what getComputedStyle returns, put layers on top of each other,
// and compute relative luminance and contrast ratios (WCAG 2.2, "contrast ratio" definition).
import type { Layer } from './in-page.js';

/** A colour: red, green, blue 0–255 and alpha 0–1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** The page's canvas when nothing else is painted: white. */
export const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };

/**
 * Parses a computed colour: `rgb(…)`, `rgba(…)`, `color(srgb r g b / a)`, `transparent`.
 * Throws on anything else, so a test never silently compares a colour it could not read.
 */
export function parseColor(text: string): Rgba {
  const value = text.trim().toLowerCase();
  if (value === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(
    value,
  );
  if (rgb) {
    const alpha = rgb[4] === undefined ? 1 : fraction(rgb[4]);
    return { r: Number(rgb[1]), g: Number(rgb[2]), b: Number(rgb[3]), a: alpha };
  }
  const srgb = /^color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)(?:\s*\/\s*([\d.]+%?))?\s*\)$/.exec(
    value,
  );
  if (srgb) {
    return {
      r: Number(srgb[1]) * 255,
      g: Number(srgb[2]) * 255,
      b: Number(srgb[3]) * 255,
      a: srgb[4] === undefined ? 1 : fraction(srgb[4]),
    };
  }
  throw new Error(`Cannot read the colour "${text}"`);
}

const fraction = (text: string) =>
  text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);

/** `top` painted over an opaque `bottom` with `top`'s alpha times `opacity`. */
export function over(top: Rgba, bottom: Rgba, opacity = 1): Rgba {
  const a = top.a * opacity;
  return {
    r: top.r * a + bottom.r * (1 - a),
    g: top.g * a + bottom.g * (1 - a),
    b: top.b * a + bottom.b * (1 - a),
    a: 1,
  };
}

/** WCAG relative luminance of an opaque colour. */
export function luminance({ r, g, b }: Rgba): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio of two opaque colours, 1 to 21. */
export function contrast(one: Rgba, two: Rgba): number {
  const [light, dark] = [luminance(one), luminance(two)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Product of the opacities of these layers (an element's opacity applies to all inside it). */
export const opacityOf = (layers: readonly Layer[]): number =>
  layers.reduce((product, layer) => product * layer.opacity, 1);

/**
 * The opaque colour behind something, from the layers innermost first (the element itself,
 * then its ancestors out to <html>): painted from the outside in over a white canvas, each
 * background with the opacity of its element and all ancestors. Throws on background images:
 * then the colour behind text cannot be known from styles.
 */
export function backdrop(layers: readonly Layer[]): Rgba {
  let colour = WHITE;
  for (let i = layers.length - 1; i >= 0; i -= 1) {
    const layer = layers[i]!;
    if (layer.image) throw new Error(`${layer.what} has a background image: check it by eye`);
    colour = over(parseColor(layer.background), colour, opacityOf(layers.slice(i)));
  }
  return colour;
}

/** A foreground colour as seen on `layers` (innermost first, the element itself included). */
export function seenOn(foreground: string, layers: readonly Layer[]): Rgba {
  return over(parseColor(foreground), backdrop(layers), opacityOf(layers));
}

/** The contrast of a text colour with what is behind it. */
export function textContrast(color: string, layers: readonly Layer[]): number {
  return contrast(seenOn(color, layers), backdrop(layers));
}

/** WCAG "large scale" text: at least 18 pt (24 px), or 14 pt (18.66 px) and bold. */
export const isLarge = (fontSize: number, fontWeight: number): boolean =>
  fontSize >= 24 || (fontSize >= 18.66 && fontWeight >= 700);

/** The contrast text of this size and weight needs (1.4.3): 4.5:1, or 3:1 when large. */
export const requiredTextContrast = (fontSize: number, fontWeight: number): number =>
  isLarge(fontSize, fontWeight) ? 3 : 4.5;

/** Rounds a ratio for messages: 4.54. */
export const ratio = (value: number): string => `${value.toFixed(2)}:1`;
