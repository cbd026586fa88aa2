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

# Read by templates.
_.role_labels  # accounts: invitations, the dashboard, accept_invitation
_.empty  # core.dashboard.Panel, in core/dashboard.html
_.action_url  # same
_.old_label  # directory.transfer's changes, in directory/import.html
_.new_label  # same
_.search_box_html  # directory/directory.html
_.filters_html  # same
_.grouped  # directory.forms.AreaCheckboxes, read by the field template
_.LANGUAGE_CODE  # request.LANGUAGE_CODE, set by accounts' language middleware for templates

# Read by a library, not by our code.
_.get_download_url  # an API serializer's source="get_download_url"
_.max_length  # set on DRF and Django fields; their validators and the schema read it
_.mtime  # tarfile.TarInfo, written into the archive
_.exception_class_path  # django-tasks' result row (the worker-lost path)
_.traceback  # same
_.italic  # python-docx's run property (the review report)
_.memo  # the argument of __deepcopy__, Python's copy protocol
_.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS  # read by django-redis; set only when REDIS_URL is

# Read by the tests only, as part of a result or as an oracle.
_.seats_filled  # reviews.assignment.Solution
_.brute_force  # reviews.assignment, the optimiser's exhaustive oracle for small cases

# --- Removed by other branches, drop at merge ---------------------------------------------
# Dead code of issue 12 that the `reviews`, `caches` and `search` branches remove in their
# areas; listed here so that this branch's lint passes before they merge.
_.start_revision  # reviews
_.suggest_for_open_requests  # reviews
_.feasible_ids  # reviews
_.is_open  # reviews (two properties)
_.add_partnership  # caches
_.keyword_list  # caches
_.accessibility_need_labels  # caches
_.related_area_ids  # search
_.MAX_CANDIDATES  # search: directory/matching.py, unused (not in issue 12's list)
