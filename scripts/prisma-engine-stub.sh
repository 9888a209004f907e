#!/bin/sh
# Prisma 7's CLI downloads a native schema engine before any command; offline that fails.
# generate/validate/format only ask the engine for its version, so this stub answers that.
case "$1" in
  --version|-V) echo "schema-engine-cli 0.0.0-offline-stub" ;;
  *) echo "offline schema-engine stub: '$*' is not supported; use npm run db:migrate" >&2; exit 1 ;;
esac
