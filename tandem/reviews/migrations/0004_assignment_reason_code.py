"""Why a reviewer was assigned: a code and its parameters, worded when shown (in the reader's
language). The sentences stored before, in English or in French, are read back into codes; a
sentence that matches neither stays as it was and is shown as stored."""

import re

from django.db import migrations, models

_AFFINITY = (
    r"(?:(?:Knows this disease area|Connaît ce domaine de maladies) \((?P<exact>.*)\)"
    r"|(?:Knows a related disease area|Connaît un domaine de maladies proche) \((?P<related>.*)\)"
    r"|No particular disease-area experience, but free to review"
    r"|Pas d'expérience particulière de ce domaine de maladies, mais disponible pour relire)"
)
SUGGESTED = re.compile(
    _AFFINITY
    + r"\s?;\s(?:(?P<before_en>\d+) open reviews? before this one, of (?P<max_en>\d+) accepted"
    r"|(?P<before_fr>\d+)\srelectures? déjà en cours \(maximum accepté\s?:\s?(?P<max_fr>\d+)\))"
    r"\s?;\s(?:reads (?P<lang_en>French|English), no conflict of interest, available"
    r"|langue lue\s?:\s?(?P<lang_fr>français|anglais), pas de conflit d'intérêts, disponible)\.",
    re.IGNORECASE,
)
PREVIOUS = {"reviewed the previous version.", "a relu la version précédente."}


def parse(text):
    """(code, params) of a stored sentence, or None."""
    text = text.strip()
    if text.lower() in PREVIOUS:
        return "previous_round", {}
    match = SUGGESTED.fullmatch(text)
    if match is None:
        return None
    found = match.groupdict()
    language = (found["lang_en"] or found["lang_fr"] or "").lower()
    return "suggested", {
        "affinity": "exact" if found["exact"] else "related" if found["related"] else "none",
        "area": found["exact"] or found["related"] or "",
        "before": int(found["before_en"] or found["before_fr"]),
        "max": int(found["max_en"] or found["max_fr"]),
        "language": "fr" if language in ("french", "français") else "en",
    }


def to_codes(apps, schema_editor):
    Assignment = apps.get_model("reviews", "Assignment")
    for assignment in Assignment.objects.exclude(reason="").filter(reason_code="").iterator():
        parsed = parse(assignment.reason)
        if parsed is None:
            continue
        assignment.reason_code, assignment.reason_params = parsed
        assignment.reason = ""
        assignment.save(update_fields=["reason", "reason_code", "reason_params"])


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0003_comment_kind_and_severity"),
    ]

    operations = [
        migrations.AddField(
            model_name="assignment",
            name="reason_code",
            field=models.CharField(
                blank=True, max_length=20, verbose_name="why this reviewer (code)"
            ),
        ),
        migrations.AddField(
            model_name="assignment",
            name="reason_params",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="why this reviewer (details)"
            ),
        ),
        migrations.RunPython(to_codes, migrations.RunPython.noop),
    ]
