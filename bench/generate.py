"""Fill a database with synthetic questions, answers and votes for benchmarks.

    .venv/bin/python bench/generate.py --questions 100000 [--seed 1]
        [--database-url postgres://postgres@127.0.0.1:5432/curbside_bench]

The database is migrated first. The script tops the database up to the number of
questions asked for: questions already there are kept, so running it twice is
cheap. Topics (40, under 8 specialties), a pool of verified physicians and a pool
of members are created once. Each question gets 2 topics, 3 answers from 3
different physicians of a matching specialty and 0–3 helpful votes per answer;
every counter the site keeps (answers, helpful votes, last answer) is consistent.
The text is made from a small synthetic vocabulary and is the same for the same
seed. Finally the lexical search index is rebuilt. ``--answers 1`` (or 2) gives
new questions fewer answers, which makes very large databases quicker to fill.

Without --database-url (or DATABASE_URL) the data goes to bench/out/bench.sqlite3.
"""

import argparse
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
DEFAULT_SQLITE = OUT / "bench.sqlite3"
EMAIL_DOMAIN = "bench.invalid"
BATCH = 1000
ANSWERS_PER_QUESTION = 3
TOPICS_PER_QUESTION = 2
EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
SPAN_SECONDS = 2 * 365 * 24 * 3600

# Eight specialties, five topics under each: 40 topics questions are filed under.
# Each topic brings a few words of its own so that search has something to find.
SPECIALTIES = {
    "Dermatology": {
        "Eczema": ["itchy patches", "dry skin", "flaking", "emollient"],
        "Acne": ["spots", "blackheads", "oily skin", "breakouts"],
        "Psoriasis": ["silvery plaques", "scaly elbows", "thick skin", "flares"],
        "Moles and skin spots": ["a dark mole", "a changing spot", "freckles"],
        "Hair loss": ["thinning hair", "bald patches", "shedding", "scalp"],
    },
    "Cardiology": {
        "High blood pressure": ["high readings", "blood pressure", "headaches"],
        "Palpitations": ["a racing heart", "skipped beats", "fluttering"],
        "Chest pain": ["chest tightness", "pressure in the chest", "pain on effort"],
        "Cholesterol": ["high cholesterol", "LDL", "statins", "triglycerides"],
        "Heart failure": ["swollen ankles", "breathlessness", "tiredness"],
    },
    "Gastroenterology": {
        "Acid reflux": ["heartburn", "a sour taste", "burning after meals"],
        "Irritable bowel": ["bloating", "cramps", "loose stools", "urgency"],
        "Constipation": ["hard stools", "straining", "infrequent bowel movements"],
        "Liver tests": ["raised liver enzymes", "ALT", "fatty liver"],
        "Gallstones": ["pain under the ribs", "pain after fatty food", "nausea"],
    },
    "Neurology": {
        "Headache and migraine": ["throbbing headaches", "aura", "light sensitivity"],
        "Dizziness": ["spinning", "light-headedness", "unsteadiness"],
        "Numbness and tingling": ["pins and needles", "numb fingers", "tingling"],
        "Sleep problems": ["waking at night", "poor sleep", "daytime sleepiness"],
        "Seizures": ["a blank spell", "jerking", "a fit", "confusion afterwards"],
    },
    "Pediatrics": {
        "Fever in children": ["a high temperature", "a feverish toddler", "shivers"],
        "Infant feeding": ["feeding problems", "spitting up", "slow weight gain"],
        "Childhood rashes": ["a blotchy rash", "red cheeks", "a rash after fever"],
        "Growth and development": ["late walking", "short stature", "speech delay"],
        "Vaccines": ["a vaccine reaction", "a sore arm", "the schedule"],
    },
    "Orthopedics": {
        "Back pain": ["lower back pain", "stiffness", "pain down the leg"],
        "Knee pain": ["a swollen knee", "clicking", "pain on stairs"],
        "Shoulder pain": ["a painful shoulder", "weakness lifting", "night pain"],
        "Sprains": ["a twisted ankle", "bruising", "swelling after a fall"],
        "Osteoarthritis": ["stiff joints", "morning stiffness", "grinding"],
    },
    "Endocrinology": {
        "Diabetes": ["high sugar readings", "HbA1c", "thirst", "metformin"],
        "Thyroid": ["an underactive thyroid", "TSH", "levothyroxine", "a goitre"],
        "Weight management": ["weight gain", "appetite", "slow metabolism"],
        "Osteoporosis": ["thin bones", "a bone density scan", "calcium"],
        "Hormone changes": ["hot flushes", "irregular periods", "low energy"],
    },
    "Psychiatry": {
        "Anxiety": ["constant worry", "restlessness", "tension"],
        "Low mood": ["low mood", "loss of interest", "tearfulness"],
        "ADHD": ["poor concentration", "forgetfulness", "impulsiveness"],
        "Panic attacks": ["sudden fear", "a pounding heart", "shaking"],
        "Stress": ["burnout", "irritability", "trouble switching off"],
    },
}

