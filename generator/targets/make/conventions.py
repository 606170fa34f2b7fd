"""Make naming rules the target writes and the executors read: module ids, labels, connection keys."""

from __future__ import annotations

from ...model import ConnectionField, Operation
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


def module_label(op: Operation) -> str:
    """`Watch New Orders` for a trigger on `New Order`, else the operation's label."""
    if op.kind != "polling_trigger":
        return op.label
    res = op.resource
    stem = op.label[: -len(res.label)] if op.label.endswith(res.label) else op.label + " "
    return f"Watch {stem}{res.plural}"
