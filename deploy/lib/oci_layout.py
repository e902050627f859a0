#!/usr/bin/env python3
"""Packs a root file system into a one-layer OCI image layout (the base image of deploy/lib/offline_base.sh).

Usage: oci_layout.py ROOTFS LAYOUT_DIR DOTNET_VERSION"""
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

rootfs, layout, version = sys.argv[1:4]
blobs = os.path.join(layout, "blobs", "sha256")
shutil.rmtree(layout, ignore_errors=True)
os.makedirs(blobs)


def put(data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(blobs, digest), "wb") as f:
        f.write(data)
    return digest


with tempfile.TemporaryDirectory() as tmp:
    tar = os.path.join(tmp, "layer.tar")
    subprocess.run(["tar", "-C", rootfs, "--numeric-owner", "--exclude=./dev/*", "--exclude=./proc/*",
                    "--exclude=./sys/*", "-cf", tar, "."], check=True)
    raw = open(tar, "rb").read()
diff_id = hashlib.sha256(raw).hexdigest()
layer = gzip.compress(raw, compresslevel=6, mtime=0)
layer_digest = put(layer)

config = {
    "architecture": "amd64",
    "os": "linux",
    "config": {
        "Env": [
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "APP_UID=1654",
            "ASPNETCORE_HTTP_PORTS=8080",
            "DOTNET_RUNNING_IN_CONTAINER=true",
            # deploy/lib/runtime.sh: the gen-0 budget a VM that reports no CPU cache would not get.
            "DOTNET_GCgen0size=0x1000000",
            f"DOTNET_VERSION={version}",
            f"ASPNET_VERSION={version}",
        ],
        "WorkingDir": "/",
    },
    "rootfs": {"type": "layers", "diff_ids": [f"sha256:{diff_id}"]},
    "history": [{"created_by": "deploy/lib/offline_base.sh: Debian bookworm minbase + ASP.NET Core runtime " + version}],
}
config_bytes = json.dumps(config).encode()
config_digest = put(config_bytes)
manifest = {
    "schemaVersion": 2,
    "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": f"sha256:{config_digest}", "size": len(config_bytes)},
    "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": f"sha256:{layer_digest}", "size": len(layer)}],
}
manifest_bytes = json.dumps(manifest).encode()
manifest_digest = put(manifest_bytes)
with open(os.path.join(layout, "oci-layout"), "w") as f:
    json.dump({"imageLayoutVersion": "1.0.0"}, f)
with open(os.path.join(layout, "index.json"), "w") as f:
    json.dump({"schemaVersion": 2, "manifests": [{
        "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": f"sha256:{manifest_digest}",
        "size": len(manifest_bytes), "annotations": {"org.opencontainers.image.ref.name": version}}]}, f)
print(f"oci layout: {layout} ({len(layer) // (1024 * 1024)} MiB layer)")