GENERIC_SYMPTOMS = [
    "tiredness", "mild pain", "a dull ache", "discomfort", "soreness", "swelling",
    "poor appetite", "a low-grade fever", "aching muscles", "occasional nausea",
]  # fmt: skip
PEOPLE = ["I", "my son", "my daughter", "my husband", "my wife", "my mother",
          "my father", "my partner"]  # fmt: skip
DURATIONS = ["two days", "a week", "ten days", "three weeks", "a month",
             "two months", "six months", "over a year"]  # fmt: skip
TRIGGERS = ["after exercise", "in the morning", "at night", "after meals",
            "when I am stressed", "after a cold", "since starting a new job",
            "after a long flight", "in hot weather", "without any obvious reason"]  # fmt: skip
TRIED = ["paracetamol", "ibuprofen", "rest", "drinking more water", "a cream from "
         "the pharmacy", "cutting out caffeine", "stretching", "a heat pack",
         "sleeping more", "an antihistamine"]  # fmt: skip
ADVICE = ["keep a simple diary of when it happens", "try regular gentle exercise",
          "drink enough fluids through the day", "avoid obvious triggers for two "
          "weeks", "use simple pain relief as directed on the pack", "book a "
          "routine appointment with your own doctor", "ask for a blood test",
          "review your current medicines with a pharmacist", "improve sleep "
          "routine and reduce caffeine", "try a short course of physiotherapy"]  # fmt: skip
CAUSES = ["a viral infection", "muscle strain", "inflammation", "a hormonal change",
          "a side effect of a medicine", "a common benign condition", "stress",
          "a minor injury", "an allergy", "low iron"]  # fmt: skip
RED_FLAGS = ["severe pain", "a high fever that does not settle", "confusion",
             "breathlessness at rest", "weight loss you cannot explain",
             "bleeding", "sudden weakness on one side"]  # fmt: skip
TITLE_TEMPLATES = [
    "Should I worry about {sym} {trig}?",
    "Is {sym} {trig} a sign of {topic_l}?",
    "{Person} has had {sym} for {dur} — what could cause it?",
    "What can I do about {sym} that keeps coming back?",
    "Is it normal to have {sym} {trig} for {dur}?",
    "Could {sym} and {sym2} be related to {topic_l}?",
]
BODY_TEMPLATES = [
    "{Person} has had {sym} for {dur}, mostly {trig}.",
    "It started {trig} and has not gone away.",
    "We tried {tried} but it only helped a little.",
    "There is also {sym2}, which seems worse {trig2}.",
    "No one else in the family has had {topic_l} as far as I know.",
    "I am otherwise healthy and take no regular medicines.",
    "A doctor looked at it briefly and said it was probably {cause}.",
    "I would like to know whether I need tests or can wait.",
    "It is affecting work and sleep now.",
    "Is there anything I should avoid in the meantime?",
]
ANSWER_TEMPLATES = [
    "{Sym} {trig} is most often caused by {cause}.",
    "From what you describe, {topic_l} is possible but not the only explanation.",
    "I would suggest you {advice}.",
    "It is also reasonable to {advice2}.",
    "If {sym2} gets worse over the next few days, see your doctor.",
    "Seek care the same day if you notice {flag}.",
    "Most people with {sym} improve within a few weeks.",
    "A short examination usually settles the question.",
    "Tests are rarely needed at first unless there is {flag}.",
    "Keep taking {tried} only if it clearly helps.",
    "Write down when {sym} happens so your doctor can see the pattern.",
]
FIRST_NAMES = ["Ada", "Ben", "Chloe", "Daniel", "Elena", "Farid", "Grace", "Hugo",
               "Ines", "Jonas", "Kira", "Leo", "Maya", "Nikhil", "Olivia", "Pablo",
               "Quinn", "Rosa", "Samir", "Tara", "Umar", "Vera", "Wei", "Yara"]  # fmt: skip
