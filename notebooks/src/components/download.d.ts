// Types of download.js for the TypeScript tests (the notebooks import the JavaScript).
export interface DownloadOptions {
  name: string;
  data?: readonly object[];
  title?: string;
  subtitle?: string;
  caption?: string;
  /** A data loader's `palette` (the dashboard's NHS palette): background and text colours of the export. */
  palette?: { background: string; text: string; colours: { black: string } };
}
export function downloadable(chart: Element, options: DownloadOptions): HTMLElement;
export function exportSvg(chart: Element, options?: Omit<DownloadOptions, "name" | "data">): SVGSVGElement;
export function toCsv(rows: readonly object[]): string;
