import { memo } from 'react';
import type { ItemView } from '../../../shared/api/contract';
import { PromptView } from './PromptView';
import { ResponsesArea } from './ResponsesArea';

/** One item's text: the prompt and its responses. Rendered for the item on screen and, hidden, for the next. */
export const ItemContent = memo(function ItemContent({
  view,
  active,
  upcoming,
}: {
  view: ItemView;
  active: boolean;
  /** Rendered ahead for the next item (not the one just left, kept hidden until replaced). */
  upcoming: boolean;
}) {
  const testId = active ? 'item-content' : upcoming ? 'upcoming-content' : undefined;
  return (
    <div className="item-content" data-testid={testId}>
      <PromptView prompt={view.prompt} active={active} />
      <ResponsesArea view={view} active={active} />
    </div>
  );
});
