"""Name forms: snake, camel, Pascal, kebab and title from keys, API names and labels."""

from __future__ import annotations

import pytest

from connector_gen.names import Names, title_case, words

FORMS = [
    # raw, snake, camel, Pascal, kebab, title
    ("new_job", "new_job", "newJob", "NewJob", "new-job", "New Job"),
    ("externalId", "external_id", "externalId", "ExternalId", "external-id", "External ID"),
    ("assigneeUsername", "assignee_username", "assigneeUsername", "AssigneeUsername", "assignee-username", "Assignee Username"),
    ("API-Key", "api_key", "apiKey", "ApiKey", "api-key", "API Key"),
    ("base_url", "base_url", "baseUrl", "BaseUrl", "base-url", "Base URL"),
    ("URLPath", "url_path", "urlPath", "UrlPath", "url-path", "URL Path"),
    ("getHTTPResponse", "get_http_response", "getHttpResponse", "GetHttpResponse", "get-http-response", "Get HTTP Response"),
    ("userID", "user_id", "userId", "UserId", "user-id", "User ID"),
    ("ID", "id", "id", "Id", "id", "ID"),
    ("contact.name", "contact_name", "contactName", "ContactName", "contact-name", "Contact Name"),
    ("timeWindow.start", "time_window_start", "timeWindowStart", "TimeWindowStart", "time-window-start", "Time Window Start"),
    ("time window", "time_window", "timeWindow", "TimeWindow", "time-window", "Time Window"),
    ("find_a_job", "find_a_job", "findAJob", "FindAJob", "find-a-job", "Find a Job"),
    ("v2Items", "v2_items", "v2Items", "V2Items", "v2-items", "V2 Items"),
]


@pytest.mark.parametrize(("raw", "snake", "camel", "pascal", "kebab", "title"), FORMS, ids=[f[0] for f in FORMS])
def test_every_form(raw: str, snake: str, camel: str, pascal: str, kebab: str, title: str) -> None:
    names = Names.of(raw)
    forms = (names.raw, names.snake, names.camel, names.pascal, names.kebab, names.title)
    assert forms == (raw, snake, camel, pascal, kebab, title)


def test_words_split_on_case_digits_and_punctuation() -> None:
    assert words("assigneeUsername") == ["assignee", "username"]
    assert words("HTTPServerError") == ["http", "server", "error"]
    assert words("  API -- key  ") == ["api", "key"]
    assert words("a.b/c d") == ["a", "b", "c", "d"]
    assert words("") == []


def test_title_case_small_words_stay_lower_except_at_the_ends() -> None:
    assert title_case("list of the jobs") == "List of the Jobs"
    assert title_case("the end of") == "The End Of"
    assert title_case("api key for the url") == "API Key for the URL"


def test_forms_are_stable_when_applied_to_each_other() -> None:
    for raw, *_ in FORMS:
        names = Names.of(raw)
        for form in (names.snake, names.camel, names.pascal, names.kebab):
            assert Names.of(form).snake == names.snake, (raw, form)


def test_empty_name_still_gives_identifiers() -> None:
    names = Names.of("")
    assert names.snake and names.camel and names.pascal and names.kebab
