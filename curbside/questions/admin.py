"""Back-office views of questions and answers: read and search.

Writes to questions go through services (removal and merges belong to moderation),
so these admins are read-only.
"""

from django.contrib import admin

from curbside.questions.models import (
    Agreement,
    Answer,
    DuplicateDecision,
    FollowUp,
    Question,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AnswerInline(admin.TabularInline):
    model = Answer
    fields = ["physician", "created_at", "last_reviewed_at", "helpful_count",
              "agree_count", "disagree_count", "is_removed"]  # fmt: skip
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    fields = ["body", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class DuplicateDecisionInline(admin.TabularInline):
    """Who marked this question as a duplicate, or undid it, and when."""

    model = DuplicateDecision
    fk_name = "question"
    fields = ["decision", "target", "decided_by", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = ["title", "asker_name", "created_at", "answer_count",
                    "helpful_count", "is_urgent", "is_removed",
                    "duplicate_of"]  # fmt: skip
    list_filter = ["is_urgent", "is_removed", "is_anonymous",
                   ("duplicate_of", admin.EmptyFieldListFilter), "topics"]  # fmt: skip
    search_fields = ["title", "body", "asker_name"]
    date_hierarchy = "created_at"
    inlines = [FollowUpInline, AnswerInline, DuplicateDecisionInline]
    list_select_related = ["asker", "duplicate_of"]


class AgreementInline(admin.TabularInline):
    model = Agreement
    fields = ["physician", "stance", "reason", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ["question", "physician", "created_at", "helpful_count",
                    "agree_count", "disagree_count"]  # fmt: skip
    search_fields = ["body", "physician__name", "question__title"]
    list_select_related = ["question", "physician"]
    inlines = [AgreementInline]
