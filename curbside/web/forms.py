"""Forms for the acting side of the site: they parse input; services decide.

Forms check only what a person can fix without asking the database (required
fields, lengths, matching passwords). The rules that matter (who may act, one
answer per physician, when a question can still be edited) live in the services,
whose ``Invalid`` errors are copied back onto the form with ``add_service_errors``.
"""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from curbside.core.errors import CurbsideError
from curbside.physicians.models import PhysicianProfile, validate_npi
from curbside.questions.models import (
    ANSWER_MAX,
    BODY_MAX,
    FOLLOWUP_MAX,
    MAX_TOPICS,
    TITLE_MAX,
    Agreement,
    Question,
)
from curbside.topics.models import Topic

REASON_MAX = 2_000
TOKEN_NAME_MAX = 60
ENTER_EMAIL = _("Enter your e-mail address.")
EMAIL_LIKE = _("Enter an e-mail address like name@example.org.")


def add_service_errors(form: forms.Form, exc: CurbsideError) -> None:
    """Show a service's error on the form: per field where it names one of the
    form's fields, otherwise at the top of the form."""
    errors = getattr(exc, "errors", None) or {}
    placed = False
    for field, messages in errors.items():
        form.add_error(field if field in form.fields else None, list(messages))
        placed = True
    if not placed:
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, str(exc.message))


def _optional_choices(choices) -> list:
    """An optional select starts on an explicit "not given" choice, the same on
    every form; "Prefer not to say" appears only where the model has it as a real
    answer (sex)."""
    return [("", _("Not given"))] + list(choices)


class ChoiceList(forms.CheckboxSelectMultiple):
    """Checkboxes, each input followed by its label on one line, laid out in
    columns when ``columns`` is set."""

    template_name = "web/widgets/choices.html"

    def __init__(self, attrs=None, choices=(), *, columns: bool = False):
        super().__init__(attrs, choices)
        self.columns = columns

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["columns"] = self.columns
        return context


class RadioList(forms.RadioSelect):
    """Radio buttons, each input followed by its label on one line."""

    template_name = "web/widgets/choices.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["columns"] = False
        return context


def _topic_root(topic: Topic) -> Topic:
    root = topic
    seen = {root.pk}
    while root.parent_id and root.parent_id not in seen:
        root = root.parent
        seen.add(root.pk)
    return root


class TopicCheckboxes(forms.CheckboxSelectMultiple):
    """Topic checkboxes grouped by the specialty at the root of their tree.

    The root's own checkbox heads its group (ticking "Cardiology" files the
    question under the specialty as a whole); topics that belong to no tree come
    last under "Other topics". Needs a queryset with ``select_related("parent")``
    so grouping costs no extra query.
    """

    template_name = "web/widgets/topic_checkboxes.html"

    def optgroups(self, name, value, attrs=None):
        groups: dict[int, dict] = {}
        loose: list[dict] = []
        for _group, options, _index in super().optgroups(name, value, attrs):
            for option in options:
                topic = getattr(option["value"], "instance", None)
                if topic is None:
                    loose.append(option)
                    continue
                root = _topic_root(topic)
                group = groups.setdefault(
                    root.pk, {"root": root, "head": None, "options": []}
                )
                if topic.pk == root.pk:
                    group["head"] = option
                else:
                    group["options"].append(option)
        ordered = sorted(
            groups.values(),
            key=lambda g: (g["root"].kind != Topic.Kind.SPECIALTY, g["root"].name),
        )
        result = []
        for group in ordered:
            lone = not group["options"] and group["root"].kind != Topic.Kind.SPECIALTY
            if lone and group["head"]:
                loose.append(group["head"])
                continue
            if group["head"]:
                group["head"]["is_head"] = True
                result.append((None, [group["head"], *group["options"]], len(result)))
            else:
                result.append((group["root"].name, group["options"], len(result)))
        if loose:
            result.append((_("Other topics"), loose, len(result)))
        return result


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": ENTER_EMAIL, "invalid": EMAIL_LIKE},
        help_text=_("You log in with it. We send a link to confirm it."),
    )
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
        help_text=_(
            "Shown beside the questions you ask. When you ask anonymously, only a "
            "generated pseudonym is shown instead, never this name or your e-mail."
        ),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Choose a password.")},
        help_text=_("At least 10 characters; not a common password."),
    )
    password_confirm = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Type the password again.")},
    )

    def clean(self):
        data = super().clean()
        first, second = data.get("password"), data.get("password_confirm")
        if first and second and first != second:
            self.add_error("password_confirm", _("The two passwords do not match."))
        return data


