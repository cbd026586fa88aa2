"""The permission matrix, written once: named rules (who gets in, what the others get), and
every page of the URL conf and every operation of the API mapped to one rule and, where the
URL names an object, to the kind of object it names (see world.py).

Adding a page or an endpoint: add its URL name to PAGES (or its operationId to OPERATIONS)
with the rule it follows; add a rule to RULES only when no existing one says it."""

from __future__ import annotations

from dataclasses import dataclass

from conftest import PERSONAS  # the personas of /conftest.py, anonymous first

SIGNED_IN = frozenset(PERSONAS) - {"anonymous"}
WITH_A_ROLE = SIGNED_IN - {"outsider"}

# What a request may answer. OK: not refused (2xx, a redirect elsewhere than the sign-in, or a
# complaint about the empty body sent: 400, 409, 410, 422). LOGIN: sent to a sign-in page.
# API_ANONYMOUS: 401 or 403. REFUSED: 403, 404 or sent to sign in (the admin's own ways).
# ANY: whatever the page decides for itself, short of a crash. OK_OR_404: OK, or 404 when the
# person has no such thing (a second factor's pages).
OK, LOGIN, API_ANONYMOUS, REFUSED = "ok", "login", "401/403", "refused"
ANY, OK_OR_404 = "any", "ok or 404"


@dataclass(frozen=True)
class Rule:
    """`own`: the signed-in personas let in (on a page without an object, or on their own
    object); `others`: those let in on strangers' objects (default: as `own`). Those let in get
    `answer`; everyone else signed in gets `denied` (404 where the object's existence is
    confidential); the anonymous visitor gets `anonymous`."""

    own: frozenset[str]
    others: frozenset[str] | None = None
    denied: int | str = 403
    anonymous: int | str = LOGIN
    answer: str = OK

    def expect(self, persona: str, whose: str) -> int | str:
        if persona == "anonymous":
            return self.anonymous
        allowed = self.own if whose == "own" or self.others is None else self.others
        return self.answer if persona in allowed else self.denied


def _(*names: str) -> frozenset[str]:
    return frozenset(names)


DIRECTORY_STAFF = _("officer", "admin_user")
COORDINATORS = _("coordinator", "admin_user")
GRAM_AREA = _("gram_member", "director", "officer", "admin_user")
NOBODY = _()
PROPOSERS = _("member", "reviewer", "researcher", "officer", "admin_user")
PORTFOLIO = _("gram_member", "director", "officer", "admin_user")

