from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension


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
