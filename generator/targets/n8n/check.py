"""n8n's own limits on a spec, found before rendering and reported at the spec entry that breaks them."""

from __future__ import annotations

from collections.abc import Iterator

from ...errors import SpecError
from ...model import ACCESS_TOKEN, Field, Model, Operation
from ...render import problem
from .conventions import credential_name, package_name
from .credential import credential, request_headers
from .expressions import parameter
from .fields import item_key
from .paging import has_limit
from .props import collection_of, locator_mode, node_operation, search_method, trigger_param
from .routing import param_name
from .simplify import SIMPLIFY, simple_keys

# n8n has no length limits on names or labels. What it does enforce is uniqueness: an options parameter's values
# and names (n8n keeps one option per value; eslint-plugin-n8n-nodes-base's node-param-option-value-duplicate and
# node-param-option-name-duplicate, which n8n's verification scan @n8n/scan-community-package runs, refuse repeats),
# and parameter names where the same operation shows them (a second parameter of one name is never read).
NODE_PARAMS = ("resource", "operation")  # the action node's own selectors
# The generated paging parameters; the linter also checks any parameter called so against n8n's paging conventions.
PAGING_PARAMS = ("limit", "returnAll")
TRIGGER_EVENT = "event"  # the trigger node's event selector
_LIST_MODE = "list"  # a resource locator's pick-from-list mode


def _parameters(model: Model, op: Operation) -> Iterator[SpecError]:
    """Each operation's parameter names are unique at the top level and inside its collection of optional fields."""
    collection = collection_of(op)[0]
    top: dict[str, str] = {name: "the node" for name in NODE_PARAMS}
    if has_limit(op):
        top.update({name: "paging" for name in PAGING_PARAMS})
    if simple_keys(op) is not None:
        top[SIMPLIFY] = "the Simplify option"
    if any(not i.required for i in op.inputs):
        top[collection] = "the collection of optional fields"
    inner: dict[str, str] = {}
    for inp in op.inputs:
        for leaf in inp.leaves:
            name = param_name(op, inp, leaf)
            where = f"{inp.pointer}/name" if leaf is inp.field else leaf.pointer
            taken = top if inp.required else inner
            if name in PAGING_PARAMS and name not in taken:
                yield problem(model, where, f"n8n keeps the parameter name '{name}' for paging; rename the input")
            elif name in taken:
                owner = taken[name]
                yield problem(model, where, f"n8n parameter '{name}' of '{op.key}' is also used by {owner}")
            taken.setdefault(name, f"input '{inp.name}'")
            yield from _choices(model, leaf.items if leaf.items is not None else leaf)
            yield from _line_items(model, leaf)
        if inp.dropdown is not None and locator_mode(model, inp) == _LIST_MODE:
            message = f"n8n's resource locator already has a '{_LIST_MODE}' mode; the dropdown value cannot be called so"
            yield problem(model, f"{inp.dropdown.pointer}/value", message)


def _trigger_parameters(model: Model) -> Iterator[SpecError]:
    """Scoped triggers' path inputs become trigger node parameters beside `event`: n8n stores a parameter's value by
    name across events, so one name has one type."""
    seen: dict[str, tuple[str, str]] = {}
    for op in model.of_kind("polling_trigger"):
        for inp in op.inputs_in("path"):
            name = trigger_param(op, inp)
            if name == TRIGGER_EVENT:
                yield problem(model, f"{inp.pointer}/name", f"n8n's trigger node keeps the parameter name '{name}'")
                continue
            first = seen.setdefault(name, (inp.field.type, op.key))
            if first[0] != inp.field.type:
                message = f"n8n trigger parameter '{name}' of '{op.key}' is also used by '{first[1]}' with another type"
                yield problem(model, f"{inp.pointer}/name", message)


def _choices(model: Model, field: Field) -> Iterator[SpecError]:
    """n8n keeps one option per name: two choices may not show the same label."""
    seen: dict[str, object] = {}
    for value, label in field.options:
        first = seen.setdefault(label, value)
        if first != value:
            message = f"choices '{first}' and '{value}' both show as '{label}' in n8n"
            yield problem(model, f"{field.pointer}/choices", message)


def _line_items(model: Model, field: Field) -> Iterator[SpecError]:
    """A line item's sub-fields become the values of one fixedCollection entry: their parameter names are unique."""
    items = field.items
    if items is None or not items.is_object:
        return
    seen: dict[str, str] = {}
    for leaf in items.leaves:
        if leaf.type in ("array", "map"):  # the entry's values are sent as they are: a nested list or map would not be
            message = f"n8n line items hold single values; '{leaf.dotted}' is a list or map inside one"
            yield problem(model, leaf.pointer, message)
        key = item_key(items, leaf)
        first = seen.setdefault(key, leaf.dotted)
        if first != leaf.dotted:
            message = f"n8n parameter '{key}' of the line item is also used by '{first}'"
            yield problem(model, leaf.pointer, message)
        yield from _choices(model, leaf)


