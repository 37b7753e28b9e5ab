import type { Migration } from './types';

/**
 * The text of a prompt for search, from `prompt_json` (a JSON string, or a conversation whose
 * turns' contents are joined by newlines). `{row}` is the alias or NEW that holds the column.
 */
const promptText = (row: string) => `CASE json_type(${row}.prompt_json)
      WHEN 'text' THEN ${row}.prompt_json ->> '$'
      ELSE (SELECT group_concat(value ->> 'content', char(10)) FROM json_each(${row}.prompt_json))
    END`;

/**
 * Schema v5: full-text search over prompts and responses for the item browser.
 *
 * One FTS5 row per prompt and per response, carrying the item's seq. Contentless (the text is
 * already in items/responses; storing it twice would double the file) but with the seq kept,
 * which `contentless_unindexed` allows. Triggers keep the index in step with whatever inserts
 * items and responses (imports, merges), so no import path has to remember to call us. Item
 * and response text never changes after insert (an item's id is tied to its content hash), so
 * inserts are all the index has to follow.
 */
export const search: Migration = {
  version: 5,
  name: 'search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE item_search USING fts5(
        text,
        item_seq UNINDEXED,
        content = '',
        contentless_unindexed = 1,
        contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TRIGGER item_search_prompt AFTER INSERT ON items BEGIN
        INSERT INTO item_search (text, item_seq) VALUES (${promptText('NEW')}, NEW.seq);
      END;

      CREATE TRIGGER item_search_response AFTER INSERT ON responses BEGIN
        INSERT INTO item_search (text, item_seq) VALUES (NEW.content, NEW.item_seq);
      END;

      INSERT INTO item_search (text, item_seq) SELECT ${promptText('i')}, i.seq FROM items i;
      INSERT INTO item_search (text, item_seq) SELECT content, item_seq FROM responses;
    `);
  },
};