RULES: dict[str, Rule] = {
    "public": Rule(SIGNED_IN, anonymous=OK),
    "sign-in pages": Rule(SIGNED_IN, anonymous=OK),  # signed-in people are sent on
    # A step of signing in: sent back to sign in when none is under way, 404 for a wrong key.
    "sign-in steps": Rule(SIGNED_IN, anonymous=ANY, answer=ANY),
    "one's own second factor": Rule(SIGNED_IN, answer=OK_OR_404),
    "signed in": Rule(SIGNED_IN),
    "holds a role": Rule(WITH_A_ROLE),
    "administrators": Rule(_("admin_user")),
    "officers and administrators": Rule(DIRECTORY_STAFF),
    "coordinators": Rule(COORDINATORS),
    "coordinators, found or not": Rule(COORDINATORS, denied=404),
    "lexicon curators": Rule(_("coordinator", "officer", "admin_user")),
    "organization members and researchers": Rule(
        _("member", "reviewer", "researcher", "officer", "admin_user")
    ),
    "researchers": Rule(_("researcher")),
    "researchers and directory staff": Rule(_("researcher", "officer", "admin_user")),
    "submitters": Rule(_("researcher", "coordinator", "admin_user")),
    "college applicants": Rule(_("member", "reviewer")),
    "reviewers": Rule(_("reviewer")),
    "technical staff": Rule(NOBODY, denied=REFUSED),  # no persona is_staff
    "no such address": Rule(NOBODY, denied=404, anonymous=404),
    # Objects: own or not.
    "owner only": Rule(SIGNED_IN, NOBODY, denied=404),
    "organization readers": Rule(
        _("member", "reviewer") | DIRECTORY_STAFF, DIRECTORY_STAFF, denied=404, anonymous=404
    ),
    "organization members": Rule(
        _("member", "reviewer") | DIRECTORY_STAFF, DIRECTORY_STAFF, denied=404
    ),
    "organization admins": Rule(_("member", "reviewer") | DIRECTORY_STAFF, DIRECTORY_STAFF, 404),
    "request readers": Rule(_("researcher", "reviewer") | COORDINATORS, COORDINATORS, denied=404),
    "request authors": Rule(_("researcher"), NOBODY, denied=404),
    "request authors and coordinators": Rule(
        _("researcher") | COORDINATORS, COORDINATORS, denied=404
    ),
    "assigned reviewer": Rule(_("reviewer"), NOBODY, denied=404),
    # events: a registration or a claim is its person's; officers see (not act on) everyone's
    "person and events officers": Rule(SIGNED_IN, DIRECTORY_STAFF, denied=404),
    # The API's own answers to anonymous callers.
    "api: public": Rule(SIGNED_IN, anonymous=OK),
    "api: signed in": Rule(SIGNED_IN, anonymous=API_ANONYMOUS),
    "api: person and events officers": Rule(
        SIGNED_IN, DIRECTORY_STAFF, denied=404, anonymous=API_ANONYMOUS
    ),
    "api: holds a role": Rule(WITH_A_ROLE, anonymous=API_ANONYMOUS),
    "api: organization members and researchers": Rule(
        _("member", "reviewer", "researcher", "officer", "admin_user"), anonymous=API_ANONYMOUS
    ),
    "api: officers and administrators": Rule(DIRECTORY_STAFF, anonymous=API_ANONYMOUS),
    "api: administrators": Rule(_("admin_user"), anonymous=API_ANONYMOUS),
    "api: researchers and directory staff": Rule(
        _("researcher", "officer", "admin_user"), anonymous=API_ANONYMOUS
    ),
    "api: submitters": Rule(_("researcher", "coordinator", "admin_user"), anonymous=API_ANONYMOUS),
    "api: coordinators, found or not": Rule(COORDINATORS, denied=404, anonymous=API_ANONYMOUS),
    "api: organization readers": Rule(
        _("member", "reviewer") | DIRECTORY_STAFF, DIRECTORY_STAFF, denied=404, anonymous=404
    ),
    "api: organization admins": Rule(
        _("member", "reviewer") | DIRECTORY_STAFF, DIRECTORY_STAFF, 404, API_ANONYMOUS
    ),
    "api: request readers": Rule(
        _("researcher", "reviewer") | COORDINATORS, COORDINATORS, 404, API_ANONYMOUS
    ),
    "api: request authors and coordinators": Rule(
        _("researcher") | COORDINATORS, COORDINATORS, 404, API_ANONYMOUS
    ),
    "api: assigned reviewer": Rule(_("reviewer"), NOBODY, 404, API_ANONYMOUS),
    "api: owner only": Rule(SIGNED_IN, NOBODY, denied=404, anonymous=API_ANONYMOUS),
    "api: lexicon curators": Rule(
        _("coordinator", "officer", "admin_user"), anonymous=API_ANONYMOUS
    ),
    "api: request authors": Rule(_("researcher"), NOBODY, 404, API_ANONYMOUS),
    "api: researchers": Rule(_("researcher"), anonymous=API_ANONYMOUS),
    "api: reviewers": Rule(_("reviewer"), anonymous=API_ANONYMOUS),
    # The GRAM: membership by mandate (world.py seats the persona `gram_member`).
    "gram members area": Rule(GRAM_AREA),
    "gram members area, found or not": Rule(GRAM_AREA, denied=404, anonymous=404),
    "gram members": Rule(_("gram_member")),
    "gram members and secretariat": Rule(_("gram_member") | DIRECTORY_STAFF),
    "a gram draft's author": Rule(_("gram_member"), others=NOBODY),
    "gram action followers": Rule(_("director") | DIRECTORY_STAFF),
    "directors": Rule(_("director")),
    "api: gram members area": Rule(GRAM_AREA, anonymous=API_ANONYMOUS),
    "api: gram members area, found or not": Rule(GRAM_AREA, denied=404, anonymous=API_ANONYMOUS),
    # Minutes' files: the members' area reads every minutes, anyone (no token) the public ones.
    "api: gram minutes readers": Rule(GRAM_AREA, denied=404, anonymous=404),
    "api: gram members": Rule(_("gram_member"), anonymous=API_ANONYMOUS),
    "api: a gram draft's author": Rule(
        _("gram_member"), others=NOBODY, denied=REFUSED, anonymous=API_ANONYMOUS
    ),
    # Found (404 outside the members' area) and then allowed (403 for the others).
    "api: gram secretariat, in the area": Rule(
        DIRECTORY_STAFF, denied=REFUSED, anonymous=API_ANONYMOUS
    ),
    "api: gram members, in the area": Rule(
        _("gram_member"), denied=REFUSED, anonymous=API_ANONYMOUS
    ),
    "api: gram members and secretariat, in the area": Rule(
        _("gram_member") | DIRECTORY_STAFF, denied=REFUSED, anonymous=API_ANONYMOUS
    ),
    "api: gram directors, in the area": Rule(
        _("director"), denied=REFUSED, anonymous=API_ANONYMOUS
    ),
    "api: gram action followers, in the area": Rule(
        _("director") | DIRECTORY_STAFF, denied=REFUSED, anonymous=API_ANONYMOUS
    ),
    "api: gram action followers": Rule(_("director") | DIRECTORY_STAFF, anonymous=API_ANONYMOUS),
    # The incubator (participatory research).
    "incubator: proposers": Rule(PROPOSERS),
    "incubator: portfolio readers": Rule(PORTFOLIO),
    "incubator: project readers": Rule(SIGNED_IN, PORTFOLIO, denied=404),
    "incubator: project participants": Rule(SIGNED_IN, DIRECTORY_STAFF, denied=REFUSED),
    # A project's inside (timeline, its documents, contributions): participants and officers;
    # whoever else may open the project gets 404 for it (`queries.projects_inside`).
    "incubator: project inside": Rule(SIGNED_IN, DIRECTORY_STAFF, denied=404),
    "incubator: project proposer and officers": Rule(PROPOSERS, DIRECTORY_STAFF, denied=REFUSED),
    "incubator: project followers": Rule(WITH_A_ROLE, PORTFOLIO, denied=REFUSED),
    "incubator: project officers": Rule(DIRECTORY_STAFF, denied=REFUSED),
    "incubator: support readers": Rule(SIGNED_IN, DIRECTORY_STAFF, denied=404),
    "incubator: support officers": Rule(DIRECTORY_STAFF, denied=REFUSED),
    "incubator: members' resource": Rule(WITH_A_ROLE, denied=404, anonymous=404),
    "incubator: library officers": Rule(DIRECTORY_STAFF, denied=REFUSED),
    "incubator: group members": Rule(SIGNED_IN, DIRECTORY_STAFF, denied=404),
    "incubator: group runners": Rule(DIRECTORY_STAFF, denied=REFUSED),
    "api: incubator proposers": Rule(PROPOSERS, anonymous=API_ANONYMOUS),
    "api: incubator project readers": Rule(SIGNED_IN, PORTFOLIO, 404, API_ANONYMOUS),
    "api: incubator officers": Rule(DIRECTORY_STAFF, denied=REFUSED, anonymous=API_ANONYMOUS),
    "api: incubator support readers": Rule(SIGNED_IN, DIRECTORY_STAFF, 404, API_ANONYMOUS),
    "api: incubator project participants": Rule(SIGNED_IN, DIRECTORY_STAFF, 404, API_ANONYMOUS),
    "api: incubator project followers": Rule(
        WITH_A_ROLE, PORTFOLIO, denied=REFUSED, anonymous=API_ANONYMOUS
    ),
    "api: incubator members' resource": Rule(WITH_A_ROLE, denied=404, anonymous=404),
    "api: incubator project proposer and officers": Rule(
        PROPOSERS, DIRECTORY_STAFF, denied=REFUSED, anonymous=API_ANONYMOUS
    ),
    "api: incubator group members": Rule(SIGNED_IN, DIRECTORY_STAFF, 404, API_ANONYMOUS),
    # Reporting: the indicators (officers, the GRAM, the director, administrators).
    "indicator readers": Rule(PORTFOLIO),
    "api: indicator readers": Rule(PORTFOLIO, anonymous=API_ANONYMOUS),
    # The activity report's PDF: 404 until one is made.
    "api: indicator readers, made or 404": Rule(
        PORTFOLIO, anonymous=API_ANONYMOUS, answer=OK_OR_404
    ),
}