def _auth(model: Model) -> Iterator[SpecError]:
    """What n8n's oAuth2Api cannot say (n8n-core request-helpers/oauth.js and @n8n/client-oauth2, as pinned)."""
    oauth = model.auth.oauth2
    if oauth is None:
        return
    # The token is signed into the request by client-oauth2's `sign`: always `Authorization: Bearer <token>`.
    bearer = [p for p in model.auth.send if p.location == "header" and p.name.lower() == "authorization"]
    if len(model.auth.send) != 1 or not bearer or bearer[0].value.text != "Bearer {" + ACCESS_TOKEN + "}":
        message = "n8n's OAuth2 credentials send the access token only as 'Authorization: Bearer <token>'"
        yield problem(model, model.auth.send[0].pointer, message)
    # A refresh posts to the credential's one accessTokenUrl.
    if oauth.refresh_url != oauth.token_url:
        yield problem(model, f"{oauth.pointer}/refresh_url", "n8n refreshes OAuth2 tokens at the token URL; drop refresh_url")
    # n8n keeps the scope as one text: token requests split it on spaces (n8n-core oauth.js createOAuth2Client), the
    # authorize URL sends it space- or comma-separated; another separator would reach the API as part of one scope.
    if len(oauth.scopes) > 1 and oauth.scope_separator not in (" ", ","):
        message = "n8n sends OAuth2 scopes separated by a space or a comma"
        yield problem(model, f"{oauth.pointer}/scope_separator", message)


def _unique(
    model: Model, items: list[tuple[str, str, str]], what: str, where: str = "", *, fold: bool = False
) -> Iterator[SpecError]:
    """An error for each (value, pointer, owner) whose value (case-folded when it names files) an earlier owner has."""
    seen: dict[str, str] = {}
    for value, pointer, owner in items:
        first = seen.setdefault(value.lower() if fold else value, owner)
        if first != owner:
            yield problem(model, pointer, f"{owner} and {first} both become the {what} '{value}'{where}")


def _node(model: Model) -> dict[str, object]:
    """What every node version shares, light versioning having one value of each: package, node name, credential
    (its type and its definition) and the request defaults."""
    return {
        "package name": package_name(model),
        "node name": model.app.names.camel,
        "credential type": credential_name(model),
        "credential": credential(model, {}),
        "base URL": parameter(model, model.app.base),
        "request headers": request_headers(model),
    }


def _versions(model: Model) -> Iterator[SpecError]:
    """Each earlier node version differs from this spec only where `@version` display options can say it."""
    now = _node(model)
    for i, old in enumerate(model.n8n_versions):
        then = _node(old)
        for what in [k for k in now if now[k] != then[k]]:
            yield problem(
                model,
                f"/versions/n8n/{i}/spec",
                f"node version {i + 1} has another {what}; n8n node versions share one (start a new node or package)",
            )


def check(model: Model) -> list[SpecError]:
    """Every n8n limit the spec breaks: repeated option values and names, parameter names, list-search methods."""
    found = list(_auth(model))
    found += _versions(model)
    found += _trigger_parameters(model)
    ops = [op for op in model.operations if op.kind in ("action", "search", "list")]
    resources = list({op.resource.key: op.resource for op in ops}.values())
    values = [(r.names.camel, r.pointer, f"resource '{r.key}'") for r in resources]
    found += _unique(model, values, "n8n resource", " (which also names its files)", fold=True)
    found += _unique(model, [(r.label, f"{r.pointer}/label", f"resource '{r.key}'") for r in resources], "n8n resource name")
    for res in resources:
        nops = [node_operation(op) for op in ops if op.resource is res]
        found += _unique(
            model, [(n.value, n.op.pointer, f"'{n.op.key}'") for n in nops], "n8n operation", f" of resource '{res.key}'"
        )
        found += _unique(
            model, [(n.name, n.op.pointer, f"'{n.op.key}'") for n in nops], "n8n operation name", f" of resource '{res.key}'"
        )
    triggers = model.of_kind("polling_trigger")
    found += _unique(model, [(op.names.camel, op.pointer, f"'{op.key}'") for op in triggers], "n8n trigger event")
    for op in ops:
        found.extend(_parameters(model, op))
    sources = [(i.dropdown, i) for op in model.operations for i in op.inputs if i.dropdown is not None]
    methods = [(search_method(model, d.operation), f"{d.pointer}/operation", f"'{d.operation}'") for d, _ in sources]
    found += _unique(model, methods, "n8n list-search method")
    return found
