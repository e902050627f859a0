#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Builds the silo and web node container images as tarballs with the .NET SDK's container support (no Dockerfile,
# no container engine), then prints what each image will run as. Load them with `docker load -i FILE`.
# Usage: deploy/images.sh [OUT_DIR=.data/images]
# Environment: BOB_IMAGE_TAG (latest); BOB_BASE_IMAGE (default: the SDK's ASP.NET runtime image from Microsoft's
# registry); BOB_OFFLINE_BASE=1 builds a base image from Debian packages and this machine's .NET runtime and serves
# it on loopback instead (for machines that cannot reach Microsoft's registry; needs root).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$(mkdir -p "${1:-$ROOT/.data/images}" && cd "${1:-$ROOT/.data/images}" && pwd)
TAG=${BOB_IMAGE_TAG:-latest}
BASE=${BOB_BASE_IMAGE:-}

if [[ ${BOB_OFFLINE_BASE:-0} == 1 ]]; then
  # shellcheck source=lib/offline_base.sh
  source "$ROOT/deploy/lib/offline_base.sh"
  # shellcheck source=lib/pg.sh
  source "$ROOT/deploy/lib/pg.sh"
  mkdir -p "$ROOT/.data/offline-base"
  trap 'offline_base_stop "$ROOT/.data/offline-base"' EXIT
  BASE=$(offline_base_start "$ROOT/.data/offline-base" "$(free_port)")
  export DOTNET_CONTAINER_INSECURE_REGISTRIES=${BASE%%/*}
  echo "base image: $BASE (built here)"
fi

for project in Silo Web; do
  name=bob-${project,,}
  echo "publishing $name:$TAG ..."
  dotnet publish "$ROOT/src/$project/$project.csproj" -c Release -nologo -v q \
    -t:PublishContainer -p:ContainerImageTag="$TAG" \
    -p:ContainerArchiveOutputPath="$OUT/$name.tar" \
    ${BASE:+-p:ContainerBaseImage="$BASE"}
done

python3 "$ROOT/deploy/lib/image_summary.py" "$OUT/bob-silo.tar" "$OUT/bob-web.tar"
