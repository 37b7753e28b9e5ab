import { useMarkedText } from './PlainText';

/**
 * A short string from the data shown inline (a model name, an item id, a preview): text only,
 * its own direction kept inside it, invisible characters made visible. A model named
 * "model\u202Eevil" must not read as "modellive".
 */
export function DataText({ text, className }: { text: string; className?: string }) {
  return (
    <bdi className={className} data-content="dataset">
      {useMarkedText(text)}
    </bdi>
  );
}
