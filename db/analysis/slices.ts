import type { SliceColumn } from '../../shared/analysis/judge-calibration';
import type { Db } from '../open';

/**
 * One metadata field of every item, as slice labels per item key (the item's seq): what the
 * judges' agreement is sliced by. A string is its own label; a number or boolean its text; an
 * object or list its JSON; an item without the field (or with null) has none. Read only when a
 * slice is asked for: it parses every item's metadata.
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
    const label =
      type === 'true'
        ? 'true'
        : type === 'false'
          ? 'false'
          : typeof value === 'string'
            ? value
            : String(value);
    let k = index.get(label);
    if (k === undefined) index.set(label, (k = values.push(label) - 1));
    of[seq] = k;
  }
  return { field, of, values };
}
