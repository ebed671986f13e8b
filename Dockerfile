# syntax=docker/dockerfile:1
# App stage: build the browser app (frontend/dist) from the lock file.
FROM node:20-slim AS app
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/index.html frontend/tsconfig.json frontend/vite.config.ts ./
COPY frontend/scripts ./scripts
COPY frontend/src ./src
RUN npm run build

# Build stage: install the service and its dependencies into a virtual environment.
FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
RUN python -m venv /opt/venv
# The locked dependency set, every file checked against its hash (make lock writes it); then the
# project alone, so nothing floats within a version range.
COPY requirements/app.txt ./requirements/app.txt
RUN /opt/venv/bin/pip install --upgrade pip \
    && /opt/venv/bin/pip install --require-hashes --no-deps -r requirements/app.txt
COPY pyproject.toml README.md ./
COPY api ./api
COPY domain ./domain
RUN /opt/venv/bin/pip install --no-deps .

# Runtime stage: no compilers, a non-root user, migrations then Uvicorn.
FROM python:3.11-slim AS runtime
ENV PATH=/opt/venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    MARAC_ENVIRONMENT=production MARAC_FRONTEND_DIST=/app/frontend/dist
RUN groupadd --system marac && useradd --system --gid marac --home-dir /app --no-create-home marac
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY alembic.ini ./
COPY migrations ./migrations
COPY --from=app /src/frontend/dist ./frontend/dist
USER marac
EXPOSE 8000
# MARAC_DATABASE_URL, MARAC_JWT_SECRET and MARAC_AUDIT_KEY must come from the environment (a
# secret store); the audit key never goes into the database.
# MARAC_ALLOWED_HOSTS must name the host(s) clients use, e.g. '["marac.example.org"]'.
# api.http_limits:Protocol answers 431 to request heads over MARAC_MAX_HEADER_BYTES/_HEADERS.
# PostgreSQL roles (README "Database roles"): first, once per release, as the tables' OWNER:
#   docker run --rm -e MARAC_DATABASE_URL=<owner url> -e MARAC_APP_ROLE=marac_app <image> \
#     sh -c "alembic upgrade head && python -m api.db_roles"
# then run the service with MARAC_DATABASE_URL naming the SERVICE role (marac_app), which may
# only SELECT and INSERT the audit trail; the upgrade below is then a no-op check at head.
ENV MARAC_APP_ROLE=marac_app
CMD ["sh", "-c", "alembic upgrade head && exec uvicorn api.asgi:app --host 0.0.0.0 --port 8000 --workers ${WEB_CONCURRENCY:-2} --proxy-headers --http api.http_limits:Protocol"]
