# Maya as a container image: built in one stage, run in another with only
# production dependencies, as an unprivileged user, with a health check.
#   docker build -t maya .        (or: podman build -t maya .)
# See README "Running many instances" and compose.yaml.

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production CHECKPOINT_DISABLE=1 PORT=4000 HOST=0.0.0.0 MAYA_DATA_DIR=/data/pgdata
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/schema.graphql ./schema.graphql
# The embedded database's folder (used only without DATABASE_URL), owned by the user Maya runs as.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 4000
# Alive (not "ready": a balancer asks /readyz itself).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/src/main.js"]
