/**
 * The NHS identity colours every chart uses: the dashboard's server-drawn charts and the
 * notebooks (their data loaders pass {@link chartPalette} into each page). One place, so a
 * chart looks the same wherever it is drawn.
 *
 * Contrast (WCAG 2.1 AA) against the chart background, NHS Grey 5: NHS Blue 5.8:1, Dark Blue
 * 10.7:1, Dark Grey 7.0:1, Mid Grey 3.4:1, Light Blue 2.1:1, Pale Grey 1.1:1. Lines, points
 * and rules (non-text, 3:1) therefore use Blue, Dark Blue, Dark Grey and Mid Grey; text uses
 * Dark Grey or darker (4.5:1); Light Blue and Pale Grey are used only for fills (bands, bars)
 * whose meaning is also given by an edge, a label or a position. Series never differ by colour
 * alone: each has its own dash pattern or a direct label.
 */

/** NHS identity colours (https://www.england.nhs.uk/nhsidentity/identity-guidelines/colours/). */
export const NHS_COLOURS = {
  blue: "#005EB8",
  darkBlue: "#003087",
  lightBlue: "#41B6E6",
  darkGrey: "#425563",
  midGrey: "#768692",
  paleGrey: "#E8EDEE",
  grey5: "#F0F4F5",
  black: "#231F20",
  white: "#FFFFFF",
} as const;

/** Series colours in order: NHS Blue first, then Dark Blue, Light Blue and the greys. */
export const SERIES_COLOURS: readonly string[] = [NHS_COLOURS.blue, NHS_COLOURS.darkBlue, NHS_COLOURS.lightBlue, NHS_COLOURS.darkGrey, NHS_COLOURS.midGrey];

/**
 * Colours for lines and points (non-text marks that must reach 3:1 on the background): the
 * series colours without Light Blue, which stays for fills.
 */
export const LINE_COLOURS: readonly string[] = [NHS_COLOURS.blue, NHS_COLOURS.darkBlue, NHS_COLOURS.darkGrey, NHS_COLOURS.midGrey, NHS_COLOURS.black];

/** Dash patterns that go with {@link LINE_COLOURS}, so that series differ by more than colour (Vega `strokeDash`). */
export const LINE_DASHES: readonly (readonly number[])[] = [[], [8, 3], [2, 2], [8, 3, 2, 3], [1, 3]];

/** The chart background (NHS Grey 5), text (NHS Dark Grey, titles NHS Black) and grid (NHS Pale Grey). */
export const CHART_BACKGROUND = NHS_COLOURS.grey5;
export const TEXT_COLOUR = NHS_COLOURS.darkGrey;
export const TITLE_COLOUR = NHS_COLOURS.black;
export const GRID_COLOUR = NHS_COLOURS.paleGrey;

/**
 * WCAG 2.1 contrast ratio of two `#RRGGBB` colours (1 to 21).
 * @throws TypeError when a colour is not `#RRGGBB`.
 * @example contrastRatio("#005EB8", "#F0F4F5") // 5.76…
 */
export function contrastRatio(a: string, b: string): number {
  const lum = (hex: string) => {
    if (!/^#[0-9a-fA-F]{6}$/.test(hex)) throw new TypeError(`contrastRatio: ${JSON.stringify(hex)} must be #RRGGBB`);
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** Everything a notebook page needs to colour its charts, as plain JSON. */
export function chartPalette() {
  return {
    colours: NHS_COLOURS,
    series: SERIES_COLOURS,
    lines: LINE_COLOURS,
    dashes: LINE_DASHES.map((d) => d.join(",")),
    background: CHART_BACKGROUND,
    text: TEXT_COLOUR,
    grid: GRID_COLOUR,
  };
}
