"""package.json, tsconfig.json and codex files of the n8n community package, as Python data."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from ...model import Model
from .conventions import node_paths, package_name

# The toolchain every generated package installs: its manifest pins the devDependencies (the versions n8n's node-cli
# template uses) and its npm lockfile, refreshed with `npm install --package-lock-only` there, is every package's lock.
TOOLCHAIN = Path(__file__).resolve().parent / "toolchain"


@functools.cache
def toolchain(name: str) -> dict[str, Any]:
    """The toolchain's `package.json` or `package-lock.json`, parsed once per process."""
    data: dict[str, Any] = json.loads((TOOLCHAIN / name).read_text(encoding="utf-8"))
    return data


def package_json(model: Model) -> dict[str, Any]:
    """The package manifest: community-node keywords, `n8n` section pointing into dist/, peer n8n-workflow only."""
    app, paths = model.app, node_paths(model)
    data: dict[str, Any] = {
        "name": package_name(model),
        "version": app.version,
        "description": f"n8n community nodes for {app.name}: {app.description}",
        "license": app.license,
    }
    # n8n's community rules require a homepage; the docs are the next best page when the spec names none.
    data["homepage"] = app.homepage_url or app.docs_url
    data["keywords"] = ["n8n-community-node-package", "n8n", app.names.kebab]
    author: dict[str, str] = {"name": app.publisher.name, "email": app.publisher.email}
    if app.publisher.url:
        author["url"] = app.publisher.url
    data["author"] = author
    if app.repository:
        data["repository"] = {"type": "git", "url": f"git+{app.repository}.git"}
    data["scripts"] = {
        "build": "n8n-node build",
        "build:watch": "tsc --watch",
        "dev": "n8n-node dev",
        "lint": "n8n-node lint",
        "lint:fix": "n8n-node lint --fix",
        "release": "n8n-node release",
        "prepublishOnly": "n8n-node prerelease",
    }
    data["files"] = ["dist"]
    data["n8n"] = {
        "n8nNodesApiVersion": 1,
        "strict": True,
        "credentials": [f"dist/{paths['credential']}.js"],
        # the trigger node exists only when the spec has polling triggers
        "nodes": [f"dist/{paths[n]}.js" for n in ("action", "trigger") if n in paths],
    }
    manifest = toolchain("package.json")
    data["devDependencies"] = dict(manifest["devDependencies"])
    data["peerDependencies"] = dict(manifest["peerDependencies"])
    return data


def package_lock(model: Model) -> dict[str, Any]:
    """The toolchain's lockfile with the package's root entry, so `npm ci` installs the pinned tree offline."""
    lock = toolchain("package-lock.json")
    pkg = package_json(model)
    # the root entry is what npm would write for this package.json; `npm ci` refuses a lock out of sync with it
    root = {k: pkg[k] for k in ("name", "version", "license", "devDependencies", "peerDependencies")}
    packages = {"": root, **{k: v for k, v in lock["packages"].items() if k}}
    return {**lock, "name": pkg["name"], "version": pkg["version"], "packages": packages}


def tsconfig() -> dict[str, Any]:
    """The starter's compiler settings; `include` copies codex JSON and package.json into dist/."""
    return {
        "compilerOptions": {
            "strict": True,
            "module": "commonjs",
            "moduleResolution": "node",
            "target": "es2019",
            "lib": ["es2019", "es2020", "es2022.error"],
            "removeComments": True,
            "useUnknownInCatchVariables": False,
            "forceConsistentCasingInFileNames": True,
            "noImplicitAny": True,
            "noImplicitReturns": True,
            "noUnusedLocals": True,
            "strictNullChecks": True,
            "preserveConstEnums": True,
            "esModuleInterop": True,
            "resolveJsonModule": True,
            "incremental": True,
            "declaration": True,
            "sourceMap": True,
            "skipLibCheck": True,
            "outDir": "./dist/",
        },
        "include": ["credentials/**/*", "nodes/**/*", "nodes/**/*.json", "package.json"],
    }


def codex(model: Model, node: str) -> dict[str, Any]:
    """A node's codex `.node.json`: categories and documentation links."""
    app = model.app
    return {
        "node": f"{package_name(model)}.{node}",
        "nodeVersion": "1.0",
        "codexVersion": "1.0",
        "categories": list(app.categories),
        "resources": {
            "credentialDocumentation": [{"url": next((f.help_url for f in model.connection.fields if f.help_url), app.docs_url)}],
            "primaryDocumentation": [{"url": app.docs_url}],
        },
    }
