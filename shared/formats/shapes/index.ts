import { arenaShape } from './arena';
import { columnsShape } from './columns';
import { genericShape } from './generic';
import { hhShape } from './hh';
import { labelstudioShape } from './labelstudio';
import { oasstShape } from './oasst';
import { sharegptShape } from './sharegpt';
import { trlShape } from './trl';
import type { FormatId, Shape } from './types';
import { ultrafeedbackShape } from './ultrafeedback';

export * from './types';

/** Every shape, most specific first: detection breaks ties in this order. */
export const SHAPES: readonly Shape[] = [
  oasstShape,
  labelstudioShape,
  arenaShape,
  ultrafeedbackShape,
  sharegptShape,
  hhShape,
  trlShape,
  genericShape,
  columnsShape,
];

export function shapeById(id: FormatId): Shape {
  const shape = SHAPES.find((s) => s.id === id);
  if (!shape) throw new Error(`no shape ${id}`);
  return shape;
}
