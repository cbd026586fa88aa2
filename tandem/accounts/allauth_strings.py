"""django-allauth's words that Tandem's pages and emails show, translated in Tandem's catalogue
too: allauth's French puts an ordinary space before "?", ":" and "!", which lets the sign
start a line; ours puts the narrow no-break space of French typography. LOCALE_PATHS come
before the apps' catalogues, so these translations win. gettext_noop only marks them for
`make messages`; allauth translates them itself."""

from __future__ import annotations

from django.utils.translation import gettext_noop

ALLAUTH_STRINGS = (
    gettext_noop("Forgot your password?"),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an email "
        "allowing you to reset it."
    ),
    gettext_noop("Enter your password:"),
    gettext_noop("Are you sure you want to sign out?"),
    gettext_noop("Are you sure?"),
    gettext_noop("Do you really want to remove the selected email address?"),
    gettext_noop("The following email addresses are associated with your account:"),
    gettext_noop("Enter an authenticator code:"),
    gettext_noop(
        "Your account is protected by two-factor authentication. Please enter an authenticator "
        "code:"
    ),
    gettext_noop("Warning:"),
    gettext_noop("Messages:"),
    gettext_noop("Menu:"),
    gettext_noop("Hello from %(site_name)s!"),
    gettext_noop("Thank you for using %(site_name)s!\n%(site_domain)s"),
)
