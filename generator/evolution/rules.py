"""One rules table per platform: how each kind of change affects existing users, what to do, and which doc says so.

Severities: `safe` (existing Zaps, scenarios and workflows keep working when updated in place), `needs-new-version`
(they keep working only if the change ships as a new platform version they stay on: an n8n node version), and
`breaking` (they break on update; the action says how to keep them running). docs/evolution.md explains each rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .changes import KINDS, Change

Severity = Literal["safe", "needs-new-version", "breaking"]
PLATFORMS = ("zapier", "make", "n8n")
SEVERITIES: tuple[Severity, ...] = ("safe", "needs-new-version", "breaking")

# The documentation each rule rests on (docs/evolution.md quotes them); SILENT: the platform's docs say nothing.
Z_GUARD = "https://docs.zapier.com/integrations/news/2026/version-promotion-guardrails"
Z_PLAN = "https://docs.zapier.com/integrations/manage/planning-changes"
Z_ERRORS = "https://platform.zapier.com/partners/common-migration-errors"
Z_REQUIRED = "https://platform.zapier.com/manage/required-input"
Z_AUTH = "https://docs.zapier.com/platform/manage/auth-required"
Z_OUTPUT = "https://docs.zapier.com/platform/manage/output"
Z_DEDUPE = "https://docs.zapier.com/platform/manage/change-perform"
Z_VERSIONS = "https://docs.zapier.com/integrations/manage/versions"
# zapier-platform-schema's BasicDisplaySchema: `hidden`, "Should this operation be unselectable by users?"
Z_HIDDEN = "https://github.com/zapier/zapier-platform/blob/main/packages/schema/docs/build/schema.md#basicdisplayschema"
M_BREAKING = "https://developers.make.com/custom-apps-documentation/updating-your-app/approved-apps/managing-breaking-changes"
M_VERSIONS = "https://developers.make.com/custom-apps-documentation/updating-your-app/private-public-apps"
N_VERSIONS = "https://docs.n8n.io/connect/create-nodes/build-your-node/reference/versioning"
N_DEFAULT = "https://github.com/n8n-io/n8n/issues/19197"
SILENT = "docs silent"

# Actions, worded once.
Z_HIDE = "keep the old key hidden and add a new one (or bump the major: Zapier migrates users only within a major)"
Z_MAJOR = "bump the major: Zapier pauses promotion otherwise and never migrates users across majors"
M_KEEP = "keep the old Make module deprecated (hidden) beside a new one, or create a new app"
M_CONN = "create a new app (existing connections cannot be converted)"
N_VERSION = "add an n8n node version; old workflows keep the version they were saved with"
N_CRED = "add a new credential type beside the old one; n8n has no credential versions"
N_PACKAGE = "keep publishing the old package: a node type starts with its package name, so workflows do not find it"
NONE = "none"


@dataclass(frozen=True)
class Rule:
    """The verdict for one kind of change on one platform."""

    severity: Severity
    action: str
    source: str  # a documentation URL, or SILENT


def _safe(source: str = SILENT) -> Rule:
    return Rule("safe", NONE, source)


ZAPIER: dict[str, Rule] = {
    "operation.added": _safe(Z_VERSIONS),
    "operation.removed": Rule("breaking", Z_HIDE, Z_GUARD),
    "operation.renamed": Rule("breaking", Z_HIDE, Z_ERRORS),
    "operation.kind_changed": Rule("breaking", Z_HIDE, Z_GUARD),
    "input.added": _safe(Z_PLAN),
    "input.added_required": Rule("breaking", Z_HIDE, Z_REQUIRED),
    "input.removed": Rule("breaking", Z_HIDE, Z_GUARD),
    "input.renamed": Rule("breaking", Z_HIDE, Z_GUARD),
    "input.made_required": Rule("breaking", Z_HIDE, Z_GUARD),
    "input.made_optional": _safe(Z_PLAN),
    "input.type_changed": Rule("breaking", Z_HIDE, Z_GUARD),
    "choice.added": _safe(),
    "choice.removed": Rule("breaking", Z_HIDE, SILENT),
    "default.changed": _safe(SILENT),
    "output.added": _safe(Z_OUTPUT),
    "output.removed": Rule("breaking", "keep the old output key beside the new one", Z_OUTPUT),
    "output.type_changed": Rule("breaking", "hand on the new form under a new key beside the old one", Z_OUTPUT),
    "auth.kind_changed": Rule("breaking", Z_MAJOR, Z_GUARD),
    "auth.field_added": _safe(Z_AUTH),
    "auth.field_added_required": Rule("breaking", Z_MAJOR + " (or give the field a default)", Z_GUARD),
    "auth.field_removed": Rule("breaking", Z_MAJOR, Z_GUARD),
    "trigger.dedupe_changed": Rule("breaking", Z_HIDE, Z_DEDUPE),
    "paging.added": _safe(Z_DEDUPE),
    "paging.removed": _safe(Z_DEDUPE),
    "paging.changed": _safe(Z_DEDUPE),
    "key.changed": Rule("breaking", Z_HIDE, Z_ERRORS),
    "operation.deprecated": _safe(Z_HIDDEN),
    "input.deprecated": _safe(Z_PLAN),
    "choice.deprecated": _safe(Z_PLAN),
}

MAKE: dict[str, Rule] = {
    "operation.added": _safe(M_BREAKING),
    "operation.removed": Rule("breaking", M_KEEP, M_BREAKING),
    "operation.renamed": Rule("breaking", M_KEEP, M_BREAKING),
    "operation.kind_changed": Rule("breaking", M_KEEP, M_BREAKING),
    "input.added": _safe(M_BREAKING),
    "input.added_required": Rule("breaking", M_KEEP, M_BREAKING),
    "input.removed": Rule("breaking", "keep the parameter, deprecated, until users are told", M_BREAKING),
    "input.renamed": Rule("breaking", M_KEEP, M_BREAKING),
    "input.made_required": Rule("breaking", M_KEEP, M_BREAKING),
    "input.made_optional": _safe(M_BREAKING),
    "input.type_changed": Rule("breaking", M_KEEP + " (unless Make coerces the old type to the new)", M_BREAKING),
    "choice.added": _safe(),
    "choice.removed": Rule("breaking", M_KEEP, SILENT),
    "default.changed": _safe(SILENT),
    "output.added": _safe(M_BREAKING),
    "output.removed": Rule("breaking", M_KEEP, M_BREAKING),
    "output.type_changed": Rule("breaking", M_KEEP, M_BREAKING),
    "auth.kind_changed": Rule("breaking", M_CONN, M_VERSIONS),
    "auth.field_added": _safe(SILENT),
    "auth.field_added_required": Rule("breaking", M_CONN, SILENT),
    "auth.field_removed": _safe(SILENT),
    "trigger.dedupe_changed": Rule("breaking", M_KEEP, M_BREAKING),
    "paging.added": _safe(SILENT),
    "paging.removed": _safe(SILENT),
    "paging.changed": _safe(SILENT),
    "key.changed": Rule("breaking", M_KEEP, M_BREAKING),
    "operation.deprecated": _safe(M_BREAKING),
    "input.deprecated": _safe(M_BREAKING),
    "choice.deprecated": _safe(SILENT),
}

N8N: dict[str, Rule] = {
    "operation.added": _safe(N_VERSIONS),
    "operation.removed": Rule("needs-new-version", N_VERSION, N_VERSIONS),
    "operation.renamed": Rule("needs-new-version", N_VERSION, N_VERSIONS),
    "operation.kind_changed": Rule("needs-new-version", N_VERSION, N_VERSIONS),
    "input.added": _safe(N_VERSIONS),
    "input.added_required": Rule("needs-new-version", N_VERSION, N_VERSIONS),
    "input.removed": Rule("needs-new-version", N_VERSION, N_VERSIONS),
    "input.renamed": Rule("needs-new-version", N_VERSION, N_VERSIONS),
    "input.made_required": Rule("needs-new-version", N_VERSION, N_VERSIONS),
    "input.made_optional": _safe(N_VERSIONS),
    "input.type_changed": Rule("needs-new-version", N_VERSION, N_VERSIONS),
    "choice.added": _safe(N_VERSIONS),
    "choice.removed": Rule("needs-new-version", N_VERSION, N_VERSIONS),
    "default.changed": Rule("needs-new-version", N_VERSION, N_DEFAULT),
    "output.added": _safe(SILENT),
    "output.removed": Rule("breaking", "keep the old output key beside the new one", SILENT),
    "output.type_changed": Rule("breaking", "hand on the new form under a new key beside the old one", SILENT),
    "auth.kind_changed": Rule("breaking", N_CRED, SILENT),
    "auth.field_added": _safe(SILENT),
    "auth.field_added_required": Rule("breaking", N_CRED, SILENT),
    "auth.field_removed": _safe(SILENT),
    "trigger.dedupe_changed": Rule("needs-new-version", N_VERSION, N_VERSIONS),
    "paging.added": Rule("needs-new-version", N_VERSION, N_DEFAULT),
    "paging.removed": Rule("needs-new-version", N_VERSION, N_VERSIONS),
    "paging.changed": _safe(SILENT),
    "key.changed": Rule("needs-new-version", N_VERSION, N_VERSIONS),
    "operation.deprecated": _safe(SILENT),
    "input.deprecated": _safe(SILENT),
    "choice.deprecated": _safe(SILENT),
}

TABLES: dict[str, dict[str, Rule]] = {"zapier": ZAPIER, "make": MAKE, "n8n": N8N}
assert all(set(t) == set(KINDS) for t in TABLES.values()), "every rules table covers every kind of change"


@dataclass(frozen=True)
class Verdict:
    """One change classified on every platform."""

    change: Change
    rules: tuple[tuple[str, Rule], ...]  # (platform, rule) in PLATFORMS order

    @property
    def worst(self) -> Severity:
        """The most severe verdict over the platforms."""
        return max((r.severity for _, r in self.rules), key=SEVERITIES.index)

    def on(self, platform: str) -> Rule:
        """The rule for one platform."""
        return dict(self.rules)[platform]


# Make coerces a number or a boolean to text, so an input that becomes a string keeps old mappings (M_BREAKING).
_MAKE_COERCES = (("integer", "string"), ("number", "string"), ("boolean", "string"), ("integer", "number"))


# An integer output that becomes a number hands on the same values: every mapping of it still reads them.
_WIDENS = ("integer", "number")


# The auth type each platform's connection has per spec auth kind (Zapier `authentication.type`, Make's connection
# type, n8n's credential class suffix). A kind change within one type keeps existing connections: same type, same
# fields (field changes are their own changes). Zapier `basic` is conservative: a non-native basic renders `custom`.
_AUTH_TYPES = {
    "zapier": {"oauth2": "oauth2", "basic": "basic"},
    "make": {"oauth2": "oauth"},
    "n8n": {"oauth2": "OAuth2Api"},
}


def auth_type(platform: str, kind: str) -> str:
    """The platform's own auth type for a spec auth kind (`custom` on Zapier, `basic` on Make, `Api` on n8n)."""
    return _AUTH_TYPES[platform].get(kind, {"zapier": "custom", "make": "basic", "n8n": "Api"}[platform])


