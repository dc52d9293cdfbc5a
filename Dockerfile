# syntax=docker/dockerfile:1
# Soho Solo: one image for every process of the platform.  The entrypoint is the `soho`
# command, so a container runs `soho serve NAME`, `soho relay NAME`, `soho migrate`,
# `soho seed`, ... by its arguments (see docker-compose.yml and deploy/README.md).
#
#   docker build -t soho-platform:latest .
#   docker run --rm soho-platform:latest --help
#
# Every dependency has a binary wheel for CPython 3.11 (x86_64 and aarch64, glibc), so
# neither stage needs a compiler or any Debian package.

# Both stages use the same Python: the venv copied from the builder points at it.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --------------------------------------------------------------------------- builder
FROM ${PYTHON_IMAGE} AS builder

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /src
# Only what the package is built from (.dockerignore keeps everything else out).
COPY pyproject.toml constraints.txt ./
COPY shared/ shared/
COPY services/ services/
COPY soho/ soho/
# A regular (not editable) install: code, SQL migrations and reference data all land in
# the venv's site-packages, pinned by constraints.txt.
RUN pip install --no-cache-dir -c constraints.txt . \
    && pip check

# --------------------------------------------------------------------------- runtime
FROM ${PYTHON_IMAGE}

LABEL org.opencontainers.image.title="soho-platform" \
      org.opencontainers.image.description="Soho Solo: the five services, their outbox relays and the soho command"

# A fixed numeric uid/gid, so Kubernetes' runAsNonRoot can check it.
RUN groupadd --system --gid 10001 soho \
    && useradd --system --uid 10001 --gid soho --create-home --home-dir /home/soho \
       --shell /usr/sbin/nologin soho

COPY --from=builder /opt/venv /opt/venv

# SOHO_HOST: services listen on every interface of the container (the default,
# 127.0.0.1, would be unreachable from outside it).
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    SOHO_HOST=0.0.0.0

WORKDIR /home/soho
USER 10001:10001

# dashboard, prospects, onboarding, bookings, notifications (CONTRACT.md)
EXPOSE 8000 8001 8002 8003 8004

# No image-level health check: what is healthy depends on the process (a service answers
# GET /ready on its own port, a relay has no port); docker-compose.yml sets one per service.
HEALTHCHECK NONE

ENTRYPOINT ["soho"]
CMD ["--help"]
