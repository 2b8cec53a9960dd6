/**
 * Buttons come from the server: every record a screen acts on carries `actions`, the list of what
 * the signed-in user may do with it, decided by the server's policies (apps/server/src/policies).
 * The web never re-derives a permission or a status rule to decide whether to offer an action.
 */
export function allows<A extends string>(record: { readonly actions: readonly A[] } | null | undefined, action: A): boolean {
  return !!record?.actions.includes(action);
}
