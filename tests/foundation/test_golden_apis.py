"""Golden tests of the real-API specs: tests/golden/<api>/ is exactly what tests/apis/<api>/spec.yaml renders to.

Each shows one auth kind and one set of wire shapes as the platforms receive them (Shopify: an access-token header and
a shop subdomain; HubSpot: OAuth2 with refresh; Trello: two query credentials; Mailchimp: Basic with a derived data
center), so a change to a template or target shows up as a reviewed diff there too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from connector_gen import review
from connector_gen.compare import compare
from connector_gen.pipeline import load_model, render_all
from connector_gen.render import targets

ROOT = Path(__file__).resolve().parents[2]
APIS = ("shopify", "hubspot", "trello", "mailchimp", "stripe", "todoist", "github")


@pytest.mark.parametrize("target", list(targets()))
@pytest.mark.parametrize("api", APIS)
def test_golden_record_matches_spec(api: str, target: str) -> None:
    model = load_model(ROOT / "tests" / "apis" / api / "spec.yaml", "spec.yaml")
    rendered = render_all(model, [target])
    assert rendered[target], f"target {target} rendered no files"
    golden = ROOT / "tests" / "golden" / api
    differences = compare(golden, rendered)
    report = "\n".join(f"{d.status}: {d.path}\n{d.diff}" for d in differences)
    if differences:
        command = f"connector-gen build --spec tests/apis/{api}/spec.yaml --out tests/golden/{api}"
        pytest.fail(
            f"tests/golden/{api}/{target}/ is stale; regenerate with `{command}` (or scripts/regen-golden)\n{report}",
            pytrace=False,
        )


@pytest.mark.parametrize("api", APIS)
def test_golden_record_has_only_target_folders(api: str) -> None:
    """A target that is renamed or dropped must not leave its old folder behind."""
    assert sorted(p.name for p in (ROOT / "tests" / "golden" / api).iterdir()) == sorted(
        [*targets(), review.FILE.name]
    )  # and the review page (issue 15)
