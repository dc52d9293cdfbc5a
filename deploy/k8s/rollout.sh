#!/usr/bin/env bash
# Deploys an overlay with kubectl, in the order the platform needs (docs/deploy.md):
#   1. infrastructure: namespace, settings, secrets, the RabbitMQ and PostgreSQL clusters,
#      the bus topology, backups; waits until both clusters are ready;
#   2. migrate: the Job `soho migrate` then `soho seed`; waits until it has completed;
#   3. platform: the services, relays, autoscaling, ingress, cron jobs; waits for rollouts.
# Argo CD needs none of this: the same order is in the manifests' sync waves.
#
#   deploy/k8s/rollout.sh [OVERLAY]        (default: deploy/k8s/overlays/production)
set -euo pipefail

overlay="${1:-$(dirname "${BASH_SOURCE[0]}")/overlays/production}"
manifests="$(mktemp)"
trap 'rm -f "$manifests"' EXIT
kubectl kustomize "$overlay" > "$manifests"
# Every namespaced object of an overlay is in the same namespace.
namespace="$(awk '/^  namespace: / {print $2; exit}' "$manifests")"
namespace="${namespace:-default}"
phase() { kubectl apply --server-side --field-manager=soho-rollout -f "$manifests" -l "soho/rollout-phase=$1"; }

echo "== 1/3 infrastructure (namespace $namespace)"
phase infrastructure
kubectl -n "$namespace" wait --for=condition=Ready cluster.postgresql.cnpg.io/soho-postgres --timeout=15m
kubectl -n "$namespace" wait --for=condition=AllReplicasReady rabbitmqcluster/soho-rabbitmq --timeout=15m

echo "== 2/3 migrate"
# A Job's pod template cannot change: the previous release's Job goes first.
kubectl -n "$namespace" delete job soho-migrate --ignore-not-found --wait=true
phase migrate
# Completes, or fails once its retries are spent (backoffLimit); 30 minutes at most.
state=""
for _ in $(seq 360); do
  state="$(kubectl -n "$namespace" get job soho-migrate \
    -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type} {end}')"
  case "$state" in *Complete*|*Failed*) break ;; esac
  sleep 5
done
if [[ "$state" != *Complete* ]]; then
  kubectl -n "$namespace" logs job/soho-migrate --all-containers --tail=50 || true
  echo "migrations did not complete: the running release is left as it was" >&2
  exit 1
fi

echo "== 3/3 platform"
phase platform
for deployment in $(kubectl -n "$namespace" get deployments -l app.kubernetes.io/part-of=soho -o name); do
  kubectl -n "$namespace" rollout status "$deployment" --timeout=10m
done
