export interface LayoutReport {
  cutOff: string[];
  overlaps: string[];
  sideways: boolean;
  /** The visible text that is not the dataset's own. */
  text: string;
}
export function layoutProbe(scopeSelector: string): LayoutReport;
