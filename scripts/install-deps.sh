#!/usr/bin/env bash
# Installs the Debian packages Fivefold builds against, only when they are missing.
set -euo pipefail
need=()
# libmimalloc-dev: the allocator release builds of the command link (Package.swift).
for pkg in libxml2-dev zlib1g-dev libsqlite3-dev libmimalloc-dev pkg-config; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "swift not found on PATH (Swift 6 toolchain expected at /opt/swift/usr/bin)" >&2; exit 1; }
