"""The API's OpenAPI schema: the bearer-token scheme, and every operation's error answers.

Each operation lists the errors it can give, all with the one error body (`Error`,
tandem/api/errors.py), from what the view declares: 400 for input (a body or query
parameters), 401 and 403 wherever a token or a session is read, 404 for an id in the path or a
page number, 415 for a body, 429 when throttled, 503 when the database is unavailable. A view's
own `responses` keep their description. A file's read documents the `lang` parameter
(tandem/api/files.py)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse, extend_schema

from tandem.api.files import LANG, READS, FileView
from tandem.api.serializers import ErrorSerializer

# The security of an operation anyone may call: without credentials, or with a token (whose
# holder may see more, e.g. the members-only events they are invited to). `Any`: drf-spectacular
# copies `auth` into the schema as given, but annotates it as a list of strings.
PUBLIC_OR_TOKEN: Any = [{}, {"bearerAuth": []}]


def code_list(values: list[str]) -> str:
    """A field's help text for a code: the codes it takes."""
    return "One of: " + ", ".join(values) + "."


def public_read(serializer: Any, **extra: Any) -> Any:
    """The schema of a public page's read (the GET of a `tandem.api.public.PublicView`, which
    says that anyone may call it): its page, or 404 for what is not public."""
    return extend_schema(responses={200: serializer, 404: ErrorSerializer}, **extra)


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "tandem.accounts.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):  # type: ignore[no-untyped-def]
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Personal API token. A role that requires two-factor authentication "
            "accepts only a token issued with a code (403 otherwise).",
        }


class SecondFactorSessionScheme(SessionScheme):
    """The session cookie, held to the pages' second-factor rule (403 when it is due)."""

    target_class = "tandem.accounts.authentication.SecondFactorSessionAuthentication"
    priority = 0


ERRORS = {
    400: "Invalid input: `detail` says why, `errors` lists the messages by field (nested fields "
    "as dotted paths, general messages under `non_field_errors`).",
    401: "No valid token: the token is unknown, revoked or malformed, or none was sent where "
    "one is required.",
    403: "Not allowed: a role or a permission this operation needs is missing (or a session "
    "request without its CSRF token).",
    404: "Not found, or not visible to you (the same answer, so that nothing leaks); also a page "
    "number past the end.",
    415: "The body's media type is not one this operation reads.",
    429: "Too many requests: wait for the number of seconds in `Retry-After`.",
    503: "The database is unavailable for a moment: try again after `Retry-After` seconds.",
}


class AutoSchema(SpectacularAutoSchema):
    def get_override_parameters(self) -> list[Any]:
        """A file's read takes `lang`, the one rule of tandem.api.files."""
        found = list(super().get_override_parameters())
        if isinstance(self.view, FileView) and self.method in READS:
            found.append(LANG)
        return found

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        responses = operation["responses"]
        for code in self._error_codes(operation):
            if str(code) not in responses:
                described = OpenApiResponse(ErrorSerializer, description=ERRORS[code])
                responses[str(code)] = self._get_response_for_code(described, str(code))
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _error_codes(self, operation: dict[str, Any]) -> list[int]:
        parameters = operation.get("parameters", [])
        body = "requestBody" in operation
        codes = [503]
        if body or any(p["in"] == "query" for p in parameters):
            codes.append(400)
        if self.view.get_authenticators():
            codes += [401, 403]
        if any(p["in"] == "path" or p["name"] == "page" for p in parameters):
            codes.append(404)
        if body:
            codes.append(415)
        if self.view.get_throttles():
            codes.append(429)
        return codes