@dataclass(frozen=True)
class Entry:
    rule: str
    obj: str | None = None  # a kind of world.py; None: the URL names no object


# Every URL name of the URL conf (unnamed patterns by their route); the API's are in OPERATIONS.
PAGES: dict[str, Entry] = {
    "healthz": Entry("public"),
    "^api/": Entry("no such address"),  # the API's JSON 404 for any other address
    "api-schema": Entry("public"),
    "api-docs": Entry("public"),
    # core
    "core:home": Entry("public"),
    "core:about_check": Entry("public"),
    "core:about_college": Entry("public"),
    "core:accessibility": Entry("public"),
    "core:contact": Entry("public"),
    "core:legal": Entry("public"),
    "core:privacy": Entry("public"),
    "favicon": Entry("public"),
    "core:dashboard": Entry("signed in"),
    "core:set_language": Entry("public"),
    "core:notifications": Entry("signed in"),
    "core:notifications_read_all": Entry("signed in"),
    "core:notification": Entry("owner only", "notification"),
    "core:outbox": Entry("administrators"),
    "core:outbox_message": Entry("administrators", "outbox"),
    "core:action_log": Entry("officers and administrators"),
    # accounts
    "accounts:profile": Entry("signed in"),
    "accounts:export_data": Entry("signed in"),
    "accounts:erase": Entry("signed in"),
    "accounts:tokens": Entry("signed in"),
    "accounts:revoke_token": Entry("owner only", "token"),
    "accounts:people": Entry("administrators"),
    "accounts:person_roles": Entry("administrators", "person"),
    "accounts:invitations": Entry("officers and administrators"),
    "accounts:revoke_invitation": Entry("officers and administrators", "invitation"),
    "accounts:accept_invitation": Entry("sign-in pages", "invitation_token"),
    # directory
    "directory:directory": Entry("public"),
    "directory:register": Entry("organization members and researchers"),
    "directory:mine": Entry("signed in"),
    "directory:organization": Entry("organization readers", "org"),
    "directory:edit": Entry("organization admins", "org"),
    "directory:members": Entry("organization admins", "org"),
    "directory:remove_member": Entry("organization admins", "membership"),
    "directory:research": Entry("organization members", "org"),
    "directory:change_status": Entry("officers and administrators", "org"),
    "directory:merge": Entry("officers and administrators", "org"),
    "directory:queue": Entry("officers and administrators"),
    "directory:researcher_profile": Entry("researchers"),
    "directory:find_partners": Entry("researchers and directory staff"),
    "directory:unit": Entry("public", "unit"),  # public fields only (issue 14, point 7)
    "directory:health": Entry("signed in"),
    "directory:delete_health": Entry("signed in"),
    "directory:reference": Entry("officers and administrators"),
    "directory:reference_new": Entry("officers and administrators", "reference_kind"),
    "directory:reference_edit": Entry("officers and administrators", "reference"),
    "directory:export": Entry("officers and administrators", "export"),
    "directory:import": Entry("officers and administrators"),
    "directory:confirm_import": Entry("officers and administrators"),
    # clarity checks
    "checks:check": Entry("signed in"),
    "checks:history": Entry("signed in"),
    "checks:lexicon": Entry("lexicon curators"),
    "checks:retire_term": Entry("lexicon curators", "term"),
    "checks:report": Entry("owner only", "check"),
    "checks:status": Entry("owner only", "check"),
    "checks:report_json": Entry("owner only", "check"),
    "checks:report_pdf": Entry("owner only", "check"),
    "checks:prepare_pdf": Entry("owner only", "check"),
    "checks:compare": Entry("owner only", "check_pair"),
    "checks:delete": Entry("owner only", "check"),
    # the College of Reviewers
    "reviews:my_requests": Entry("signed in"),
    "reviews:new": Entry("submitters"),
    "reviews:queue": Entry("coordinators"),
    "reviews:metrics": Entry("coordinators"),
    "reviews:pool": Entry("coordinators"),
    "reviews:profile": Entry("coordinators", "profile"),
    "reviews:apply": Entry("college applicants"),
    "reviews:my_assignments": Entry("reviewers"),
    "reviews:history": Entry("reviewers"),
    "reviews:my_profile": Entry("reviewers"),
    "reviews:certificate": Entry("reviewers"),
    "reviews:workspace": Entry("assigned reviewer", "assignment"),
    "reviews:accept": Entry("assigned reviewer", "assignment"),
    "reviews:decline": Entry("assigned reviewer", "assignment"),
    "reviews:add_comment": Entry("assigned reviewer", "assignment"),
    "reviews:delete_comment": Entry("assigned reviewer", "assignment_comment"),
    "reviews:grid": Entry("assigned reviewer", "assignment"),
    "reviews:send_review": Entry("assigned reviewer", "assignment"),
    "reviews:dismiss": Entry("coordinators, found or not", "assignment"),
    "reviews:version": Entry("request readers", "version"),
    "reviews:download": Entry("request readers", "version"),
    "reviews:answer": Entry("request authors", "comment"),
    "reviews:request": Entry("request readers", "request"),
    "reviews:upload": Entry("request authors", "request"),
    "reviews:submit": Entry("request authors", "request"),
    "reviews:triage": Entry("coordinators, found or not", "request"),
    "reviews:assign": Entry("coordinators, found or not", "request"),
    "reviews:consolidate": Entry("coordinators, found or not", "request"),
    "reviews:report": Entry("request authors and coordinators", "request"),
    "reviews:report_docx": Entry("request authors and coordinators", "request"),
    "reviews:report_pdf": Entry("request authors and coordinators", "request"),
    "reviews:report_annotated": Entry("request authors and coordinators", "request_kind"),
    "reviews:compare": Entry("request readers", "request_kind"),
    "reviews:new_round": Entry("coordinators, found or not", "request"),
    "reviews:close": Entry("coordinators, found or not", "request"),
    # events and training
    "events:calendar": Entry("public"),
    "events:catalogue": Entry("public"),
    "events:course": Entry("public", "course"),
    "events:event": Entry("public", "event"),
    "events:event_ics": Entry("public", "event"),
    "events:feed": Entry("public", "feed"),
    "events:register": Entry("signed in", "event"),
    "events:mine": Entry("signed in"),
    "events:renew_feed": Entry("signed in"),
    "events:propose": Entry("researchers"),
    "events:registration": Entry("person and events officers", "registration"),
    "events:confirm": Entry("owner only", "registration"),
    "events:cancel": Entry("owner only", "registration"),
    "events:certificate": Entry("owner only", "attended"),
    "events:certificate_download": Entry("owner only", "attended_docx"),
    "events:feedback": Entry("owner only", "attended"),
    "events:claims": Entry("signed in"),
    "events:claim": Entry("person and events officers", "claim"),
    "events:receipt": Entry("person and events officers", "receipt"),
    "events:decide_claim": Entry("officers and administrators", "claim"),
    "events:claims_export": Entry("officers and administrators"),
    "events:manage": Entry("officers and administrators"),
    "events:new_event": Entry("officers and administrators"),
    "events:edit_event": Entry("officers and administrators", "event"),
    "events:capacity": Entry("officers and administrators", "event"),
    "events:decide": Entry("officers and administrators", "event"),
    "events:cancel_event": Entry("officers and administrators", "event"),
    "events:registrations": Entry("officers and administrators", "event"),
    "events:attendance": Entry("officers and administrators", "event"),
    "events:new_course": Entry("officers and administrators"),
    "events:edit_course": Entry("officers and administrators", "course"),
    "reviews:edit": Entry("request authors", "request"),
    "reviews:delete": Entry("request authors", "request"),
    "reviews:withdraw": Entry("request authors", "request"),
    # the incubator (participatory research)
    "incubator:home": Entry("public"),
    "incubator:public_project": Entry("public", "public_project"),
    "incubator:public_group": Entry("public", "public_group"),
    "incubator:projects": Entry("signed in"),
    "incubator:propose": Entry("incubator: proposers"),
    "incubator:project": Entry("incubator: project readers", "project"),
    "incubator:project_edit": Entry("incubator: project proposer and officers", "project"),
    "incubator:project_add_partner": Entry("incubator: project proposer and officers", "project"),
    "incubator:project_move": Entry("incubator: project officers", "project"),
    "incubator:project_checklist": Entry("incubator: project officers", "project"),
    "incubator:project_follow_up": Entry("incubator: project officers", "project"),
    "incubator:project_follow": Entry("incubator: project followers", "project"),
    "incubator:project_add_entry": Entry("incubator: project participants", "project"),
    "incubator:project_add_milestone": Entry("incubator: project officers", "project"),
    "incubator:project_add_researcher": Entry("incubator: project officers", "project"),
    "incubator:project_publish": Entry("incubator: project officers", "project"),
    "incubator:project_add_contribution": Entry("incubator: project officers", "project"),
    "incubator:generate_agreement": Entry("incubator: project officers", "project"),
    "incubator:entry_file": Entry("incubator: project inside", "timeline_entry"),
    "incubator:milestone_done": Entry("incubator: project officers", "milestone"),
    "incubator:portfolio": Entry("incubator: portfolio readers"),
    "incubator:contributions": Entry("signed in"),
    "incubator:support_requests": Entry("signed in"),
    "incubator:support_new": Entry("holds a role"),
    "incubator:queue": Entry("officers and administrators"),
    "incubator:support_request": Entry("incubator: support readers", "support"),
    "incubator:support_take": Entry("incubator: support officers", "support"),
    "incubator:support_move": Entry("incubator: support officers", "support"),
    "incubator:support_assign": Entry("incubator: support officers", "support"),
    "incubator:library": Entry("public"),
    # reporting: an organization's involvement (its admins; any for the department's staff)
    "reporting:involvement": Entry("organization admins", "org"),
    "reporting:involvement_download": Entry("organization admins", "org_docx"),
    "incubator:resource_new": Entry("officers and administrators"),
    "incubator:resource": Entry("incubator: members' resource", "resource"),
    "incubator:resource_download": Entry("incubator: members' resource", "resource_version"),
    "incubator:resource_edit": Entry("incubator: library officers", "resource"),
    "incubator:resource_version_new": Entry("incubator: library officers", "resource"),
    "incubator:agreement": Entry("incubator: project participants", "agreement"),
    "incubator:agreement_download": Entry("incubator: project participants", "agreement_version"),
    "incubator:agreement_signed_copy": Entry("incubator: project participants", "agreement"),
    "incubator:agreement_sign": Entry("incubator: project officers", "agreement"),
    "incubator:agreement_store_copy": Entry("incubator: project officers", "agreement"),
    "incubator:groups": Entry("signed in"),
    "incubator:group_new": Entry("officers and administrators"),
    "incubator:group": Entry("incubator: group members", "group"),
    "incubator:group_post": Entry("incubator: group members", "group"),
    "incubator:group_add_member": Entry("incubator: group runners", "group"),
    "incubator:group_publish": Entry("incubator: group runners", "group"),
    "incubator:post_file": Entry("incubator: group members", "group_post"),
    "incubator:group_meeting_new": Entry("incubator: group runners", "group"),
    "incubator:project_meeting_new": Entry("incubator: project officers", "project"),
    # allauth: signing in, and one's own account and second factor
    "account_login": Entry("sign-in pages"),
    "account_logout": Entry("sign-in pages"),
    "account_inactive": Entry("sign-in pages"),
    "account_signup": Entry("sign-in pages"),
    "account_reauthenticate": Entry("signed in"),
    "account_request_reauthentication_code": Entry("signed in"),
    "account_confirm_reauthentication_code": Entry("signed in"),
    "account_email": Entry("signed in"),
    "account_email_verification_sent": Entry("sign-in pages"),
    "account_change_password": Entry("signed in"),
    "account_set_password": Entry("signed in"),
    "account_reset_password": Entry("sign-in pages"),
    "account_confirm_login_code": Entry("sign-in steps"),
    "account_confirm_email": Entry("sign-in steps", "email_key"),
    "account_reset_password_from_key_done": Entry("sign-in pages"),
    "account_reset_password_from_key": Entry("sign-in steps", "reset_key"),
    "account_reset_password_done": Entry("sign-in pages"),
    "mfa_index": Entry("signed in"),
    "mfa_authenticate": Entry("sign-in steps"),
    "mfa_reauthenticate": Entry("signed in"),
    "mfa_activate_totp": Entry("signed in"),
    "mfa_deactivate_totp": Entry("one's own second factor"),
    "mfa_view_recovery_codes": Entry("one's own second factor"),
    "mfa_generate_recovery_codes": Entry("one's own second factor"),
    "mfa_download_recovery_codes": Entry("one's own second factor"),
    # the technical admin: its own views; the models' views are added from its registry
    "admin:index": Entry("technical staff"),
    # No sign-in of its own: sent to the site's (with its throttle and second factor).
    "admin:login": Entry("technical staff"),
    "admin:logout": Entry("sign-in steps"),
    "admin:password_change": Entry("technical staff"),
    "admin:password_change_done": Entry("technical staff"),
    "admin:autocomplete": Entry("technical staff"),
    "admin:jsi18n": Entry("technical staff"),
    "admin:view_on_site": Entry("technical staff", "admin_site_object"),
    "admin:app_list": Entry("technical staff", "admin_app"),
    "admin/(?P<url>.*)$": Entry("technical staff"),
    # the GRAM
    "governance:public": Entry("public"),
    "governance:calendar_feed": Entry("public"),
    "governance:body": Entry("officers and administrators"),
    "governance:change_quota": Entry("officers and administrators"),
    "governance:appoint": Entry("officers and administrators"),
    "governance:renew": Entry("officers and administrators", "gram_mandate"),
    "governance:end_mandate": Entry("officers and administrators", "gram_mandate"),
    "governance:adopt_quorum_rule": Entry("officers and administrators"),
    "governance:meetings": Entry("gram members area"),
    "governance:plan_year": Entry("officers and administrators"),
    "governance:new_meeting": Entry("officers and administrators"),
    "governance:meeting": Entry("gram members area", "gram_meeting"),
    "governance:meeting_calendar": Entry("gram members area", "gram_meeting"),
    "governance:meeting_transition": Entry("officers and administrators", "gram_meeting_verb"),
    "governance:add_item": Entry("gram members and secretariat", "gram_meeting"),
    "governance:add_document": Entry("officers and administrators", "gram_meeting"),
    "governance:answer_convocation": Entry("gram members", "gram_meeting"),
    "governance:give_proxy": Entry("gram members", "gram_meeting"),
    "governance:check_in": Entry("officers and administrators", "gram_meeting"),
    "governance:withdraw_proxy": Entry("gram members", "gram_proxy"),
    "governance:document": Entry("gram members area", "gram_document"),
    "governance:declare_conflict": Entry("gram members", "gram_item"),
    "governance:open_vote": Entry("officers and administrators", "gram_item"),
    "governance:vote": Entry("gram members area", "gram_vote"),
    "governance:cast_ballot": Entry("gram members", "gram_vote"),
    "governance:record_ballot": Entry("officers and administrators", "gram_vote"),
    "governance:close_vote": Entry("officers and administrators", "gram_vote"),
    "governance:draft_minutes": Entry("officers and administrators", "gram_meeting"),
    "governance:minutes": Entry("gram members area, found or not", "gram_minutes"),
    "governance:minutes_compare": Entry("gram members area, found or not", "gram_minutes"),
    "governance:minutes_pdf": Entry("gram members area, found or not", "gram_minutes"),
    "governance:amend_minutes": Entry("gram members", "gram_minutes"),
    "governance:approve_minutes": Entry("officers and administrators", "gram_minutes"),
    "governance:minutes_items": Entry("officers and administrators", "gram_minutes"),
    "governance:decide_amendment": Entry("officers and administrators", "gram_amendment"),
    "governance:proposals": Entry("public"),
    "governance:new_proposal": Entry("gram members"),
    "governance:proposal": Entry("gram members area, found or not", "gram_proposal"),
    "governance:cosign": Entry("gram members", "gram_proposal"),
    "governance:edit_proposal": Entry("a gram draft's author", "gram_draft"),
    "governance:schedule": Entry("officers and administrators", "gram_proposal"),
    "governance:transmit": Entry("officers and administrators", "gram_proposal"),
    "governance:answer_proposal": Entry("directors", "gram_proposal"),
    "governance:add_action": Entry("gram action followers", "gram_proposal"),
    "governance:update_action": Entry("gram action followers", "gram_action"),
    "governance:minutes_docx": Entry("gram members area, found or not", "gram_minutes"),
    "governance:replace_document": Entry("officers and administrators", "gram_document"),
    "governance:comment_document": Entry("gram members area", "gram_document"),
    "governance:report": Entry("gram members area"),
    "governance:report_year": Entry("gram members area", "gram_year"),
    "governance:report_docx": Entry("gram members area", "gram_year"),
    "governance:report_pdf": Entry("gram members area", "gram_year"),
    # reporting: the dashboard of indicators, its tables and the yearly report
    "reporting:dashboard": Entry("indicator readers"),
    "reporting:tables_xlsx": Entry("indicator readers"),
    "reporting:table_csv": Entry("indicator readers", "indicator"),
    "reporting:table_xlsx": Entry("indicator readers", "indicator"),
    "reporting:activity_report": Entry("indicator readers", "activity_report"),
    "reporting:chart": Entry("indicator readers", "indicator"),
    "reporting:chart_narrow": Entry("indicator readers", "indicator"),
    "reporting:prepare_report_pdf": Entry("indicator readers", "report_year"),
}

