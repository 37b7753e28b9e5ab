import { sliceLabel, type SliceColumn } from '../../shared/analysis/judge-calibration';
import type { Db } from '../open';

/**
 * One metadata field of every item, as slice labels per item key (the item's seq): what the
 * judges' agreement is sliced by (labels as `sliceLabel` names them; an item without the
 * field, or with null, has none). Read only when a slice is asked for: it parses every item's
 * metadata.
 */
export function loadSliceColumn(db: Db, field: string, count: number): SliceColumn {
  const of = new Int32Array(count).fill(-1);
  const values: string[] = [];
  const index = new Map<string, number>();
  // A quoted JSON path: the field's name is taken literally (dots, brackets and all).
  const path = `$."${field.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const rows = db
    .prepare(
      `SELECT seq, json_extract(metadata_json, ?), json_type(metadata_json, ?) FROM items
        WHERE metadata_json IS NOT NULL`,
    )
    .raw()
    .iterate(path, path) as IterableIterator<[number, string | number | null, string | null]>;
  for (const [seq, value, type] of rows) {
    if (seq >= count || value === null || type === null || type === 'null') continue;
    // The same rule as for metadata read in JS (exports): sliceLabel of the JSON value.
    const label = sliceLabel(
      type === 'object' || type === 'array'
        ? (JSON.parse(String(value)) as unknown)
        : type === 'true'
          ? true
          : type === 'false'
            ? false
            : value,
    )!;
    let k = index.get(label);
    if (k === undefined) index.set(label, (k = values.push(label) - 1));
    of[seq] = k;
  }
  return { field, of, values };
}