LAST_NAMES = ["Abbott", "Brandt", "Castillo", "Dimitrov", "Eriksen", "Fontaine",
              "Gupta", "Hart", "Ivanova", "Jensen", "Kowalski", "Lindqvist",
              "Moreau", "Nakamura", "Okafor", "Petrov", "Quintero", "Rahman",
              "Silva", "Tanaka", "Ueda", "Varga", "Walsh", "Zhou"]  # fmt: skip


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Fill a database with synthetic Curbside data for benchmarks."
    )
    parser.add_argument("--questions", type=int, required=True,
                        help="how many questions the database should hold")  # fmt: skip
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", help="default: $DATABASE_URL, else "
                        "sqlite file bench/out/bench.sqlite3")  # fmt: skip
    parser.add_argument("--physicians", type=int, default=300)
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--answers", type=int, default=ANSWERS_PER_QUESTION,
                        choices=range(1, ANSWERS_PER_QUESTION + 1),
                        metavar=f"1..{ANSWERS_PER_QUESTION}",
                        help="answers per new question (default 3; fewer is "
                        "faster for very large databases)")  # fmt: skip
    parser.add_argument("--no-index", action="store_true",
                        help="skip rebuilding the search index")  # fmt: skip
    parser.add_argument("--urls-out", type=Path,
                        help="write canonical URLs of random questions to this file")  # fmt: skip
    parser.add_argument("--urls-count", type=int, default=1000)
    args = parser.parse_args(argv)
    if args.questions < 0 or args.physicians < ANSWERS_PER_QUESTION * 8:
        parser.error("--questions must be >= 0 and --physicians at least 24.")
    if args.members < 3:
        parser.error("--members must be at least 3.")
    return args


