import { z } from 'zod';
import { UploadSchema } from './imports';

/**
 * Commands the desktop shell sends the UI (a menu item, a file dropped on the window). The
 * renderer routes each to a view or a dialog; one it has no route for is shown as such.
 */
export const APP_COMMANDS = ['show-view', 'open-export', 'show-shortcuts', 'import-file'] as const;
export type AppCommandName = (typeof APP_COMMANDS)[number];

export const AppCommandSchema = z.object({
  command: z.enum(APP_COMMANDS),
  /** For show-view: the view's id. */
  view: z.string().optional(),
  /** For import-file: the path the user dropped or chose. */
  path: z.string().optional(),
  /** For import-file: that file, already registered with the backend for import by id. */
  upload: UploadSchema.optional(),
});
export type AppCommand = z.infer<typeof AppCommandSchema>;

export const appEvents = {
  'app.command': AppCommandSchema,
} as const;
