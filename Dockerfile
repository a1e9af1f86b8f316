# One image for the processes of Yilian: the Temporal worker, the HTTP API (serving the console), the
# round-robin proxy and the one-shot set-up jobs. docker-compose.yml builds it and picks the process
# with its command (docs/topology.md); on its own:
#
#   docker build -t yilian .
#   docker run --rm -e DATABASE_URL=… -e TEMPORAL_ADDRESS=… -p 3000:3000 yilian                      # API
#   docker run --rm -e DATABASE_URL=… -e TEMPORAL_ADDRESS=… yilian tsx scripts/worker.ts             # worker
#
# There is no build step: tsx runs the TypeScript directly, and the worker bundles the workflow code
# itself when it starts (webpack and swc come with @temporalio/worker). Run `tsx scripts/migrate.ts`
# with the owner's credentials first (docs/security.md, "Database roles"); the API and the worker
# connect as the app role and only check that the schema is up to date.
# The staff console (web/ → web/dist), built with the dev dependencies (vite, React, antd) in a stage
# of its own; only the built files go into the image, and every API process serves them.
FROM node:20-bookworm-slim AS console
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx tsx scripts/build-web.ts

FROM node:20-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production \
    PATH=/app/node_modules/.bin:$PATH

# Dependencies first, so source changes do not reinstall them. Everything needed at run time (tsx,
# the Temporal SDK, express, pg, zod, xstate) is a production dependency; TypeScript, Jest and the
# linters are not needed to run.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY tsconfig.json ./
COPY activities ./activities
COPY api ./api
COPY config ./config
COPY observability ./observability
COPY db ./db
COPY definitions ./definitions
COPY identity ./identity
COPY migrations ./migrations
COPY scripts ./scripts
COPY temporal ./temporal
COPY registries ./registries
COPY worker ./worker
COPY workflows ./workflows
COPY --from=console /app/web/dist ./web/dist

# The workers' workflow bundle, built once here rather than by every worker at its start.
RUN tsx scripts/build-workflows.ts /app/.build/workflows.js
ENV WORKFLOW_BUNDLE=/app/.build/workflows.js

# Where a volume with the payload key ring is mounted (docker-compose.yml): owned by the process's
# user, so a new volume created there is too, and the one-shot payload-keys service can write it.
RUN mkdir -p /var/lib/yilian && chown node:node /var/lib/yilian

# The files stay root-owned and read-only to the process; tsx keeps its cache under /tmp. The two
# folders are where docker-compose.yml mounts the audit sealer's key volumes: a new volume takes the
# folder's owner and mode from the image, so the private key's folder is the node user's alone.
RUN mkdir -p .data/audit-seal-key .data/audit-seal-public \
 && chown node:node .data/audit-seal-key .data/audit-seal-public \
 && chmod 700 .data/audit-seal-key
USER node

# The API must listen on the container's network, not only on its loopback.
ENV HOST=0.0.0.0 \
    PORT=3000
EXPOSE 3000

CMD ["tsx", "scripts/api.ts"]