def setup_django(database_url: str | None) -> str:
    """Point the settings at the bench database and start Django."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    elif not os.environ.get("DATABASE_URL"):
        OUT.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{DEFAULT_SQLITE}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.setdefault("DEBUG", "false")  # no query log while inserting
    import django

    django.setup()
    return os.environ["DATABASE_URL"]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _npi(rng: random.Random) -> str:
    from curbside.physicians.npi import NPI_PREFIX, luhn_check_digit

    payload = "1" + "".join(str(rng.randrange(10)) for _ in range(8))
    return payload + str(luhn_check_digit(NPI_PREFIX + payload))


class Generator:
    """Builds rows in memory and writes them with bulk_create, batch by batch."""

    def __init__(self, seed: int, n_physicians: int, n_members: int,
                 answers: int = ANSWERS_PER_QUESTION):  # fmt: skip
        self.seed = seed
        self.answers = answers
        self.n_physicians = n_physicians
        self.n_members = n_members

    # --- pools ---------------------------------------------------------------

    def ensure_topics(self):
        from django.utils.text import slugify

        from curbside.topics.models import Topic

        self.specialties, self.topics, self.words = [], [], {}
        for spec_name, children in SPECIALTIES.items():
            spec, _created = Topic.objects.get_or_create(
                slug=slugify(spec_name),
                defaults={"name": spec_name, "kind": Topic.Kind.SPECIALTY},
            )
            self.specialties.append(spec)
            for name, words in children.items():
                topic, _created = Topic.objects.get_or_create(
                    slug=slugify(name),
                    defaults={"name": name, "kind": Topic.Kind.CONDITION,
                              "parent": spec},
                )  # fmt: skip
                self.topics.append(topic)
                self.words[topic.pk] = words

    def ensure_physicians(self):
        from django.utils.text import slugify

        from curbside.accounts.models import User
        from curbside.physicians.models import PhysicianProfile

        rng = random.Random(f"{self.seed}:physicians")
        emails = [f"doctor{i:04d}@{EMAIL_DOMAIN}" for i in range(self.n_physicians)]
        existing = set(
            User.objects.filter(email__in=emails).values_list("email", flat=True)
        )
        stamp = EPOCH - timedelta(days=30)
        users, profiles, specs = [], [], []
        for i, email in enumerate(emails):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            degree = rng.choice(["MD", "MD", "MD", "DO", "MBBS"])
            spec_idx = sorted({i % 8, rng.randrange(8)})
            npi = _npi(rng)
            if email in existing:
                continue
            name = f"{first} {last}"
            users.append(User(
                username=email, email=email, first_name=first, last_name=last,
                password="!bench", email_confirmed=True, pseudonym=f"Doctor{i}",
                date_joined=stamp,
            ))  # fmt: skip
            profiles.append(PhysicianProfile(
                name=name, slug=f"{slugify(name)}-{i}", degree=degree, npi=npi,
                status=PhysicianProfile.Status.VERIFIED, verified_at=stamp,
                created_at=stamp, practice_name=f"{last} Clinic",
                bio=f"{name} has practised for {5 + i % 25} years.",
            ))  # fmt: skip
            specs.append(spec_idx)
        if users:
            users = User.objects.bulk_create(users)
            for user, profile in zip(users, profiles, strict=True):
                profile.user_id = user.pk
            profiles = PhysicianProfile.objects.bulk_create(profiles)
            through = PhysicianProfile.specialties.through
            through.objects.bulk_create(
                through(physicianprofile_id=p.pk, topic_id=self.specialties[s].pk)
                for p, idx in zip(profiles, specs, strict=True)
                for s in idx
            )
        # Physicians by specialty, so answers come from the right people.
        self.by_specialty = {spec.pk: [] for spec in self.specialties}
        rows = PhysicianProfile.specialties.through.objects.filter(
            physicianprofile__user__email__in=emails
        ).values_list("topic_id", "physicianprofile_id")
        for topic_id, physician_id in rows.order_by("physicianprofile_id"):
            self.by_specialty.setdefault(topic_id, []).append(physician_id)
        return len(users)

    def ensure_members(self):
        from curbside.accounts.models import User

        emails = [f"member{i:06d}@{EMAIL_DOMAIN}" for i in range(self.n_members)]
        existing = set(
            User.objects.filter(email__in=emails).values_list("email", flat=True)
        )
        rng = random.Random(f"{self.seed}:members")
        stamp = EPOCH - timedelta(days=60)
        new = []
        for i, email in enumerate(emails):
            first = rng.choice(FIRST_NAMES)
            if email not in existing:
                new.append(User(
                    username=email, email=email, display_name=f"{first} M{i}",
                    pseudonym=f"Member{i}", password="!bench", email_confirmed=True,
                    date_joined=stamp,
                ))  # fmt: skip
        if new:
            User.objects.bulk_create(new, batch_size=BATCH)
        self.members = list(
            User.objects.filter(email__in=emails)
            .order_by("pk")
            .values_list("pk", "display_name", "pseudonym")
        )
        return len(new)

    # --- text ----------------------------------------------------------------

    def _fill(self, rng: random.Random, template: str, words: list[str], topic):
        sym, sym2 = rng.sample(words + GENERIC_SYMPTOMS[:3], 2)
        person = rng.choice(PEOPLE)
        values = {
            "sym": sym, "Sym": _cap(sym), "sym2": sym2,
            "trig": rng.choice(TRIGGERS), "trig2": rng.choice(TRIGGERS),
            "dur": rng.choice(DURATIONS), "tried": rng.choice(TRIED),
            "cause": rng.choice(CAUSES), "advice": rng.choice(ADVICE),
            "advice2": rng.choice(ADVICE), "flag": rng.choice(RED_FLAGS),
            "topic_l": topic.name.lower(), "Person": _cap(person),
        }  # fmt: skip
        return template.format(**values)

    def _sentences(self, rng, templates, count, words, topic) -> list[str]:
        return [self._fill(rng, t, words, topic) for t in rng.sample(templates, count)]

    # --- questions -----------------------------------------------------------

    def build_batch(self, start: int, count: int):
        from curbside.core.markdown import render_markdown
        from curbside.questions.models import Answer, HelpfulVote, Question
        from curbside.questions.services import question_slug

        questions, plans = [], []
        for index in range(start, start + count):
            rng = random.Random(f"{self.seed}:q:{index}")
            topics = rng.sample(self.topics, TOPICS_PER_QUESTION)
            main = topics[0]
            words = self.words[main.pk] + self.words[topics[1].pk][:1]
            title = self._fill(rng, rng.choice(TITLE_TEMPLATES), words, main)
            body = " ".join(
                self._sentences(rng, BODY_TEMPLATES, rng.randint(3, 6), words, main)
            )
            asker_pk, display_name, pseudonym = rng.choice(self.members)
            anonymous = rng.random() < 0.3
            created = EPOCH + timedelta(seconds=rng.randrange(SPAN_SECONDS))
            pool = self.by_specialty[main.parent_id]
            physicians = rng.sample(pool, self.answers)
            answers = []
            for physician_pk in physicians:
                sentences = self._sentences(
                    rng, ANSWER_TEMPLATES, rng.randint(3, 8), words, main
                )
                cut = len(sentences) // 2
                text = " ".join(sentences[:cut]) + "\n\n" + " ".join(sentences[cut:])
                when = created + timedelta(minutes=rng.randint(10, 14 * 24 * 60))
                voters = rng.sample(self.members, rng.randint(0, 3))
                answers.append((physician_pk, text, when, [v[0] for v in voters]))
            last = max(a[2] for a in answers)
            helpful = sum(len(a[3]) for a in answers)
            questions.append(Question(
                asker_id=asker_pk, asker_name=pseudonym if anonymous else display_name,
                is_anonymous=anonymous, title=title, slug=question_slug(title),
                body=body, age_range=rng.choice(Question.AgeRange.values),
                sex=rng.choice(Question.Sex.values),
                duration=rng.choice(Question.Duration.values), created_at=created,
                answer_count=len(answers), helpful_count=helpful,
                last_answered_at=last, needs_answer_since=None,
            ))  # fmt: skip
            plans.append((topics, answers))

        questions = Question.objects.bulk_create(questions)
        through = Question.topics.through
        through.objects.bulk_create(
            through(question_id=q.pk, topic_id=t.pk)
            for q, (topics, _answers) in zip(questions, plans, strict=True)
            for t in topics
        )
        answer_rows, vote_plans = [], []
        for question, (_topics, answers) in zip(questions, plans, strict=True):
            for physician_pk, text, when, voters in answers:
                answer_rows.append(Answer(
                    question_id=question.pk, physician_id=physician_pk, body=text,
                    body_html=render_markdown(text), created_at=when,
                    last_reviewed_at=when, helpful_count=len(voters),
                ))  # fmt: skip
                vote_plans.append((when, voters))
        answer_rows = Answer.objects.bulk_create(answer_rows)
        votes = [
            HelpfulVote(answer_id=answer.pk, user_id=voter,
                        created_at=when + timedelta(hours=1 + n))
            for answer, (when, voters) in zip(answer_rows, vote_plans, strict=True)
            for n, voter in enumerate(voters)
        ]  # fmt: skip
        HelpfulVote.objects.bulk_create(votes)
        return len(answer_rows), len(votes)


def recount_physicians() -> None:
    """Set each physician's answer and helpful-vote counters from the answers."""
    from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
    from django.db.models.functions import Coalesce

    from curbside.physicians.models import PhysicianProfile
    from curbside.questions.models import Answer

    mine = Answer.objects.filter(physician=OuterRef("pk"), is_removed=False)
    PhysicianProfile.objects.update(
        answer_count=Coalesce(
            Subquery(
                mine.values("physician").annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            0,
        ),
        helpful_count=Coalesce(
            Subquery(
                mine.values("physician").annotate(n=Sum("helpful_count")).values("n"),
                output_field=IntegerField(),
            ),
            0,
        ),
    )


def index_size() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_lexical")
        return cursor.fetchone()[0]


def write_urls(path: Path, count: int, seed: int) -> int:
    """Canonical URLs of ``count`` random visible questions, one a line."""
    from curbside.questions.models import Question

    ids = list(
        Question.objects.filter(is_removed=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = random.Random(f"{seed}:urls").sample(ids, min(count, len(ids)))
    questions = Question.objects.in_bulk(chosen)
    lines = [questions[pk].get_absolute_url() for pk in chosen]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")
    return len(lines)


def main(argv=None) -> int:
    args = parse_args(argv)
    url = setup_django(args.database_url)

    from django.core.management import call_command
    from django.db import connection, transaction
    from tqdm import tqdm

    from curbside.accounts.models import User
    from curbside.questions.models import Answer, HelpfulVote, Question
    from curbside.search.services import search_rebuild

    started = time.monotonic()
    shown = url.split("@")[-1] if "@" in url else url
    print(f"Database: {connection.vendor} ({shown})")
    call_command("migrate", interactive=False, verbosity=0)

    gen = Generator(args.seed, args.physicians, args.members, args.answers)
    with transaction.atomic():
        gen.ensure_topics()
        new_physicians = gen.ensure_physicians()
        new_members = gen.ensure_members()
    print(f"Pools: {len(gen.topics)} topics under {len(gen.specialties)} "
          f"specialties, {new_physicians} new physicians, {new_members} new "
          "members")  # fmt: skip

    have = Question.objects.count()
    todo = max(0, args.questions - have)
    made_answers = made_votes = 0
    if todo:
        with tqdm(total=todo, unit="q", desc="questions", smoothing=0.1) as bar:
            done = 0
            while done < todo:
                size = min(BATCH, todo - done)
                with transaction.atomic():
                    answers, votes = gen.build_batch(have + done, size)
                made_answers += answers
                made_votes += votes
                done += size
                bar.update(size)
        with transaction.atomic():
            recount_physicians()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    else:
        print(f"The database already holds {have} questions: nothing to add.")
    generated = time.monotonic() - started

    total = Question.objects.count()
    if args.no_index:
        print("Search index: not rebuilt (--no-index).")
    elif todo or index_size() != Question.objects.filter(is_removed=False).count():
        with tqdm(total=total, unit="q", desc="search index", smoothing=0.1) as bar:
            search_rebuild(progress=bar.update)
    else:
        print("Search index: already up to date.")

    if args.urls_out:
        written = write_urls(args.urls_out, args.urls_count, args.seed)
        print(f"Wrote {written} question URLs to {args.urls_out}")

    elapsed = time.monotonic() - started
    rate = f", {todo / generated:,.0f} questions/s" if todo and generated else ""
    print(
        f"Done in {elapsed:,.1f} s (data {generated:,.1f} s{rate}). The database "
        f"holds {total:,} questions, {Answer.objects.count():,} answers, "
        f"{HelpfulVote.objects.count():,} helpful votes, "
        f"{User.objects.count():,} users; added {todo:,} questions, "
        f"{made_answers:,} answers, {made_votes:,} votes."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
