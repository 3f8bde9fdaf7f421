#!/usr/bin/env bash
# Validates the Kubernetes manifests in this folder offline, against the Kubernetes API schemas
# shipped by the PyPI package kubernetes-validate (strict: an unknown or misspelt field fails).
# No cluster and no network beyond PyPI for the one-time install into a private virtual
# environment. Usage: deploy/kubernetes/validate.sh [--install-only] [MANIFEST…]
#   KUBERNETES_VERSION  the API version to validate against (default 1.33.0)
#   VALIDATE_VENV       where the validator lives (default .venv-deploy beside the repository)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
venv=${VALIDATE_VENV:-$repo/.venv-deploy}
version=${KUBERNETES_VERSION:-1.33.0}
if [ ! -x "$venv/bin/kubernetes-validate" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install -q --disable-pip-version-check "kubernetes-validate==1.37.0" >&2
fi
[ "${1:-}" = "--install-only" ] && exit 0
if [ $# -eq 0 ]; then set -- "$here"/*.yaml; fi
exec "$venv/bin/kubernetes-validate" --strict --no-warn -k "$version" "$@"
