# shellcheck shell=bash
# For machines that cannot reach the Microsoft container registry: builds an ASP.NET Core runtime base image from
# Debian packages (debootstrap) and this machine's .NET runtime, and serves it from a registry on loopback, so that
# `dotnet publish /t:PublishContainer` has a base image to build on. Source this file; do not execute it.
# Needs root and Debian's debootstrap, docker-registry and skopeo.

# offline_base_start WORK_DIR PORT — prints the base image reference (127.0.0.1:PORT/bob/aspnet:VERSION).
offline_base_start() {
  local work=$1 port=$2 runtime version rootfs layout
  runtime=$(ls -d /usr/share/dotnet/shared/Microsoft.AspNetCore.App/10.* | sort -V | tail -n 1)
  version=$(basename "$runtime")
  rootfs=$work/rootfs
  layout=$work/oci
  if [[ ! -f $rootfs/etc/debian_version ]]; then
    echo "offline base: debootstrap bookworm (minbase) into $rootfs ..." >&2
    debootstrap --variant=minbase --include=ca-certificates,libicu72,libssl3,tzdata,zlib1g,libgssapi-krb5-2 \
      bookworm "$rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 ||
      { tail -n 20 "$work/debootstrap.log" >&2; return 1; }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    mkdir -p "$rootfs/usr/share/dotnet/shared" "$rootfs/usr/share/dotnet/host"
    cp -a /usr/share/dotnet/dotnet "$rootfs/usr/share/dotnet/"
    cp -a /usr/share/dotnet/host/fxr "$rootfs/usr/share/dotnet/host/"
    mkdir -p "$rootfs/usr/share/dotnet/shared/Microsoft.NETCore.App" "$rootfs/usr/share/dotnet/shared/Microsoft.AspNetCore.App"
    cp -a "/usr/share/dotnet/shared/Microsoft.NETCore.App/$version" "$rootfs/usr/share/dotnet/shared/Microsoft.NETCore.App/"
    cp -a "/usr/share/dotnet/shared/Microsoft.AspNetCore.App/$version" "$rootfs/usr/share/dotnet/shared/Microsoft.AspNetCore.App/"
    ln -sf /usr/share/dotnet/dotnet "$rootfs/usr/bin/dotnet"
    # The non-root user of Microsoft's images (uid 1654), which the SDK's ContainerUser=app refers to.
    echo "app:x:1654:1654::/home/app:/usr/sbin/nologin" >>"$rootfs/etc/passwd"
    echo "app:x:1654:" >>"$rootfs/etc/group"
    mkdir -p "$rootfs/home/app" && chown 1654:1654 "$rootfs/home/app"
  fi
  python3 "$(dirname "${BASH_SOURCE[0]}")/oci_layout.py" "$rootfs" "$layout" "$version" >&2
  mkdir -p "$work/registry"
  cat >"$work/registry.yml" <<YAML
version: 0.1
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$port
YAML
  docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
  # Called through $(...), a subshell: the stop function finds the registry by this file, not by a variable.
  echo $! >"$work/registry.pid"
  local i
  for ((i = 0; i < 50; i++)); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.2; done
  skopeo copy --quiet --dest-tls-verify=false "oci:$layout:$version" "docker://127.0.0.1:$port/bob/aspnet:$version" >&2
  echo "127.0.0.1:$port/bob/aspnet:$version"
}

# offline_base_stop WORK_DIR — stops the loopback registry started by offline_base_start.
offline_base_stop() {
  [[ -f $1/registry.pid ]] || return 0
  kill "$(cat "$1/registry.pid")" 2>/dev/null || true
  rm -f "$1/registry.pid"
}
