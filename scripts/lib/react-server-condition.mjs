// A Node module-resolution hook: resolves with React's `react-server` condition added, as Next
// does for server code. Only `server-only` depends on it among the packages the server side of
// this project loads (react/react-dom also define it; no Node-side script imports them).
export async function resolve(specifier, context, nextResolve) {
  if (specifier !== 'server-only') return nextResolve(specifier, context);
  return nextResolve(specifier, {
    ...context,
    conditions: [...context.conditions, 'react-server'],
  });
}
