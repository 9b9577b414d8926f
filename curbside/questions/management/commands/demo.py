"""`curbside demo [--if-empty]`: fill a development site with fictional content.

Loads ``curbside/questions/demo/questions.jsonl`` through the archive importer,
files its topics under the specialties that treat them, and creates demo accounts
with a published password so every role can be tried: a patient, a verified
physician, a physician waiting for verification and a moderator. A few members
mark answers helpful, and the demo patient asks two questions that wait for an
answer (so the physicians' queue and "edit until answered" have something to show).

Running it again adds nothing twice. It refuses to run with
``CURBSIDE_ENV=production`` unless ``--force`` is given: the accounts' password is
printed here and in the README.
"""

import random
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from curbside.accounts.models import User
from curbside.core.errors import CurbsideError
from curbside.physicians.models import PhysicianProfile
from curbside.physicians.services import physician_apply, physician_verify
from curbside.questions.archive import archive_import
from curbside.questions.models import Answer, Question
from curbside.questions.services import helpful_mark, question_create
from curbside.topics.models import Topic
from curbside.topics.services import topic_get_or_create, topic_set_parent

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "questions.jsonl"
DEMO_PASSWORD = "curbside-demo"  # noqa: S105 - published on purpose, demo only
DEMO_DOMAIN = "demo.curbside.test"
PATIENT_EMAIL = f"patient@{DEMO_DOMAIN}"
PHYSICIAN_EMAIL = f"physician@{DEMO_DOMAIN}"
PENDING_EMAIL = f"pending@{DEMO_DOMAIN}"
MODERATOR_EMAIL = f"moderator@{DEMO_DOMAIN}"

Kind = Topic.Kind

#: Where each demo topic sits in the tree: (the specialty that treats it, its kind).
TOPIC_HOMES = {
    "Acid reflux": ("Gastroenterology", Kind.CONDITION),
    "Acne": ("Dermatology", Kind.CONDITION),
    "Allergies": ("Allergy and Immunology", Kind.CONDITION),
    "Anxiety": ("Psychiatry", Kind.CONDITION),
    "Asthma": ("Pulmonology", Kind.CONDITION),
    "Back pain": ("Orthopedic Surgery", Kind.CONDITION),
    "Children's fevers": ("Pediatrics", Kind.CONDITION),
    "Diabetes": ("Endocrinology", Kind.CONDITION),
    "Eczema": ("Dermatology", Kind.CONDITION),
    "Eye health": ("Ophthalmology", Kind.BODY_AREA),
    "Heart palpitations": ("Cardiology", Kind.CONDITION),
    "High blood pressure": ("Cardiology", Kind.CONDITION),
    "Irritable bowel": ("Gastroenterology", Kind.CONDITION),
    "Kidney stones": ("Urology", Kind.CONDITION),
    "Knee pain": ("Orthopedic Surgery", Kind.CONDITION),
    "Migraine": ("Neurology", Kind.CONDITION),
    "Pregnancy": ("Obstetrics and Gynecology", Kind.GENERAL),
    "Sinus problems": ("Otolaryngology", Kind.CONDITION),
    "Sleep": ("Pulmonology", Kind.GENERAL),
    "Spider veins": ("Vascular Surgery", Kind.CONDITION),
    "Thyroid": ("Endocrinology", Kind.CONDITION),
}

#: Members (besides the demo patient) who mark answers helpful. No password.
VOTERS = ("Iris", "Tomasz", "Yuki", "Oren", "Beatriz", "Kwame", "Lotte", "Farid")

#: Questions the demo patient asks: (title, body, topic names, anonymous).
PATIENT_QUESTIONS = (
    (
        "Itchy rash under my new watch strap",
        "Two weeks ago I got a new watch with a metal buckle. Now there is an itchy, "
        "red patch exactly where the back of the watch sits, with a few tiny "
        "blisters. I have never had skin problems before. Could I be allergic to "
        "the metal, and what should I put on it?",
        ["Eczema", "Allergies"],
        False,
    ),
    (
        "Does an afternoon nap ruin my sleep at night?",
        "Since working from home I nap for about an hour after lunch most days. At "
        "night I lie awake until past midnight, then feel groggy in the morning. "
        "Should I stop napping altogether, or is a short nap fine?",
        ["Sleep"],
        True,
    ),
)

#: Seed for choosing which answers get helpful votes: the same every run.
VOTE_SEED = 2026


