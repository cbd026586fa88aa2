"""Names that look unused to vulture but are used where it cannot see (scripts/dead_code.py
adds this file to the scan). One name a line, with the reason. Names that every Django or DRF
project has (hooks, Meta options) are in pyproject.toml's [tool.vulture] ignore_names, and
fields, choices and dotted paths in settings are read from Django's registries by
scripts/dead_code.py; what is left is particular to this project."""

from vulture.whitelist_utils import Whitelist

_ = Whitelist()

# Named by a dotted path in a string (not a setting): config/urls.py's error handlers, the
# admin app's default_site.
_.page_not_found
_.permission_denied
_.server_error
_.TandemAdminSite

# Registered by subclassing: drf-spectacular finds its extensions among the subclasses.
_.BearerTokenScheme
_.SecondFactorSessionScheme

# Imported for what importing does (signal receivers connect themselves).
_.signals

# Django's form field hook (called when a bound or initial value is rendered).
_.prepare_value  # directory.forms.StaffField
# DRF's field hook (called when an object is serialized).
_.to_representation  # api.reference.StaffOut
_.read_only_fields  # DRF's ModelSerializer.Meta option (api.checks.LexiconTermSerializer)

# Read by templates.
_.role_labels  # accounts: invitations, the dashboard, accept_invitation
_.empty  # core.dashboard.Panel, in core/dashboard.html
_.action_url  # same
_.old_label  # directory.transfer's changes, in directory/import.html
_.new_label  # same
_.vacant_seats  # governance.queries.CollegeView, in governance/public.html
_.filter_fields  # directory.forms, in directory/_filters.html
_.choose_reviewers  # reviews.presenters.RequestActions, in reviews/request_detail.html
_.edit_report  # same
_.can_prepare  # checks.presenters.PdfState, in checks/_pdf.html
_.grouped  # directory.forms.AreaCheckboxes, read by the field template
_.accessibility_labels  # events.models.Event, in events/event.html
_.accessibility_need_labels  # events.models.Registration, in events/registrations.html, attendance.html
_.error_name  # a form field's name in includes/form_errors.html (checks.forms.CheckForm)
_.register_reason  # events.presenters.EventActions, in events/event.html
_.see_link  # events.presenters' actions, in events/event.html and registration.html
_.next_start  # events.presenters.CatalogueEntry, in events/catalogue.html
_.starts_iso  # events.presenters.CalendarRow, in events/_event_row.html
_.ends_iso  # same
_.several_days  # same
_.completed_on  # events.queries.Prerequisites, in reviews/apply.html and the pool
_.next_event  # same
_.training_done  # set on the pool's profiles by reviews.views.pool, in reviews/pool.html
_.language_labels  # reviews.models.ReviewerProfile, in reviews/pool.html
_.LANGUAGE_CODE  # request.LANGUAGE_CODE, set by accounts' language middleware for templates
_.anchor  # reporting.chart_presenter's Words, in reporting/_chart_words.svg
_.rotated  # same
_.x1  # reporting.chart_presenter's Rule (a line), in reporting/chart.svg
_.y1  # same
_.x2  # same
_.y2  # same
_.box  # reporting.chart_presenter's Bar, in reporting/chart.svg
_.grey  # reporting.chart_presenter's Trace and Key, in reporting/chart.svg
_.dash  # same
_.square  # reporting.chart_presenter's Key (a legend's swatch), in reporting/chart.svg
_.stretch  # same
_.marker  # same
_.title_font  # reporting.chart_presenter's Drawing, in reporting/chart.svg
_.title_line  # same

# Read by a library, not by our code.
_.bold  # python-docx: a run's property, set by scripts/make_word_templates.py
_.input_type  # Django widgets read it to render <input type>
_.allow_multiple_selected  # Django's file input reads it (events.forms.MultipleFileInput)
_.get_download_url  # an API serializer's source="get_download_url"
_.max_length  # set on DRF and Django fields; their validators and the schema read it
_.mtime  # tarfile.TarInfo, written into the archive
_.exception_class_path  # django-tasks' result row (the worker-lost path)
_.traceback  # same
_.italic  # python-docx's run property (the review report)
_.memo  # the argument of __deepcopy__, Python's copy protocol
_.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS  # read by django-redis; set only when REDIS_URL is
_._get_session_from_db  # Django's session store calls it (tandem/core/sessions.py)
_._session_key  # Django's session store's own attribute, reset as its store does

# Called by a data migration (migrations are not scanned).

# Read by the tests only, as part of a result or as an oracle.
_.seats_filled  # reviews.assignment.Solution
_.brute_force  # reviews.assignment, the optimiser's exhaustive oracle for small cases

# Read by `make messages` (makemessages), not by the code: allauth's strings translated in
# Tandem's catalogue with French typography (tandem/accounts/allauth_strings.py).
_.ALLAUTH_STRINGS
