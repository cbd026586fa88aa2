from django.contrib import admin

from tandem.reviews.models import (
    Assignment,
    ConsolidatedReport,
    ReviewerProfile,
    ReviewRequest,
    Round,
)

# Read-mostly views for administrators; every change goes through the pages and services.


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "status", "max_open_reviews", "training_completed_on"]
    list_filter = ["status"]
    raw_id_fields = ["user", "organization", "validated_by"]
    filter_horizontal = ["disease_areas", "conflict_organizations"]


@admin.register(ReviewRequest)
class ReviewRequestAdmin(admin.ModelAdmin):
    list_display = ["title", "acronym", "category", "status", "submitted_by", "created"]
    list_filter = ["status", "category"]
    search_fields = ["title", "acronym", "sponsor_reference"]
    readonly_fields = ["status", "current_round"]
    raw_id_fields = ["submitted_by", "delegates", "organizations", "disease_areas"]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["request", "number", "deadline"]
    raw_id_fields = ["request", "opened_by"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["reviewer", "round", "state", "alternate_rank", "due"]
    list_filter = ["state"]
    readonly_fields = ["state"]
    raw_id_fields = ["round", "reviewer", "assigned_by"]


@admin.register(ConsolidatedReport)
class ConsolidatedReportAdmin(admin.ModelAdmin):
    list_display = ["round", "status", "sent_at"]
    readonly_fields = ["status"]
    raw_id_fields = ["round", "sent_by"]
