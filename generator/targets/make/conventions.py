"""Make naming rules the target writes and the executors read: module ids, labels, connection keys."""

from __future__ import annotations

import dataclasses

from ...model import ConnectionField, Operation
from ...model.build import DEPRECATED
from ...model.requests import Dialect

TARGET = "make"
# What an OAuth connection keeps in its connection data (`response.data` of its token and refresh calls), read by
# modules as `connection.<key>`; and the app's common data (client id and secret) an authorization-code app has.
ACCESS_TOKEN = "accessToken"
REFRESH_TOKEN = "refreshToken"
EXPIRES = "expires"
CLIENT_ID = "clientId"
CLIENT_SECRET = "clientSecret"
OAUTH_DATA = (ACCESS_TOKEN, REFRESH_TOKEN, EXPIRES)
# Make's own OAuth callback, which oauth.redirectUri holds (Make's OAuth 2.0 connection docs).
REDIRECT_URI = "https://www.make.com/oauth/cb/app"
# How Make's requests differ from the summary: a trigger asks for the poll window (Make gives a request no "last
# poll" time; its dedupe by `response.trigger.id` drops what it saw), and every status >= 400 goes through error
# handling, so a search's not-found answer is an error the user handles (an Ignore handler).
REQUESTS = Dialect("Make", since="window", miss_is_error=True)


def param_name(fld: ConnectionField) -> str:
    """The connection parameter of a connection field: its pinned Make name, else `api_key` -> `apiKey`; read as
    `connection.<name>`."""
    return fld.pins.get(TARGET) or fld.names.camel


def module_id(op: Operation) -> str:
    """A module's local id (also its remote name and, in kebab case, its folder): the operation's camelCase key.

    Never the label: a label may have no ASCII word (three Japanese-labelled triggers were one module), any length,
    and changes without renaming what Make scenarios refer to; operation keys are short, unique and stable. A spec
    may pin it (a live app's `watchJobs`).
    """
    return op.pins.get(TARGET) or op.names.camel


def is_get(op: Operation) -> bool:
    """Whether a search reads one record (by an id in its path, or from a one-record answer): Make's Get module.

    Make: "Get modules return only one bundle (specified by the entered ID) and should be Action modules"
    (app-components/modules/action/types), with `actionCrud: read`.
    """
    if op.kind != "search":
        return False
    by_id = op.id_input is not None and op.id_input.location == "path"
    return by_id or not op.response.many


def _sentence(words: list[str]) -> str:
    # Sentence case: the first word capitalised, the rest lower case except acronyms (`API`, `URL`).
    out = [w if len(w) > 1 and w.isupper() else w.lower() for w in words]
    return " ".join([out[0][:1].upper() + out[0][1:], *out[1:]]) if out else ""


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def module_label(op: Operation) -> str:
    """The label Make's naming convention gives a module (best-practices/naming-conventions/modules/module-labels).

    Sentence case; a watch module names the plural (`Watch new jobs`), an action the singular with its article
    (`Create a job`, `Get a job`), a search or list the plural (`Search jobs`, `List jobs`). A label that does not
    end with the resource's name keeps its own words, in sentence case.
    """
    if op.deprecated:  # the convention applies to the label's own words; the model's mark follows them as it is
        return module_label(dataclasses.replace(op, label=op.label.removesuffix(DEPRECATED), deprecated=False)) + DEPRECATED
    res = op.resource
    words, noun = op.label.split(), res.label.split()
    plural = res.plural.split()
    named = len(words) > len(noun) and [w.lower() for w in words[-len(noun) :]] == [w.lower() for w in noun]
    stem = words[: -len(noun)] if named else words
    if op.kind == "polling_trigger":
        return _sentence(["Watch", *stem, *plural]) if named else _sentence(["Watch", *words])
    many = len(words) > len(plural) and [w.lower() for w in words[-len(plural) :]] == [w.lower() for w in plural]
    if op.kind == "search" and not is_get(op) and (named or many):
        return _sentence(["Search", *plural])
    if not named:
        return _sentence(words)
    if op.kind == "action" or is_get(op):
        verb = ["Get"] if is_get(op) else stem
        return _sentence([*verb, _article(noun[0]), *noun])
    return _sentence([*stem, *plural])


def module_labels(ops: list[Operation]) -> dict[str, str]:
    """Each operation's module label by key; two that would read the same keep their own sentence-cased labels."""
    labels = {op.key: module_label(op) for op in ops}
    seen: dict[str, int] = {}
    for label in labels.values():
        seen[label] = seen.get(label, 0) + 1
    return {op.key: labels[op.key] if seen[labels[op.key]] == 1 else _sentence(op.label.split()) for op in ops}
