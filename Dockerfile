# mockapi as a container: `docker build -t mockapi .` then `docker run -p 4000:4000 mockapi`.
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
LABEL org.opencontainers.image.title="mockapi" \
      org.opencontainers.image.description="A mock JSON REST API server with reproducible, injectable errors (400, 401, 403, 404, 429, 503, latency, broken connections) for testing client error handling." \
      org.opencontainers.image.licenses="MIT"
ENV NODE_ENV=production MOCKAPI_HOST=0.0.0.0 MOCKAPI_PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
# Owned by root and read-only for the user that runs them: the server cannot rewrite itself.
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/schema ./schema
COPY --from=build /app/scenarios ./scenarios
USER node
EXPOSE 4000
# Node's own fetch: the slim image has no curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4000/__mockapi/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form: node is PID 1 and gets SIGTERM itself; the CLI stops gracefully and exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "bin/mockapi.js"]
