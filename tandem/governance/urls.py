from django.urls import path

from tandem.governance import views

app_name = "governance"

urlpatterns = [
    path("", views.public, name="public"),
    path("calendar.ics", views.calendar_feed, name="calendar_feed"),
    # The body (secretariat)
    path("body/", views.body_page, name="body"),
    path("body/quota/", views.change_quota, name="change_quota"),
    path("body/mandates/new/", views.appoint, name="appoint"),
    path("body/quorum/", views.adopt_quorum_rule, name="adopt_quorum_rule"),
    path("mandates/<int:pk>/renew/", views.renew, name="renew"),
    path("mandates/<int:pk>/end/", views.end_mandate, name="end_mandate"),
    # Meetings
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/plan/", views.plan_year, name="plan_year"),
    path("meetings/new/", views.new_meeting, name="new_meeting"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/calendar.ics", views.meeting_calendar, name="meeting_calendar"),
    path("meetings/<int:pk>/do/<slug:verb>/", views.meeting_transition, name="meeting_transition"),
    path("meetings/<int:pk>/items/new/", views.add_item, name="add_item"),
    path("meetings/<int:pk>/documents/new/", views.add_document, name="add_document"),
    path("meetings/<int:pk>/answer/", views.answer_convocation, name="answer_convocation"),
    path("meetings/<int:pk>/proxy/", views.give_proxy, name="give_proxy"),
    path("meetings/<int:pk>/check-in/", views.check_in, name="check_in"),
    path("proxies/<int:pk>/withdraw/", views.withdraw_proxy, name="withdraw_proxy"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("documents/<int:pk>/replace/", views.replace_document, name="replace_document"),
    path("documents/<int:pk>/comments/", views.comment_document, name="comment_document"),
    path("items/<int:pk>/conflict/", views.declare_conflict, name="declare_conflict"),
    path("items/<int:pk>/vote/", views.open_vote, name="open_vote"),
    # Votes
    path("votes/<int:pk>/", views.vote, name="vote"),
    path("votes/<int:pk>/ballot/", views.cast_ballot, name="cast_ballot"),
    path("votes/<int:pk>/record/", views.record_ballot, name="record_ballot"),
    path("votes/<int:pk>/close/", views.close_vote, name="close_vote"),
    # Minutes
    path("meetings/<int:pk>/minutes/draft/", views.draft_minutes, name="draft_minutes"),
    path("minutes/<int:pk>/", views.minutes, name="minutes"),
    path("minutes/<int:pk>/compare/", views.minutes_compare, name="minutes_compare"),
    path("minutes/<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("minutes/<int:pk>/minutes.docx", views.minutes_docx, name="minutes_docx"),
    path("minutes/<int:pk>/items/", views.minutes_items, name="minutes_items"),
    path("minutes/<int:pk>/amend/", views.amend_minutes, name="amend_minutes"),
    path("minutes/<int:pk>/approve/", views.approve_minutes, name="approve_minutes"),
    path("amendments/<int:pk>/decide/", views.decide_amendment, name="decide_amendment"),
    # The yearly activity report
    path("report/", views.report, name="report"),
    path("report/<int:year>/", views.report, name="report_year"),
    path("report/<int:year>/report.docx", views.report_docx, name="report_docx"),
    path("report/<int:year>/report.pdf", views.report_pdf, name="report_pdf"),
    # Proposals
    path("proposals/", views.proposals, name="proposals"),
    path("proposals/new/", views.new_proposal, name="new_proposal"),
    path("proposals/<int:pk>/", views.proposal, name="proposal"),
    path("proposals/<int:pk>/edit/", views.edit_proposal, name="edit_proposal"),
    path("proposals/<int:pk>/cosign/", views.cosign, name="cosign"),
    path("proposals/<int:pk>/schedule/", views.schedule, name="schedule"),
    path("proposals/<int:pk>/transmit/", views.transmit, name="transmit"),
    path("proposals/<int:pk>/answer/", views.answer_proposal, name="answer_proposal"),
    path("proposals/<int:pk>/actions/new/", views.add_action, name="add_action"),
    path("actions/<int:pk>/", views.update_action, name="update_action"),
]