class Command(BaseCommand):
    # A plain string: argparse cannot format a lazy translation as a description.
    help = (
        "Load fictional demo questions, answers and physicians, and create demo "
        "accounts with a published password for trying Curbside. Development only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=gettext_lazy("do nothing when the site already has questions"),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=gettext_lazy(
                "run even with CURBSIDE_ENV=production (creates accounts with a "
                "published password)"
            ),
        )

    def handle(self, *args, if_empty: bool, force: bool, **options):
        if settings.CURBSIDE_ENV == "production" and not force:
            raise CommandError(
                _("Refusing to load demo content: CURBSIDE_ENV is production. The "
                  "demo creates accounts whose password (%(password)s) is published, "
                  "including a moderator. Run it on a development site, or add "
                  "--force if you really mean it.") % {"password": DEMO_PASSWORD}
            )  # fmt: skip
        try:
            # Also finds out early whether the database has been migrated.
            has_questions = Question.objects.exists()
            if if_empty and has_questions:
                self.stdout.write(_("Demo content already loaded."))
                return
            with transaction.atomic():
                summary = self._load()
        except DatabaseError as exc:
            raise CommandError(
                _("The database is not ready (%(error)s). Run `curbside migrate` "
                  "first.") % {"error": exc}
            ) from None  # fmt: skip
        except CurbsideError as exc:
            raise CommandError(
                _("The demo could not be loaded: %(error)s") % {"error": exc.message}
            ) from None
        except OSError as exc:
            raise CommandError(
                _("Could not read the demo file %(file)s: %(error)s")
                % {"file": DEMO_FILE, "error": exc.strerror or exc}
            ) from None
        self._print_summary(summary)

    # Steps -----------------------------------------------------------------------

    def _load(self) -> list[str]:
        with DEMO_FILE.open(encoding="utf-8") as lines:
            report = archive_import(lines=lines, strict=True)
        if report.errors:
            number, message = report.errors[0]
            raise CommandError(
                _("The demo file is invalid (line %(n)d: %(message)s).")
                % {"n": number, "message": message}
            )
        filed = file_topics_under_specialties()
        moderator = demo_account(
            email=MODERATOR_EMAIL, display_name="Maya", moderator=True
        )
        verify_fictional_physicians(moderator=moderator)
        patient = demo_account(email=PATIENT_EMAIL, display_name="Jamie")
        demo_physician(
            user=demo_account(email=PHYSICIAN_EMAIL, display_name="Jordan Avery"),
            moderator=moderator,
        )
        pending_physician(
            user=demo_account(email=PENDING_EMAIL, display_name="Morgan Ellis")
        )
        votes = helpful_votes(patient=patient)
        asked = patient_questions(patient=patient)
        return [
            report.summary(),
            _("Filed %(n)d topics under their specialties.") % {"n": filed},
            _("Added %(votes)d helpful votes and %(asked)d waiting questions.")
            % {"votes": votes, "asked": asked},
        ]

    def _print_summary(self, lines: list[str]) -> None:
        for line in lines:
            self.stdout.write(line)
        site = settings.SITE_URL
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(_("Demo ready at %(url)s/") % {"url": site})
        )
        self.stdout.write(
            _('Log in with any of these accounts; the password is "%(password)s":')
            % {"password": DEMO_PASSWORD}
        )
        accounts = (
            (PATIENT_EMAIL, _("a patient who asks questions")),
            (PHYSICIAN_EMAIL, _("a verified physician who can answer")),
            (PENDING_EMAIL, _("a physician waiting for verification")),
            (
                MODERATOR_EMAIL,
                _("a moderator: verifies physicians, admin at %(url)s/admin/")
                % {"url": site},
            ),
        )
        for email, role in accounts:
            self.stdout.write(f"  {email:<32} {role}")
        self.stdout.write(
            _("All demo content is fictional and is not medical advice. Do not use "
              "these accounts on a public site.")
        )  # fmt: skip


# Helpers: each one is safe to run again -------------------------------------------


def file_topics_under_specialties() -> int:
    """Mark the demo's specialties as such and file each demo topic under the
    specialty that treats it. Topics someone already filed elsewhere stay put."""
    specialties = {}
    for name in sorted({home for home, _kind in TOPIC_HOMES.values()}):
        specialty = topic_get_or_create(name=name, kind=Kind.SPECIALTY)
        if specialty.kind != Kind.SPECIALTY:
            topic_set_parent(topic=specialty, parent=None, kind=Kind.SPECIALTY)
        specialties[name] = specialty
    filed = 0
    for topic in Topic.objects.filter(name__in=TOPIC_HOMES, parent__isnull=True):
        home, kind = TOPIC_HOMES[topic.name]
        topic_set_parent(topic=topic, parent=specialties[home], kind=kind)
        filed += 1
    return filed


