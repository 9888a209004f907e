// local/layers: the import-boundary rule. Its options list the layers: the repo folders (or
// files) a layer is made of, and the folders and packages it may not import. One rule entry
// holds every layer, because ESLint keeps only the last options of a rule for a file, and a file
// belongs to several layers at once (lib/metrics/x.ts is in lib/ and in lib/metrics/).
// no-restricted-imports cannot do this either: it matches the written specifier, so
// '@/components/x', '../../components/x' and './x' look different; this rule resolves them to
// one repo path first.
import path from 'node:path';
import { ROOT, importVisitors, isPackage, isUnder, resolveImport } from '../resolve-import.mjs';

const pathList = { type: 'array', items: { type: 'string' } };

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Imports must follow the one-way layer flow (docs/architecture.md)' },
    schema: [
      {
        type: 'object',
        properties: {
          layers: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                /** Repo folders or files (no extension) that make up the layer; '.' = everything. */
                from: pathList,
                /** Folders or files inside `from` that are not part of it. */
                exceptFrom: pathList,
                forbid: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      /** Repo folders or files, e.g. 'components', 'lib/sync'. */
                      paths: pathList,
                      /** Packages, e.g. 'pg', '@prisma/client'. */
                      packages: pathList,
                      /** Paths under `paths` that stay allowed (pure vocabulary modules). */
                      except: pathList,
                      /** Type-only imports are erased by the compiler: allow them. */
                      allowTypeImports: { type: 'boolean' },
                      message: { type: 'string' },
                    },
                    required: ['message'],
                    additionalProperties: false,
                  },
                },
              },
              required: ['from', 'forbid'],
              additionalProperties: false,
            },
          },
        },
        required: ['layers'],
        additionalProperties: false,
      },
    ],
    messages: { forbidden: "'{{specifier}}' may not be imported here: {{message}}" },
  },
  create(context) {
    const [{ layers }] = context.options;
    const self = path
      .relative(ROOT, context.filename)
      .split(path.sep)
      .join('/')
      .replace(/\.(tsx?|mts|cts|mjs|js)$/, '');
    const forbid = layers
      .filter(
        (layer) =>
          layer.from.some((p) => p === '.' || isUnder(self, p)) &&
          !(layer.exceptFrom ?? []).some((p) => isUnder(self, p)),
      )
      .flatMap((layer) => layer.forbid);
    if (forbid.length === 0) return {};
    return importVisitors((specifier, node, isTypeOnly) => {
      const target = resolveImport(specifier, context.filename);
      for (const rule of forbid) {
        if (isTypeOnly && rule.allowTypeImports) continue;
        const hit = target.local
          ? (rule.paths ?? []).some((p) => isUnder(target.local, p)) &&
            !(rule.except ?? []).some((p) => isUnder(target.local, p))
          : (rule.packages ?? []).some((name) => isPackage(target.pkg, name));
        if (hit) {
          context.report({
            node,
            messageId: 'forbidden',
            data: { specifier, message: rule.message },
          });
          return;
        }
      }
    });
  },
};
