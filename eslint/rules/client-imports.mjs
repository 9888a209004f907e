// local/client-imports: a 'use client' module is bundled for the browser, so it may not import
// server code: the database, secrets, tokens, or any module guarded by `import 'server-only'`.
// (Next refuses a server-only module in a client bundle only at build time, and only for the
// modules that carry the guard; this rule says so while editing and covers the unguarded rest.)
// A 'use server' module (server actions) is the exception: the client gets references to it.
// no-restricted-imports cannot express it: it does not see the 'use client' directive.
import {
  hasServerOnlyGuard,
  isServerActionsModule,
  importVisitors,
  isPackage,
  isUnder,
  resolveImport,
} from '../resolve-import.mjs';

/** Repo modules that only ever run on the server. */
const SERVER_PATHS = ['lib/db', 'lib/crypto', 'lib/env', 'lib/ghl', 'lib/sync', 'lib/jobs'];
/** Packages that only ever run on the server. */
const SERVER_PACKAGES = [
  '@prisma/client',
  '@prisma/adapter-pg',
  'pg',
  'pg-boss',
  'nodemailer',
  'server-only',
  'next-auth/next',
  'next/headers',
];

/** True when the module starts with the 'use client' directive. */
export function isClientModule(program) {
  for (const statement of program.body) {
    if (statement.type !== 'ExpressionStatement' || typeof statement.directive !== 'string') break;
    if (statement.directive === 'use client') return true;
  }
  return false;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: "A 'use client' module may not import server-only code" },
    schema: [],
    messages: {
      server:
        "'{{specifier}}' is server-only ({{why}}) and may not be imported by a 'use client' module: " +
        'pass the data in as props, or fetch it through a route (lib/query).',
    },
  },
  create(context) {
    if (!isClientModule(context.sourceCode.ast)) return {};
    return importVisitors((specifier, node, isTypeOnly) => {
      if (isTypeOnly) return;
      const target = resolveImport(specifier, context.filename);
      let why = null;
      if (target.pkg) {
        if (target.pkg.startsWith('node:')) why = 'a Node built-in';
        else if (SERVER_PACKAGES.some((name) => isPackage(target.pkg, name)))
          why = 'a server package';
      } else if (isServerActionsModule(target.local)) {
        // Server actions: Next bundles references to them, never their code.
      } else if (SERVER_PATHS.some((p) => isUnder(target.local, p))) {
        why = `${target.local} runs on the server only`;
      } else if (hasServerOnlyGuard(target.local)) {
        why = `${target.local} imports 'server-only'`;
      }
      if (why) context.report({ node, messageId: 'server', data: { specifier, why } });
    });
  },
};
