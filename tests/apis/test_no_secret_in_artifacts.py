"""No credential of the contract mocks appears in any generated artifact: dist/ and every golden record.

The specs declare secrets without values (a secret cannot have a default), so nothing secret should ever be
rendered; this greps the committed output for each mock credential, raw, URL-encoded and base64 (Basic pairs too).
Smoke output is grepped by test_smoke_contracts.py for every secret a run handles.
"""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import quote

import pytest

from .github.mock import GitHubMock
from .hubspot.mock import HubSpotMock
from .mailchimp.mock import MailchimpMock
from .shopify.mock import ShopifyMock
from .stripe.mock import StripeMock
from .todoist.mock import TodoistMock
from .trello.mock import TrelloMock

ROOT = Path(__file__).resolve().parents[2]


def credentials() -> list[str]:
    """Every secret value the contract mocks accept (their constructors bind no socket)."""
    shopify, hubspot, trello, mailchimp = ShopifyMock(), HubSpotMock(), TrelloMock(), MailchimpMock()
    stripe, todoist, github = StripeMock(), TodoistMock(), GitHubMock()
    return [
        *[shopify.token, hubspot.private_token, hubspot.client_secret, trello.key, trello.token, mailchimp.api_key],
        *[stripe.secret_key, todoist.token, github.token],
    ]


def forms(secret: str) -> set[str]:
    """The ways a secret could be written into a file."""
    b64 = {base64.b64encode(v.encode()).decode().rstrip("=") for v in (secret, f"connector-gen:{secret}", f":{secret}")}
    return {secret, quote(secret, safe=""), *b64}


@pytest.mark.parametrize("folder", ["dist", "tests/golden"])
def test_no_mock_credential_in_generated_files(folder: str) -> None:
    every = {f for secret in credentials() for f in forms(secret)}
    found = [
        (str(path.relative_to(ROOT)), form)
        for path in sorted((ROOT / folder).rglob("*"))
        if path.is_file()
        for form in every
        if form in path.read_text("utf-8", errors="replace")
    ]
    assert found == []
