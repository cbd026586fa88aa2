from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from tandem.accounts import invitation_parts
from tandem.accounts.models import AccessibilityNeed, Language, Role, User
from tandem.core.validators import validate_phone, validate_single_line


class ProfileForm(forms.ModelForm):
    accessibility_needs = forms.MultipleChoiceField(
        label=_("Accessibility needs"),
        choices=AccessibilityNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "We use this to prepare meetings and documents for you. Only staff who organize them see it."
        ),
    )

    class Meta:
        model = User
        fields = [
            "first_name",
            "last_name",
            "language",
            "phone",
            "contact_by_email",
            "contact_by_phone",
            "accessibility_needs",
            "accessibility_notes",
        ]
        widgets = {"accessibility_notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].validators.append(validate_phone)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    first_name = forms.CharField(
        label=_("First name"), max_length=150, required=False, validators=[validate_single_line]
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, required=False, validators=[validate_single_line]
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple
    )
    language = forms.ChoiceField(label=_("Language of the email"), choices=Language.choices)
    message = forms.CharField(
        label=_("Personal message (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, can_grant_admin: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_grant_admin:
            roles = self.fields["roles"]
            assert isinstance(roles, forms.MultipleChoiceField)
            roles.choices = [c for c in Role.choices if c[0] != Role.ADMIN]
        # Other apps' fields (the organization and the role in it), after the roles:
        # invitation_parts.
        own = list(self.fields)
        invitation_parts.add_fields(self)
        added = [name for name in self.fields if name not in own]
        self.order_fields(["email", "first_name", "last_name", "roles", *added])


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"), max_length=150, validators=[validate_single_line]
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, validators=[validate_single_line]
    )
    language = forms.ChoiceField(label=_("Preferred language"), choices=Language.choices)
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters. Avoid common passwords."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords are different."))
        elif p1:
            candidate = User(
                email=self.email,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                validate_password(p1, candidate)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Purpose"),
        max_length=100,
        validators=[validate_single_line],
        help_text=_("What the token is for, for example the name of the script that uses it."),
    )


def confirms_email(typed: str, email: str) -> bool:
    """Erasing an account asks the person to type their email address (the page and the
    API): capitals and surrounding spaces do not matter."""
    return typed.strip().lower() == email.lower()


class EraseForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type your email address to confirm"),
        help_text=_("This cannot be undone."),
    )

    def __init__(self, *args: Any, email: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_confirm(self) -> str:
        value = str(self.cleaned_data["confirm"])
        if not confirms_email(value, self.email):
            raise forms.ValidationError(_("This is not your email address."))
        return value.strip().lower()