class EmailAuthenticationForm(AuthenticationForm):
    """Log in with the e-mail address (the user model's ``USERNAME_FIELD``)."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
        error_messages={"required": ENTER_EMAIL, "invalid": EMAIL_LIKE},
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "This e-mail address and password do not match an account. Check "
            "both, or reset your password."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].error_messages["required"] = _("Enter your password.")


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        required=False,
        help_text=_("Shown beside questions you ask without the anonymous option."),
    )


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=TOKEN_NAME_MAX,
        help_text=_("What will use it, e.g. “weekly export script”."),
    )


class PhysicianApplyForm(forms.Form):
    name = forms.CharField(
        label=_("Full name"),
        max_length=120,
        error_messages={"required": _("Enter your full name.")},
    )
    degree = forms.ChoiceField(
        label=_("Degree"),
        choices=[("", _("Choose your degree")), *PhysicianProfile.Degree.choices],
        error_messages={"required": _("Choose your degree.")},
    )
    credentials = forms.CharField(
        label=_("Credentials as shown"),
        max_length=60,
        required=False,
        help_text=_('How your degrees appear after your name, e.g. "MD, FACS".'),
    )
    specialties = forms.ModelMultipleChoiceField(
        label=_("Specialties"),
        queryset=Topic.objects.none(),
        widget=ChoiceList(columns=True),
        error_messages={"required": _("Choose at least one specialty.")},
        help_text=_("Questions in these fields reach your queue first."),
    )
    npi = forms.CharField(
        label=_("NPI (United States)"),
        max_length=16,
        required=False,
        help_text=_("Ten digits. Give your NPI, or a licence number below."),
    )
    license_number = forms.CharField(
        label=_("Licence number"), max_length=40, required=False
    )
    license_region = forms.CharField(
        label=_("Licensing state or country"),
        max_length=60,
        required=False,
        help_text=_("Where the licence was issued, e.g. “California” or “Ireland”."),
    )
    board_certification = forms.CharField(
        label=_("Board certification"), max_length=200, required=False
    )
    practice_name = forms.CharField(
        label=_("Practice or hospital"), max_length=200, required=False
    )
    conflicts_of_interest = forms.CharField(
        label=_("Conflicts of interest"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Payments, shares or roles that a reader should know about. Shown on "
            "your profile. Leave empty if there are none."
        ),
    )
    bio = forms.CharField(
        label=_("About you"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["specialties"].queryset = Topic.objects.filter(
            kind=Topic.Kind.SPECIALTY
        ).order_by("name")

    def clean_npi(self):
        npi = self.cleaned_data["npi"].replace(" ", "").replace("-", "")
        validate_npi(npi)
        return npi


class QuestionForm(forms.Form):
    title = forms.CharField(
        label=_("Your question"),
        max_length=TITLE_MAX,
        error_messages={"required": _("Write your question in one sentence.")},
        help_text=_("One sentence, e.g. “Why does my eczema flare every winter?”"),
    )
    body = forms.CharField(
        label=_("Details"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _(
                "Add some details: what happened, since when, what you have tried."
            )  # fmt: skip
        },
        help_text=_(
            "What happened, since when, what you have tried, medicines you take. "
            "Leave out names, phone numbers and addresses."
        ),
    )
    age_range = forms.ChoiceField(
        label=_("Age"),
        choices=_optional_choices(Question.AgeRange.choices),
        required=False,
    )
    sex = forms.ChoiceField(
        label=_("Sex"),
        choices=_optional_choices(Question.Sex.choices),
        required=False,
    )
    duration = forms.ChoiceField(
        label=_("How long"),
        choices=_optional_choices(Question.Duration.choices),
        required=False,
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.none(),
        required=False,
        widget=TopicCheckboxes,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.select_related(
            "parent__parent"
        ).order_by("name")
        self.fields["topics"].help_text = _(
            "Up to %(n)d. They help the right physicians find your question."
        ) % {"n": MAX_TOPICS}

    def clean_topics(self):
        topics = self.cleaned_data["topics"]
        if len(topics) > MAX_TOPICS:
            raise forms.ValidationError(
                _("Choose at most %(n)d topics."), params={"n": MAX_TOPICS}
            )
        return list(topics)


class AskForm(QuestionForm):
    anonymous = forms.BooleanField(
        label=_("Ask anonymously"),
        required=False,
        help_text=_(
            "Only your pseudonym is shown with the question; your name and e-mail "
            "address never are."
        ),
    )
    # Ticked in the emergency guidance shown when the question reads like one.
    emergency_ack = forms.BooleanField(
        label=_(
            "I have read this. I am not in danger now, or I have called for help, "
            "and I still want to post my question."
        ),
        required=False,
    )
    # Set once the asker has been shown the personal details found in the text.
    pii_reviewed = forms.CharField(required=False, widget=forms.HiddenInput)
    # The answered questions already shown as looking like this one (their ids),
    # on the page as the asker typed or in the review step before posting.
    similar_seen = forms.CharField(required=False, widget=forms.HiddenInput)

    def seen_similar_ids(self) -> set[int]:
        """The ids in ``similar_seen``; anything malformed counts as unseen."""
        value = self.cleaned_data.get("similar_seen") or ""
        return {
            int(part) for part in value.split(",") if part.isascii() and part.isdigit()
        }


class FollowUpForm(forms.Form):
    body = forms.CharField(
        label=_("Your follow-up"),
        max_length=FOLLOWUP_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write your follow-up.")},
        help_text=_(
            "New details, or an answer to a physician's question. Your question "
            "goes back to the physicians' queue."
        ),
    )


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        max_length=ANSWER_MAX,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": _("Write your answer.")},
        help_text=_(
            "Markdown: **bold**, *italic*, lists with - or 1., [links](https://…). "
            "Say what you would check in person, and when to see a doctor."
        ),
    )


class AgreementForm(forms.Form):
    stance = forms.ChoiceField(
        label=_("Your stance"), choices=Agreement.Stance.choices, widget=RadioList
    )
    reason = forms.CharField(
        label=_("Why do you disagree?"),
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to disagree. Readers and the author see your reason."),
    )
    reason.optional_mark = False  # required to disagree: never marked "(optional)"

    def clean(self):
        data = super().clean()
        disagree = data.get("stance") == Agreement.Stance.DISAGREE
        if disagree and not data.get("reason", "").strip():
            self.add_error("reason", _("A reason is required to disagree."))
        return data


class HelpfulForm(forms.Form):
    ACTIONS = (("mark", "mark"), ("unmark", "unmark"), ("toggle", "toggle"))

    action = forms.ChoiceField(choices=ACTIONS, required=False)

    def clean_action(self):
        return self.cleaned_data["action"] or "toggle"
