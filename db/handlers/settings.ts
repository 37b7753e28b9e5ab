import { getGuidelines, getTask, updateGuidelines, updateTask } from '../settings';
import type { BackendContext, HandlerGroup } from './context';

export function settingsHandlers(ctx: BackendContext): HandlerGroup<'settings'> {
  const { db, events } = ctx;
  return {
    'settings.get': () => ({ task: getTask(db), guidelines: getGuidelines(db) }),
    'settings.updateTask': ({ task }) => {
      const next = updateTask(db, task);
      events.emit('db.changed', { what: 'settings' });
      return next;
    },
    'settings.updateGuidelines': ({ markdown }) => {
      const next = updateGuidelines(db, markdown);
      events.emit('db.changed', { what: 'settings' });
      return next;
    },
  };
}
