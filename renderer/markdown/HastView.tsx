import { toJsxRuntime } from 'hast-util-to-jsx-runtime';
import { memo, useMemo, type ReactNode } from 'react';
import { Fragment, jsx, jsxs } from 'react/jsx-runtime';
import { CodeBlock } from './CodeBlock';
import type { SafeTree } from './pipeline';

const components = { pre: CodeBlock };

/** A safe tree as React elements (text nodes and allow-listed elements; see pipeline.ts). */
export const HastView = memo(function HastView({ tree }: { tree: SafeTree }) {
  // The library types its result with the global JSX namespace, which React 19 no longer has.
  return useMemo(
    (): ReactNode =>
      toJsxRuntime(tree, {
        Fragment,
        jsx,
        jsxs,
        components,
        ignoreInvalidStyle: true,
      }) as ReactNode,
    [tree],
  );
});
