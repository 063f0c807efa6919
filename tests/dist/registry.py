#!/usr/bin/env python3
"""A read-only npm registry on loopback that serves the tarballs in one folder, for tests.

    python3 tests/dist/registry.py DIR PORTFILE

Installing `structlint` by name from it resolves the launcher's optional dependencies by `os`,
`cpu` and `libc` exactly as the public registry does, with no network: npm, pnpm and the
pre-commit and GitHub Action installs all go through it in CI. It writes the port it listens
on to PORTFILE once it is ready; any other package name is a 404, as on a registry without it.
"""

import base64
import hashlib
import http.server
import json
import sys
import tarfile
from pathlib import Path


def packuments(folder: Path, base: str) -> dict:
    """The registry document of every package in `folder`'s tarballs, by package name."""
    found: dict = {}
    for tgz in sorted(folder.glob("*.tgz")):
        data = tgz.read_bytes()
        with tarfile.open(tgz) as tar:
            manifest = json.load(tar.extractfile("package/package.json"))
        name, version = manifest["name"], manifest["version"]
        manifest["_id"] = f"{name}@{version}"
        manifest["dist"] = {
            "tarball": f"{base}/-/{tgz.name}",
            "shasum": hashlib.sha1(data).hexdigest(),
            "integrity": "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode(),
        }
        doc = found.setdefault(name, {"name": name, "versions": {}, "dist-tags": {}})
        doc["versions"][version] = manifest
        doc["dist-tags"]["latest"] = version
    return found


def main() -> None:
    folder, portfile = Path(sys.argv[1]), Path(sys.argv[2])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    base = f"http://127.0.0.1:{server.server_port}"
    docs = packuments(folder, base)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path.startswith("/-/") and (folder / path[3:]).is_file() and "/" not in path[3:]:
                body, kind = (folder / path[3:]).read_bytes(), "application/octet-stream"
            else:
                # Scoped names arrive as `@scope%2fname` (npm) or `@scope/name` (pnpm).
                name = path[1:].replace("%2f", "/").replace("%2F", "/")
                if name not in docs:
                    self.send_error(404, f"{name} is not in this registry")
                    return
                body, kind = json.dumps(docs[name]).encode(), "application/json"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args) -> None:
            pass

    server.RequestHandlerClass = Handler
    portfile.write_text(str(server.server_port))
    server.serve_forever()


if __name__ == "__main__":
    main()
