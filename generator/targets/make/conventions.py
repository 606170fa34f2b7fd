"""Make naming rules the target writes and the executors read: module ids, labels, connection keys."""

from __future__ import annotations

from ...model import Model, Operation
from ...names import Names


def key_param(model: Model) -> str:
    """The connection parameter holding the API key (`apiKey`): the label in camelCase when that is a name."""
    name = Names.of(model.connection.secrets[0].label).camel
    # IML reads `connection.<name>` as a path only when the name starts with a letter; labels need not.
    return name if name[:1].isalpha() and name.isascii() else "apiKey"


def module_id(op: Operation) -> str:
    """A module's local id (also its remote name and, in kebab case, its folder): the operation's camelCase key.

    Never the label: a label may have no ASCII word (three Japanese-labelled triggers were one module), any length,
    and changes without renaming what Make scenarios refer to; operation keys are short, unique and stable.
    """
    return op.names.camel


def module_label(op: Operation) -> str:
    """`Watch New Orders` for a trigger on `New Order`, else the operation's label."""
    if op.kind != "polling_trigger":
        return op.label
    res = op.resource
    stem = op.label[: -len(res.label)] if op.label.endswith(res.label) else op.label + " "
    return f"Watch {stem}{res.plural}"