def _rule(platform: str, change: Change) -> Rule:
    if platform in change.spared:  # the key this platform stores did not change
        return _safe(TABLES[platform]["key.changed"].source)
    if change.kind == "key.changed" and change.where == "n8n:package":
        return Rule("breaking", N_PACKAGE, N_VERSIONS)
    if change.kind == "output.type_changed" and (change.old, change.new) == _WIDENS:
        return _safe(TABLES[platform]["output.removed"].source)
    if change.kind == "auth.kind_changed" and auth_type(platform, change.old) == auth_type(platform, change.new):
        return _safe(TABLES[platform]["auth.kind_changed"].source)
    if platform == "make" and change.kind == "input.type_changed" and (change.old, change.new) in _MAKE_COERCES:
        return _safe(M_BREAKING)
    return TABLES[platform][change.kind]


def classify(change: Change) -> Verdict:
    """The verdict of each platform's table on one change."""
    return Verdict(change, tuple((p, _rule(p, change)) for p in PLATFORMS))


def shipped(verdict: Verdict, node_version: int) -> Verdict:
    """The verdict once the change ships in a new n8n node version (`versions: n8n:`): old workflows keep theirs."""
    rules = tuple(
        (p, Rule(r.severity, f"shipped as n8n node version {node_version}", r.source) if r.action == N_VERSION else r)
        for p, r in verdict.rules
    )
    return Verdict(verdict.change, rules)
