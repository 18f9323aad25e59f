import { Box } from 'ink';
import type { FeedKind, View } from '../navigation.js';
import { renderView, viewKey, type ViewContext } from '../views.js';

/**
 * Every view of the stack stays mounted, hidden under the top one, so coming
 * back finds the reader's place (selection, window) exactly as it was left.
 * Only the top view takes keys.
 */
export function ViewStack({ stack, feed, ctx, active }: { stack: readonly View[]; feed: FeedKind; ctx: ViewContext; active: boolean }) {
  const top = stack[stack.length - 1];
  return (
    <>
      {stack.map((view, depth) => (
        <Box key={viewKey(view, depth, feed)} display={view === top ? 'flex' : 'none'} flexDirection="column">
          {renderView(view, { ...ctx, active: active && view === top })}
        </Box>
      ))}
    </>
  );
}
