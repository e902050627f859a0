#!/usr/bin/env python3
"""Prints what each image tarball (docker-archive or OCI) will run: user, entrypoint, working dir, ports, env, size."""
import json
import os
import sys
import tarfile

for path in sys.argv[1:]:
    with tarfile.open(path) as archive:
        names = archive.getnames()
        if "manifest.json" in names:  # docker-archive
            manifest = json.load(archive.extractfile("manifest.json"))[0]
            config = json.load(archive.extractfile(manifest["Config"]))
        else:  # OCI layout
            index = json.load(archive.extractfile("index.json"))
            blob = lambda d: archive.extractfile("blobs/sha256/" + d.split(":")[1])  # noqa: E731
            manifest = json.load(blob(index["manifests"][0]["digest"]))
            config = json.load(blob(manifest["config"]["digest"]))
    c = config["config"]
    print(f"{os.path.basename(path)}  ({os.path.getsize(path) / 2**20:.0f} MiB)")
    print(f"  user:        {c.get('User') or '(root!)'}")
    print(f"  entrypoint:  {c.get('Entrypoint')} {c.get('Cmd') or ''}")
    print(f"  workdir:     {c.get('WorkingDir')}")
    print(f"  ports:       {' '.join(sorted(c.get('ExposedPorts', {})))}")
    print(f"  healthcheck: {c.get('Healthcheck') or 'none in the image (compose: healthcheck verb; k8s: probes)'}")
    print(f"  env:         {' '.join(e for e in c.get('Env', []) if not e.startswith('PATH='))}")
