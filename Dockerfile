# mockapi as a container, built from this checkout (never installed from a registry):
#   docker build -t mockapi .
#   docker run -p 4000:4000 -v ./scenarios:/scenarios mockapi --scenario ratelimit
# Any other Debian-based Node 20 image can stand in: --build-arg NODE_IMAGE=…
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: all dependencies, TypeScript → dist/ --------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Dependencies first, so a source change does not reinstall them. `prepare` would build before
# the sources are here, hence --ignore-scripts and the explicit build below.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
# .dockerignore keeps the context to what the build needs. COPY . (not one COPY per folder) so
# that scenarios/ comes along whenever it exists; mkdir keeps the runtime COPY valid until then.
COPY . .
RUN npm run build && mkdir -p scenarios

# ---- runtime: production dependencies and the built files only ------------------------------
FROM ${NODE_IMAGE} AS runtime
ARG NODE_IMAGE
LABEL org.opencontainers.image.title="mockapi" \
      org.opencontainers.image.description="A mock JSON REST API server with reproducible, injectable errors (400, 401, 403, 404, 429, 503, latency, broken connections) for testing client error handling." \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.base.name="${NODE_IMAGE}"
# HOST is read when MOCKAPI_HOST is not set: listen on every interface of the container. Every
# other option has its MOCKAPI_* variable (mockapi --help); scenario names are looked up in the
# /scenarios mount first. Any Host name is served (the container is reached by names the image
# cannot know; its admin API is locked without a token anyway), as the banner says. The server
# writes its URL to MOCKAPI_URL_FILE, so the health check finds it however the port was set.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    MOCKAPI_SCENARIOS_DIR=/scenarios \
    MOCKAPI_ALLOWED_HOSTS=* \
    MOCKAPI_URL_FILE=/tmp/mockapi.url
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
# Owned by root and read-only for the user that runs them: the server cannot rewrite itself.
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/schema ./schema
COPY --from=build /app/scenarios ./scenarios
# The mount points exist, empty, so that running without a mount works too.
RUN mkdir -p /scenarios /config
USER node
# The working directory is the config mount: ./mockapi.yaml (or .yml) there is loaded when
# present, just as the CLI does in any folder, and nothing is loaded when it is not.
WORKDIR /config
EXPOSE 4000
# Node's own fetch: the slim image has no curl. The URL the server wrote (flag, variable or config:
# whatever set the port), else MOCKAPI_PORT (a read-only root without a tmpfs on /tmp). Every
# second, so a container is healthy within 2 s of serving; no --start-interval, which buildah 1.28
# (Debian bookworm's) refuses. The server keeps these probes out of its request log.
HEALTHCHECK --interval=1s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "let u;try{u=require('fs').readFileSync(process.env.MOCKAPI_URL_FILE,'utf8').trim()}catch{u='http://127.0.0.1:'+(process.env.MOCKAPI_PORT||4000)}fetch(u+'/__mockapi/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form: node is PID 1 and gets SIGTERM itself; the CLI stops gracefully and exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "/app/bin/mockapi.js"]
