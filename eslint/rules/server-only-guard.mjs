// local/server-only-guard: a lib/ module that reaches the database (lib/db, Prisma, pg) or
// secrets (lib/crypto) must start with `import 'server-only'`, so that Next refuses to bundle it
// into the browser even when it is reached through a chain of imports the client rule cannot see.
import { importVisitors, isPackage, isUnder, resolveImport } from '../resolve-import.mjs';

const SERVER_PATHS = ['lib/db', 'lib/crypto'];
const SERVER_PACKAGES = ['@prisma/client', '@prisma/adapter-pg', 'pg', 'pg-boss'];

export default {
  meta: {
    type: 'problem',
    docs: { description: "A module that touches the database or secrets imports 'server-only'" },
    schema: [],
    messages: {
      missing:
        "This module imports '{{specifier}}' (the database or secrets): add `import 'server-only';` at its top.",
    },
  },
  create(context) {
    let guarded = false;
    const touches = [];
    const visitors = importVisitors((specifier, node) => {
      if (specifier === 'server-only') {
        guarded = true;
        return;
      }
      const target = resolveImport(specifier, context.filename);
      const isServer = target.pkg
        ? SERVER_PACKAGES.some((name) => isPackage(target.pkg, name))
        : SERVER_PATHS.some((p) => isUnder(target.local, p));
      if (isServer) touches.push({ node, specifier });
    });
    return {
      ...visitors,
      'Program:exit'() {
        if (guarded || touches.length === 0) return;
        const { node, specifier } = touches[0];
        context.report({ node, messageId: 'missing', data: { specifier } });
      },
    };
  },
};