def demo_account(*, email: str, display_name: str, moderator: bool = False) -> User:
    """The demo account with this e-mail, created when missing; its password is
    (re)set to the published demo password so the printed logins always work.

    Created directly rather than through sign-up: the demo password is chosen on
    purpose and no confirmation e-mail should go out.
    """
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, username=email, display_name=display_name)
    user.email_confirmed = True
    user.is_active = True
    if moderator:
        user.is_staff = user.is_superuser = True
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def verify_fictional_physicians(*, moderator: User) -> None:
    """The demo's physicians come in as imported profiles; verify them, so the demo
    shows answers the way a real site shows its verified physicians' answers."""
    imported = PhysicianProfile.objects.filter(status=PhysicianProfile.Status.IMPORTED)
    for profile in imported:
        physician_verify(
            profile=profile, by=moderator,
            reason="Fictional demo physician, verified by `curbside demo`.",
        )  # fmt: skip


def demo_physician(*, user: User, moderator: User) -> PhysicianProfile:
    """A verified family physician, applied and verified through the usual workflow."""
    profile = getattr(user, "physician", None)
    if profile is None:
        profile = physician_apply(
            user=user, name="Jordan Avery", degree=PhysicianProfile.Degree.MD,
            credentials="MD",
            specialties=[topic_get_or_create(name="Family Medicine",
                                             kind=Kind.SPECIALTY)],
            license_number="DEMO-20417", license_region="Demo State",
            practice_name="Curbside Demo Practice",
            bio="A demo account: log in as this physician to answer questions.",
        )  # fmt: skip
    if not profile.is_verified:
        physician_verify(
            profile=profile, by=moderator,
            reason="Demo account, verified by `curbside demo`.",
        )  # fmt: skip
    return profile


def pending_physician(*, user: User) -> PhysicianProfile:
    """A dermatologist who applied and waits in the moderator's verification queue."""
    profile = getattr(user, "physician", None)
    if profile is None:
        profile = physician_apply(
            user=user, name="Morgan Ellis", degree=PhysicianProfile.Degree.DO,
            credentials="DO",
            specialties=[topic_get_or_create(name="Dermatology",
                                             kind=Kind.SPECIALTY)],
            license_number="DEMO-58213", license_region="Demo State",
            bio="A demo account waiting for verification.",
        )  # fmt: skip
    return profile


def helpful_votes(*, patient: User) -> int:
    """Members mark a deterministic spread of answers helpful, so "most helpful"
    has something to show. Returns the number of new votes."""
    voters = [patient] + [
        demo_member(name=name, number=n) for n, name in enumerate(VOTERS, start=1)
    ]
    rng = random.Random(VOTE_SEED)
    answers = (
        Answer.objects.filter(question__asker__isnull=True, is_removed=False)
        .select_related("physician")
        .order_by("question__created_at", "created_at", "pk")
    )
    added = 0
    for answer in answers:
        # Most answers get a vote or two, some none, a few many; answers other
        # physicians agreed with get a little more.
        count = rng.choice((0, 0, 0, 1, 1, 2, 3, 5)) + min(answer.agree_count, 2)
        for voter in rng.sample(voters, min(count, len(voters))):
            added += int(helpful_mark(answer=answer, user=voter))
    return added


def demo_member(*, name: str, number: int) -> User:
    """A member who only votes; without a usable password."""
    email = f"member{number}@{DEMO_DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, username=email, display_name=name,
                    email_confirmed=True)  # fmt: skip
        user.set_unusable_password()
        user.save()
    return user


def patient_questions(*, patient: User) -> int:
    """The demo patient's own questions, waiting for answers. Returns how many were
    asked now (none when they already exist)."""
    asked = 0
    for title, body, topic_names, anonymous in PATIENT_QUESTIONS:
        if Question.objects.filter(asker=patient, title=title).exists():
            continue
        topics = list(Topic.objects.filter(name__in=topic_names))
        question_create(asker=patient, title=title, body=body, topics=topics,
                        anonymous=anonymous)  # fmt: skip
        asked += 1
    return asked
