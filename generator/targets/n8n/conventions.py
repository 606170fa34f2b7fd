"""n8n naming rules the target writes and the executors read: package, node and credential names, file stems."""

from __future__ import annotations

from ...model import Model, Operation
from ...model.keys import PACKAGE
from ...model.requests import Dialect

TARGET = "n8n"
# How n8n's requests differ from the summary: none; its trigger keeps the cursor in the workflow's static data.
REQUESTS = Dialect("n8n", since="state")


def package_name(model: Model) -> str:
    """The spec's pinned package (a live one's, `@scope/n8n-nodes-x`), else `n8n-nodes-<app>`, the community-node rule."""
    return model.app.pins.get(TARGET, PACKAGE) or f"n8n-nodes-{model.app.names.kebab}"


def credential_class(model: Model) -> str:
    """The credential class: `AcmeApi`, or `AcmeOAuth2Api` for OAuth2 (n8n's linter wants the suffix there)."""
    return f"{model.app.names.pascal}{'OAuth2Api' if model.auth.kind == 'oauth2' else 'Api'}"


def node_paths(model: Model) -> dict[str, str]:
    """Source stems (without extension) of the credential and the nodes, relative to the package root."""
    pascal = model.app.names.pascal
    paths = {"credential": f"credentials/{credential_class(model)}.credentials", "action": f"nodes/{pascal}/{pascal}.node"}
    if model.of_kind("polling_trigger"):  # a package without triggers has no trigger node
        paths["trigger"] = f"nodes/{pascal}Trigger/{pascal}Trigger.node"
    return paths


def node_name(model: Model, op: Operation) -> str:
    """The node type (without package prefix) that runs `op`."""
    stem = node_paths(model)["trigger" if op.kind == "polling_trigger" else "action"]
    name = stem.rsplit("/", 1)[1].removesuffix(".node")
    return name[:1].lower() + name[1:]


def credential_name(model: Model) -> str:
    """The credential type's name: `acmeApi` (`acmeOAuth2Api`)."""
    name = credential_class(model)
    return name[:1].lower() + name[1:]
