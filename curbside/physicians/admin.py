"""Staff verify physicians in the admin.

The status of a profile is never edited directly: staff open the "Decide" page of
a profile, choose verify or reject and write the reason or evidence, and the
services record the decision in the audit trail (``VerificationDecision``), which
the admin shows read-only.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from curbside.core.errors import Forbidden, Invalid
from curbside.physicians.models import PhysicianProfile, VerificationDecision
from curbside.physicians.services import physician_reject, physician_verify


class DecisionForm(forms.Form):
    """Staff's decision on a physician's credentials, with the evidence."""

    VERIFY, REJECT = "verify", "reject"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=((VERIFY, _("Verify")), (REJECT, _("Reject / revoke verification"))),
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason and evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 70}),
        help_text=_(
            "What you checked (registry entry, licence lookup) or, for a rejection, "
            "what the physician must fix. Required to reject; the physician sees it."
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.REJECT and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why, so the physician knows what to fix."))
        return data


class VerificationDecisionInline(admin.TabularInline):
    """The audit trail, newest first. Nothing here can be changed or deleted."""

    model = VerificationDecision
    extra = 0
    can_delete = False
    fields = ["created_at", "decision", "decided_by", "reason"]
    readonly_fields = fields
    ordering = ["-created_at"]
    verbose_name_plural = _("Verification trail")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PhysicianProfile)
class PhysicianProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "degree", "npi", "license_number",
                    "license_region", "created_at", "decide_link"]  # fmt: skip
    list_filter = ["status", "degree", "specialties"]
    search_fields = ["name", "npi", "license_number", "user__email"]
    filter_horizontal = ["specialties"]
    readonly_fields = ["user", "status", "verified_at", "created_at", "answer_count",
                       "helpful_count", "decide_link"]  # fmt: skip
    list_select_related = ["user"]
    inlines = [VerificationDecisionInline]
    ordering = ["status", "created_at"]
    actions = ["decide_selected"]

    def has_add_permission(self, request):
        # Profiles come from physicians applying (or from an archive import).
        return False

    def get_urls(self):
        info = (self.opts.app_label, self.opts.model_name)
        return [
            path(
                "<path:object_id>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="{}_{}_decide".format(*info),
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("verification"))
    def decide_link(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        url = reverse("admin:physicians_physicianprofile_decide", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Decide…"))

    @admin.action(
        description=_("Verify or reject selected physicians…"),
        permissions=["verify"],
    )
    def decide_selected(self, request, queryset):
        """One decision with one reason for several profiles; each gets its own
        entry in the trail."""
        form = DecisionForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            decide = (
                physician_verify
                if form.cleaned_data["decision"] == DecisionForm.VERIFY
                else physician_reject
            )
            done = 0
            for profile in queryset:
                try:
                    decide(profile=profile, by=request.user,
                           reason=form.cleaned_data["reason"])  # fmt: skip
                except (Forbidden, Invalid) as exc:
                    self.message_user(request, f"{profile.name}: {exc.message}",
                                      messages.WARNING)  # fmt: skip
                else:
                    done += 1
            self.message_user(
                request,
                gettext("Decision recorded for %(n)d physician(s).") % {"n": done},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Verify or reject selected physicians"),
            "profiles": queryset,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/physicians/physicianprofile/decide_many.html", context
        )

    def has_verify_permission(self, request):
        return request.user.is_moderator

    def decide_view(self, request, object_id):
        if not request.user.is_moderator:
            raise PermissionDenied
        profile = get_object_or_404(PhysicianProfile.objects.select_related("user"),
                                    pk=object_id)  # fmt: skip
        form = DecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            decide = (
                physician_verify
                if form.cleaned_data["decision"] == DecisionForm.VERIFY
                else physician_reject
            )
            try:
                decision = decide(
                    profile=profile, by=request.user, reason=form.cleaned_data["reason"]
                )
            except (Forbidden, Invalid) as exc:
                form.add_error(None, str(exc.message))
            else:
                self.message_user(
                    request,
                    gettext("%(name)s: %(decision)s. The decision is in the trail.")
                    % {
                        "name": profile.name,
                        "decision": decision.get_decision_display(),
                    },  # fmt: skip
                    messages.SUCCESS,
                )
                change = reverse(
                    "admin:physicians_physicianprofile_change", args=[profile.pk]
                )
                return HttpResponseRedirect(change)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Verify or reject %(name)s") % {"name": profile.name},
            "profile": profile,
            "form": form,
            "trail": profile.decisions.select_related("decided_by"),
            "specialties": profile.specialties.all(),
        }
        return TemplateResponse(
            request,
            "admin/physicians/physicianprofile/decide.html",
            context,
            status=400 if form.errors else 200,
        )


@admin.register(VerificationDecision)
class VerificationDecisionAdmin(admin.ModelAdmin):
    """Every verification decision ever made, read-only."""

    list_display = ["created_at", "profile", "decision", "decided_by", "reason"]
    list_filter = ["decision"]
    search_fields = ["profile__name", "decided_by__email", "reason"]
    list_select_related = ["profile", "decided_by"]
    readonly_fields = ["profile", "decision", "decided_by", "reason", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