# Each model of the admin's registry brings these views, and an unnamed `<object_id>/`.
ADMIN_MODEL_VIEWS = {
    "changelist": None,
    "add": None,
    "history": "admin_object",
    "delete": "admin_object",
    "change": "admin_object",
}
ADMIN_RULE = "technical staff"

# Every operation of the OpenAPI schema, by operationId.
OPERATIONS: dict[str, Entry] = {
    "auth_token_create": Entry("api: public"),
    "me_retrieve": Entry("api: signed in"),
    "me_partial_update": Entry("api: signed in"),
    "me_personal_data": Entry("api: signed in"),
    "me_erase": Entry("api: signed in"),  # the empty body confirms nothing: 400
    "me_tokens_list": Entry("api: signed in"),
    "me_tokens_revoke_create": Entry("api: owner only", "token"),
    "people_list": Entry("api: administrators"),
    "people_roles_retrieve": Entry("api: administrators", "person"),
    "people_roles_update": Entry("api: administrators", "person"),
    "invitations_list": Entry("api: officers and administrators"),
    "invitations_create": Entry("api: officers and administrators"),
    "invitations_revoke_create": Entry("api: officers and administrators", "invitation"),
    "clarity_create": Entry("api: signed in"),
    "checks_list": Entry("api: signed in"),
    "checks_retrieve": Entry("api: owner only", "check"),
    "checks_destroy": Entry("api: owner only", "check"),
    "checks_report_json": Entry("api: owner only", "check"),
    "checks_report_pdf": Entry("api: owner only", "check"),
    "checks_pdf_status": Entry("api: owner only", "check_pdf"),
    "checks_pdf_request": Entry("api: owner only", "check_pdf"),
    "checks_create": Entry("api: signed in"),
    "checks_compare": Entry("api: owner only", "check_pair"),
    "lexicon_list": Entry("api: lexicon curators"),
    "lexicon_create": Entry("api: lexicon curators"),
    "lexicon_retire": Entry("api: lexicon curators", "term"),
    "disease_areas_list": Entry("api: public"),
    "disease_areas_create": Entry("api: officers and administrators"),
    "disease_areas_retrieve": Entry("api: public", "area"),
    "disease_areas_partial_update": Entry("api: officers and administrators", "area"),
    "match_create": Entry("api: researchers and directory staff"),
    "organizations_list": Entry("api: public"),
    "organizations_create": Entry("api: organization members and researchers"),
    "organizations_retrieve": Entry("api: organization readers", "org"),
    "organizations_partial_update": Entry("api: organization admins", "org"),
    "organizations_transition_create": Entry("api: officers and administrators", "org"),
    "institutes_list": Entry("api: holds a role"),
    "institutes_create": Entry("api: officers and administrators"),
    "institutes_retrieve": Entry("api: holds a role", "institute"),
    "institutes_partial_update": Entry("api: officers and administrators", "institute"),
    "regional_offices_list": Entry("api: holds a role"),
    "regional_offices_create": Entry("api: officers and administrators"),
    "regional_offices_retrieve": Entry("api: holds a role", "office"),
    "regional_offices_partial_update": Entry("api: officers and administrators", "office"),
    "research_units_list": Entry("api: public"),
    "research_units_create": Entry("api: officers and administrators"),
    "research_units_retrieve": Entry("api: public", "unit"),
    "research_units_partial_update": Entry("api: officers and administrators", "unit"),
    "researchers_list": Entry("api: holds a role"),
    "review_requests_list": Entry("api: signed in"),
    "review_requests_create": Entry("api: submitters"),
    "review_requests_retrieve": Entry("api: request readers", "request"),
    "review_requests_assignments_retrieve": Entry("api: coordinators, found or not", "request"),
    "review_requests_assignments_create": Entry("api: coordinators, found or not", "request"),
    "review_requests_report_retrieve": Entry("api: request authors and coordinators", "request"),
    "assignments_list": Entry("api: signed in"),
    "assignments_accept_create": Entry("api: assigned reviewer", "assignment"),
    "assignments_decline_create": Entry("api: assigned reviewer", "assignment"),
    "assignments_review_create": Entry("api: assigned reviewer", "assignment"),
    "events_list": Entry("api: public"),
    "courses_list": Entry("api: public"),
    "courses_retrieve": Entry("api: public", "course"),
    "events_create": Entry("api: officers and administrators"),
    "events_retrieve": Entry("api: public", "event"),
    "events_partial_update": Entry("api: officers and administrators", "event"),
    "events_registrations_create": Entry("api: signed in", "event"),
    "events_registrations_list": Entry("api: officers and administrators", "event"),
    "registrations_destroy": Entry("api: owner only", "registration"),
    "registrations_confirmation_create": Entry("api: owner only", "registration"),
    "registrations_feedback_create": Entry("api: owner only", "attended"),
    "registrations_certificate_retrieve": Entry("api: owner only", "attended_docx"),
    "events_lab_meetings_create": Entry("api: researchers"),
    "events_decision_create": Entry("api: officers and administrators", "event"),
    "events_cancellation_create": Entry("api: officers and administrators", "event"),
    "events_attendance_list": Entry("api: officers and administrators", "event"),
    "events_attendance_create": Entry("api: officers and administrators", "event"),
    "me_registrations_list": Entry("api: signed in"),
    "me_calendar_feed_retrieve": Entry("api: signed in"),
    "me_calendar_feed_create": Entry("api: signed in"),
    "expense_claims_list": Entry("api: signed in"),
    "expense_claims_create": Entry("api: signed in"),
    "expense_claims_retrieve": Entry("api: person and events officers", "claim"),
    "expense_claims_decision_create": Entry("api: officers and administrators", "claim"),
    "expense_claims_receipts_file_retrieve": Entry("api: person and events officers", "receipt"),
    "assignments_retrieve": Entry("api: assigned reviewer", "assignment"),
    "assignments_grid_update": Entry("api: assigned reviewer", "assignment"),
    "assignments_comments_create": Entry("api: assigned reviewer", "assignment"),
    "assignments_dismiss_create": Entry("api: coordinators, found or not", "assignment"),
    "review_comments_destroy": Entry("api: assigned reviewer", "comment"),
    "review_comments_answer_create": Entry("api: request authors", "comment"),
    "document_versions_retrieve": Entry("api: request readers", "version"),
    "document_versions_download_retrieve": Entry("api: request readers", "version"),
    "review_requests_partial_update": Entry("api: request authors", "request"),
    "review_requests_destroy": Entry("api: request authors", "request"),
    "review_requests_send_create": Entry("api: request authors", "request"),
    "review_requests_documents_create": Entry("api: request authors", "request"),
    "review_requests_withdraw_create": Entry("api: request authors", "request"),
    "review_requests_triage_create": Entry("api: coordinators, found or not", "request"),
    "review_requests_consolidate_create": Entry("api: coordinators, found or not", "request"),
    "review_requests_report_draft_retrieve": Entry("api: coordinators, found or not", "request"),
    "review_requests_report_draft_partial_update": Entry(
        "api: coordinators, found or not", "request"
    ),
    "review_requests_report_send_create": Entry("api: coordinators, found or not", "request"),
    "review_requests_rounds_create": Entry("api: coordinators, found or not", "request"),
    "review_requests_close_create": Entry("api: coordinators, found or not", "request"),
    "review_requests_comments_list": Entry("api: request authors and coordinators", "request"),
    "review_requests_report_docx": Entry("api: request authors and coordinators", "request"),
    "review_requests_report_pdf": Entry("api: request authors and coordinators", "request"),
    # the GRAM
    "governance_public_retrieve": Entry("api: public"),
    "governance_public_proposals_retrieve": Entry("api: public", "gram_public_proposal"),
    "governance_public_minutes_retrieve": Entry("api: public", "gram_public_minutes"),
    "governance_bodies_list": Entry("api: signed in"),
    "governance_mandates_list": Entry("api: signed in"),
    "governance_mandates_create": Entry("api: officers and administrators"),
    "governance_document_file": Entry("api: gram members area, found or not", "gram_document"),
    "governance_quota_change": Entry("api: officers and administrators", "gram_college"),
    "governance_quorum_rule_adopt": Entry("api: officers and administrators"),
    "governance_mandate_renew": Entry("api: officers and administrators", "gram_mandate"),
    "governance_mandate_end": Entry("api: officers and administrators", "gram_mandate"),
    "governance_meetings_plan": Entry("api: officers and administrators"),
    "governance_proxy_withdraw": Entry("api: gram members", "gram_proxy"),
    "governance_meetings_list": Entry("api: gram members area"),
    "governance_meetings_create": Entry("api: officers and administrators"),
    "governance_meeting_retrieve": Entry("api: gram members area, found or not", "gram_meeting"),
    "governance_meeting_status": Entry("api: gram secretariat, in the area", "gram_meeting"),
    "governance_agenda_create": Entry(
        "api: gram members and secretariat, in the area", "gram_meeting"
    ),
    "governance_attendance_answer": Entry("api: gram members, in the area", "gram_meeting"),
    "governance_attendance_check_in": Entry("api: gram secretariat, in the area", "gram_meeting"),
    "governance_proxies_create": Entry("api: gram members, in the area", "gram_meeting"),
    "governance_conflicts_create": Entry("api: gram members, in the area", "gram_item"),
    "governance_votes_create": Entry("api: gram secretariat, in the area", "gram_item"),
    "governance_vote_retrieve": Entry("api: gram members area, found or not", "gram_vote"),
    "governance_ballots_create": Entry(
        "api: gram members and secretariat, in the area", "gram_vote"
    ),
    "governance_vote_close": Entry("api: gram secretariat, in the area", "gram_vote"),
    "governance_minutes_retrieve": Entry(
        "api: gram members area, found or not", "gram_closed_meeting"
    ),
    "governance_minutes_create": Entry("api: gram secretariat, in the area", "gram_meeting"),
    "governance_amendments_create": Entry("api: gram members, in the area", "gram_minutes"),
    "governance_amendment_decide": Entry("api: gram secretariat, in the area", "gram_amendment"),
    "governance_minutes_approve": Entry("api: gram secretariat, in the area", "gram_minutes"),
    "governance_minutes_items_update": Entry("api: gram secretariat, in the area", "gram_minutes"),
    "governance_proposals_list": Entry("api: signed in"),
    "governance_proposals_create": Entry("api: gram members"),
    "governance_proposal_retrieve": Entry("api: gram members area, found or not", "gram_proposal"),
    "governance_proposal_update": Entry("api: a gram draft's author", "gram_draft"),
    "governance_cosignatures_create": Entry("api: gram members, in the area", "gram_proposal"),
    "governance_proposal_schedule": Entry("api: gram secretariat, in the area", "gram_proposal"),
    "governance_proposal_transmit": Entry("api: gram secretariat, in the area", "gram_proposal"),
    "governance_proposal_answer": Entry("api: gram directors, in the area", "gram_proposal"),
    "governance_actions_create": Entry("api: gram action followers, in the area", "gram_proposal"),
    "governance_action_progress": Entry("api: gram action followers", "gram_action"),
    "governance_report_retrieve": Entry("api: gram members area", "gram_year"),
    "governance_document_create": Entry("api: gram secretariat, in the area", "gram_meeting"),
    "governance_document_version_create": Entry(
        "api: gram secretariat, in the area", "gram_document"
    ),
    "governance_document_comments_list": Entry(
        "api: gram members area, found or not", "gram_document"
    ),
    "governance_document_comment_create": Entry(
        "api: gram members area, found or not", "gram_document"
    ),
    "public_projects_list": Entry("api: public"),
    "public_projects_retrieve": Entry("api: public", "public_project"),
    "public_groups_list": Entry("api: public"),
    "public_groups_retrieve": Entry("api: public", "public_group"),
    "projects_portfolio_retrieve": Entry("api: indicator readers"),
    "projects_list": Entry("api: signed in"),
    "projects_create": Entry("api: incubator proposers"),
    "projects_retrieve": Entry("api: incubator project readers", "project"),
    "projects_stage_create": Entry("api: incubator officers", "project"),
    "projects_partial_update": Entry("api: incubator project proposer and officers", "project"),
    "projects_officer_update": Entry("api: incubator officers", "project"),
    "projects_links_update": Entry("api: incubator officers", "project"),
    "projects_partners_create": Entry("api: incubator project proposer and officers", "project"),
    "projects_researchers_create": Entry("api: incubator officers", "project"),
    "projects_checklist_update": Entry("api: incubator officers", "project"),
    "support_requests_list": Entry("api: signed in"),
    "support_requests_create": Entry("api: holds a role"),
    "support_requests_retrieve": Entry("api: incubator support readers", "support"),
    "support_requests_take_create": Entry("api: incubator officers", "support"),
    "support_requests_status_create": Entry("api: incubator officers", "support"),
    "support_requests_assign_create": Entry("api: incubator officers", "support"),
    "resources_list": Entry("api: public"),
    "resources_create": Entry("api: officers and administrators"),
    "resources_retrieve": Entry("api: incubator members' resource", "resource"),
    "resources_update": Entry("api: incubator officers", "resource"),
    "resources_download_retrieve": Entry("api: incubator members' resource", "resource"),
    "resources_versions_create": Entry("api: incubator officers", "resource"),
    "working_groups_list": Entry("api: signed in"),
    "working_groups_retrieve": Entry("api: incubator group members", "group"),
    "timeline_file_retrieve": Entry("api: incubator project participants", "timeline_entry"),
    "working_group_posts_file_retrieve": Entry("api: incubator group members", "group_post"),
    "working_groups_create": Entry("api: officers and administrators"),
    "working_groups_posts_create": Entry("api: incubator group members", "group"),
    "working_groups_members_list": Entry("api: incubator group members", "group"),
    "working_groups_members_create": Entry("api: incubator officers", "group"),
    "working_groups_publication_create": Entry("api: incubator officers", "group"),
    "working_groups_meetings_list": Entry("api: incubator group members", "group"),
    "working_groups_meetings_create": Entry("api: incubator officers", "group"),
    "projects_meetings_list": Entry("api: incubator project readers", "project"),
    "projects_agreements_list": Entry("api: incubator project participants", "project"),
    "projects_agreements_create": Entry("api: incubator officers", "project"),
    "agreements_retrieve": Entry("api: incubator project participants", "agreement"),
    "agreements_versions_download_retrieve": Entry(
        "api: incubator project participants", "agreement_version"
    ),
    "agreements_signatures_create": Entry("api: incubator officers", "agreement"),
    "agreements_signed_copy_retrieve": Entry("api: incubator project participants", "agreement"),
    "agreements_signed_copy_update": Entry("api: incubator officers", "agreement"),
    "projects_milestones_create": Entry("api: incubator officers", "project"),
    "milestones_done_create": Entry("api: incubator officers", "milestone"),
    "projects_timeline_list": Entry("api: incubator project participants", "project"),
    "projects_timeline_create": Entry("api: incubator project participants", "project"),
    "projects_follow_create": Entry("api: incubator project followers", "project"),
    "projects_follow_destroy": Entry("api: incubator project followers", "project"),
    "projects_publication_create": Entry("api: incubator officers", "project"),
    "projects_contributions_list": Entry("api: incubator project participants", "project"),
    "projects_contributions_create": Entry("api: incubator officers", "project"),
    "projects_meetings_create": Entry("api: incubator officers", "project"),
    "organization_involvement": Entry("api: organization admins", "org"),
    "indicators_list": Entry("api: indicator readers"),
    "activity_report_pdf_status": Entry("api: indicator readers", "report_pdf"),
    "activity_report_pdf_request": Entry("api: indicator readers", "report_pdf"),
    "activity_report_pdf_file": Entry("api: indicator readers, made or 404", "report_pdf"),
    # The pages' downloads through the API.
    "activity_report_docx": Entry("api: indicator readers", "report_pdf"),
    "indicators_chart_svg": Entry("api: indicator readers", "indicator"),
    "indicators_table_csv": Entry("api: indicator readers", "indicator"),
    "indicators_table_xlsx": Entry("api: indicator readers", "indicator"),
    "indicators_tables_xlsx": Entry("api: indicator readers"),
    "governance_minutes_pdf": Entry("api: gram minutes readers", "gram_minutes"),
    "governance_minutes_docx": Entry("api: gram minutes readers", "gram_minutes"),
    "governance_report_docx": Entry("api: gram members area", "gram_year"),
    "governance_report_pdf": Entry("api: gram members area", "gram_year"),
    "governance_meeting_calendar": Entry("api: gram members area, found or not", "gram_meeting"),
    "governance_calendar_feed": Entry("api: public"),
    "events_calendar_file": Entry("api: public", "event"),
    "expense_claims_export": Entry("api: officers and administrators"),
    "reviewer_certificate": Entry("api: reviewers"),
    "organization_involvement_file": Entry("api: organization admins", "org_docx"),
    "organizations_export": Entry("api: officers and administrators", "export"),
}
