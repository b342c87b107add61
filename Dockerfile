# Meridian CRM as one image for every role (web, worker, all). Multi-stage: the build stage has the
# dev tools (vite, esbuild); the runtime stage has production dependencies, the two builds and the
# files the server reads at run time (migrations, the embedding worker), and runs as the `node` user.
#   docker build -t meridian .
#   docker run -p 3000:3000 -e BETTER_AUTH_SECRET=... -v meridian-data:/app/data meridian   # embedded PGlite
# Tested versions: Node 20 (see README). Not built on the development machine (no Docker there).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/app/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# The bundle finds its neighbours by their source paths (scripts/builds.mjs keeps import.meta.url):
# migrations, the embedding worker and the web app's dist must sit where they were built (dist also
# holds the API reference viewer, dist/docs/scalar.js, whose package is a development dependency).
COPY --from=build /app/dist ./dist
COPY --from=build /app/server/db/migrations ./server/db/migrations
COPY --from=build /app/server/db/vector-migrations ./server/db/vector-migrations
COPY --from=build /app/server/context/embed-worker.mjs ./server/context/embed-worker.mjs
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME /app/data
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Roles: append `--role web` or `--role worker` (docker-compose.yml does).
ENTRYPOINT ["node", "dist/server/index.mjs"]
