import { memo } from 'react';
import type { ItemView } from '../../../shared/api/contract';
import { PromptView } from './PromptView';
import { ResponsesArea } from './ResponsesArea';

/** One item's text: the prompt and its responses. Rendered for the item on screen and, hidden, for the next. */
export const ItemContent = memo(function ItemContent({
  view,
  active,
}: {
  view: ItemView;
  active: boolean;
}) {
  return (
    <div className="item-content" data-testid={active ? 'item-content' : 'upcoming-content'}>
      <PromptView prompt={view.prompt} active={active} />
      <ResponsesArea view={view} active={active} />
    </div>
  );
});
