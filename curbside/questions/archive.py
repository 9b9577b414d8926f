"""Import and export of question archives as JSON Lines: one question a line.

This is the import service of the questions app: it writes questions, answers and
agreements directly (imported content has no asker account and its physicians have
no login), keeps every counter the rest of Curbside relies on consistent, and
announces each question after it commits so the search index and page caches follow.

The format is described in ``docs/import-export.md``. Each line is validated on its
own; a bad line is reported with its number and a message that says what to fix,
and the other lines are still imported (unless ``strict``). Importing the same file
again adds nothing twice: a question is recognised by its ``import_key``, a hash of
its normalised title, body and (when given) the time it was asked.
"""

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TextIO

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Count, F, Max, Prefetch, Q
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from curbside.accounts.models import generate_pseudonym
from curbside.core.clock import now
from curbside.core.errors import CurbsideError
from curbside.core.markdown import render_markdown
from curbside.physicians.models import PhysicianProfile
from curbside.physicians.services import physician_get_or_import
from curbside.questions.events import announce_question_changed
from curbside.questions.models import (
    ANSWER_MAX,
    BODY_MAX,
    MAX_TOPICS,
    TITLE_MAX,
    Agreement,
    Answer,
    Question,
)
from curbside.questions.services import question_slug
from curbside.topics.models import Topic
from curbside.topics.services import topic_get_or_create

Stance = Agreement.Stance

#: Field limits, read from the models so the importer never drifts from them.
ASKER_NAME_MAX = Question._meta.get_field("asker_name").max_length
PHYSICIAN_NAME_MAX = PhysicianProfile._meta.get_field("name").max_length
CREDENTIALS_MAX = PhysicianProfile._meta.get_field("credentials").max_length
TOPIC_NAME_MAX = Topic._meta.get_field("name").max_length
REASON_MAX = Agreement._meta.get_field("reason").max_length
EXPORT_CHUNK = 200

_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_JSON_TYPES = {
    dict: "an object", list: "an array", str: "a string", int: "a number",
    float: "a number", bool: "true/false", type(None): "null",
}  # fmt: skip


# --------------------------------------------------------------------------- report


@dataclass
class ImportReport:
    """What an import did. ``errors`` lists ``(line number, message)``."""

    questions_created: int = 0
    questions_skipped: int = 0  # already present
    answers_created: int = 0
    physicians_created: int = 0
    topics_created: int = 0
    agreements_created: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    def add(self, other: "ImportReport") -> None:
        for name in _COUNTERS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def summary(self) -> str:
        """One sentence for people, e.g. "Imported 40 questions (2 already
        present), 123 answers, 12 new physicians, 14 new topics, 30 agreements."
        """
        questions = self.questions_created + self.questions_skipped
        parts = [
            ngettext("%(n)d question", "%(n)d questions", questions) % {"n": questions}
            + (
                " " + _("(%(n)d already present)") % {"n": self.questions_skipped}
                if self.questions_skipped
                else ""
            ),
            ngettext("%(n)d answer", "%(n)d answers", self.answers_created)
            % {"n": self.answers_created},
            ngettext(
                "%(n)d new physician", "%(n)d new physicians", self.physicians_created
            )
            % {"n": self.physicians_created},
            ngettext("%(n)d new topic", "%(n)d new topics", self.topics_created)
            % {"n": self.topics_created},
            ngettext("%(n)d agreement", "%(n)d agreements", self.agreements_created)
            % {"n": self.agreements_created},
        ]
        return _("Imported %(parts)s.") % {"parts": ", ".join(parts)}


_COUNTERS = (
    "questions_created", "questions_skipped", "answers_created",
    "physicians_created", "topics_created", "agreements_created",
)  # fmt: skip


# -------------------------------------------------------------------------- parsing


class _LineError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class _Physician:
    name: str
    credentials: str = ""
    specialties: list[str] = field(default_factory=list)


@dataclass
class _Answer:
    body: str
    answered_at: datetime
    physician: _Physician
    agreed_by: list[str]
    disagreed_by: list[tuple[str, str]]


@dataclass
class _Record:
    title: str
    body: str
    topics: list[str]
    asked_at: datetime
    asked_at_given: bool
    asker_name: str
    anonymous: bool
    answers: list[_Answer]


def _json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _object(value: Any, path: str, *, required: bool) -> dict:
    if value is None and not required:
        return {}
    if value is None:
        raise _LineError(_('"%(field)s" is missing.') % {"field": path})
    if not isinstance(value, dict):
        raise _LineError(
            _('"%(field)s" must be an object ({…}), not %(type)s.')
            % {"field": path, "type": _json_type(value)}
        )
    return value


def _array(value: Any, path: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _LineError(
            _('"%(field)s" must be an array ([…]), not %(type)s.')
            % {"field": path, "type": _json_type(value)}
        )
    return value


def _text(
    value: Any, path: str, *, max_length: int, required: bool, one_line: bool = False
) -> str:
    if value is None:
        if required:
            raise _LineError(_('"%(field)s" is missing.') % {"field": path})
        return ""
    if not isinstance(value, str):
        raise _LineError(
            _('"%(field)s" must be a string, not %(type)s.')
            % {"field": path, "type": _json_type(value)}
        )
    value = _squash(value) if one_line else value.strip()
    if required and not value:
        raise _LineError(_('"%(field)s" is empty.') % {"field": path})
    if len(value) > max_length:
        raise _LineError(
            _('"%(field)s" is too long: %(length)d characters, at most %(max)d.')
            % {"field": path, "length": len(value), "max": max_length}
        )
    return value


def _name(value: Any, path: str, *, max_length: int) -> str:
    """A physician's or topic's name: letters or digits, on one line."""
    name = _text(value, path, max_length=max_length, required=True, one_line=True)
    if not slugify(name):
        raise _LineError(
            _('"%(field)s" needs letters or digits: %(value)s')
            % {"field": path, "value": json.dumps(name, ensure_ascii=False)}
        )
    return name


def _datetime(value: Any, path: str, default: datetime) -> tuple[datetime, bool]:
    """An ISO 8601 date and time; naive ones are UTC; missing ones ``default``."""
    if value is None or value == "":
        return default, False
    if not isinstance(value, str):
        raise _LineError(
            _('"%(field)s" must be a date and time as a string, not %(type)s.')
            % {"field": path, "type": _json_type(value)}
        )
    try:
        parsed = datetime.fromisoformat(value.strip())
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        parsed.astimezone(UTC)  # out of range near the years 1 and 9999
    except (ValueError, OverflowError):
        raise _LineError(
            _('"%(field)s" is not an ISO 8601 date and time (for example '
              '2024-05-01T14:30:00Z): %(value)s')
            % {"field": path, "value": json.dumps(value, ensure_ascii=False)}
        ) from None  # fmt: skip
    return parsed, True


def _physician(value: Any, path: str) -> _Physician:
    data = _object(value, path, required=True)
    specialties = [
        _name(s, f"{path}.specialties[{i}]", max_length=TOPIC_NAME_MAX)
        for i, s in enumerate(_array(data.get("specialties"), f"{path}.specialties"))
    ]
    return _Physician(
        name=_name(data.get("name"), f"{path}.name", max_length=PHYSICIAN_NAME_MAX),
        credentials=_text(data.get("credentials"), f"{path}.credentials",
                          max_length=CREDENTIALS_MAX, required=False, one_line=True),
        specialties=list(dict.fromkeys(specialties)),
    )  # fmt: skip


def _answer(value: Any, path: str, asked_at: datetime, stamp: datetime) -> _Answer:
    data = _object(value, path, required=True)
    body = _text(data.get("body"), f"{path}.body", max_length=ANSWER_MAX,
                 required=True)  # fmt: skip
    physician = _physician(data.get("physician"), f"{path}.physician")
    answered_at, _given = _datetime(
        data.get("answered_at"), f"{path}.answered_at", max(stamp, asked_at)
    )
    agreed_by = [
        _name(n, f"{path}.agreed_by[{i}]", max_length=PHYSICIAN_NAME_MAX)
        for i, n in enumerate(_array(data.get("agreed_by"), f"{path}.agreed_by"))
    ]
    disagreed_by: list[tuple[str, str]] = []
    for i, item in enumerate(_array(data.get("disagreed_by"), f"{path}.disagreed_by")):
        where = f"{path}.disagreed_by[{i}]"
        item = _object(item, where, required=True)
        name = _name(item.get("name"), f"{where}.name", max_length=PHYSICIAN_NAME_MAX)
        reason = _text(item.get("reason"), f"{where}.reason", max_length=REASON_MAX,
                       required=True)  # fmt: skip
        disagreed_by.append((name, reason))
    both = set(agreed_by) & {name for name, _reason in disagreed_by}
    if both:
        raise _LineError(
            _("%(path)s: %(name)s both agrees and disagrees; keep one of the two.")
            % {"path": path, "name": sorted(both)[0]}
        )
    return _Answer(
        body=body, answered_at=answered_at, physician=physician,
        agreed_by=list(dict.fromkeys(agreed_by)),
        disagreed_by=list(dict(disagreed_by).items()),
    )  # fmt: skip


def _parse_line(line: str) -> _Record | None:
    """One line of the archive as a record, ``None`` for a blank line.

    Raises ``_LineError`` with a message that says what to fix.
    """
    line = line.lstrip("\ufeff").strip()
    if not line:
        return None
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        raise _LineError(
            _("This line is not valid UTF-8 text; save the file as UTF-8.")
        ) from None
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _LineError(
            _("This line is not valid JSON (%(error)s at column %(column)d).")
            % {"error": exc.msg, "column": exc.colno}
        ) from None
    if not isinstance(data, dict):
        raise _LineError(
            _("Each line must be one JSON object ({…}) for one question, not "
              "%(type)s.") % {"type": _json_type(data)}
        )  # fmt: skip
    title = _text(data.get("title"), "title", max_length=TITLE_MAX, required=True,
                  one_line=True)  # fmt: skip
    body = _text(data.get("body"), "body", max_length=BODY_MAX, required=True)
    topics = [
        _name(t, f"topics[{i}]", max_length=TOPIC_NAME_MAX)
        for i, t in enumerate(_array(data.get("topics"), "topics"))
    ]
    topics = list(dict.fromkeys(topics))
    if len(topics) > MAX_TOPICS:
        raise _LineError(
            _('"topics" has %(n)d topics; a question can have at most %(max)d.')
            % {"n": len(topics), "max": MAX_TOPICS}
        )
    stamp = now()
    asked_at, asked_at_given = _datetime(data.get("asked_at"), "asked_at", stamp)
    asker = _object(data.get("asker"), "asker", required=False)
    asker_name = _text(asker.get("display_name"), "asker.display_name",
                       max_length=ASKER_NAME_MAX, required=False, one_line=True)  # fmt: skip
    anonymous = asker.get("anonymous", False)
    if not isinstance(anonymous, bool):
        raise _LineError(_('"asker.anonymous" must be true or false.'))
    answers, seen = [], {}
    for i, item in enumerate(_array(data.get("answers"), "answers")):
        answer = _answer(item, f"answers[{i}]", asked_at, stamp)
        name = answer.physician.name
        if name in seen:
            raise _LineError(
                _("answers[%(i)d]: %(name)s already answered this question in "
                  "answers[%(first)d]; a physician answers a question once.")
                % {"i": i, "name": name, "first": seen[name]}
            )  # fmt: skip
        seen[name] = i
        answers.append(answer)
    return _Record(
        title=title, body=body, topics=topics, asked_at=asked_at,
        asked_at_given=asked_at_given, asker_name=asker_name,
        anonymous=anonymous or not asker_name, answers=answers,
    )  # fmt: skip


def import_key(title: str, body: str, asked_at: datetime | None = None) -> str:
    """The stable identity of an archived question (64 hex digits)."""
    parts = [_squash(title).casefold(), _squash(body).casefold()]
    if asked_at is not None:
        parts.append(asked_at.astimezone(UTC).isoformat())
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


# -------------------------------------------------------------------------- writing


@dataclass
class _Cache:
    """Physicians and topics met so far, by the name used in the archive."""

    physicians: dict[str, tuple[PhysicianProfile, frozenset[str]]] = field(
        default_factory=dict
    )
    topics: dict[str, Topic] = field(default_factory=dict)

    def update(self, other: "_Cache") -> None:
        self.physicians.update(other.physicians)
        self.topics.update(other.topics)


def _clean(instance, exclude: list[str]) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False,
                            validate_constraints=False)  # fmt: skip
    except ValidationError as exc:
        raise _LineError(" ".join(exc.messages)) from None


def _topic_exists(name: str) -> bool:
    """Mirrors the lookup of ``topic_get_or_create``: by slug, then by name."""
    name = _squash(name)
    return Topic.objects.filter(
        Q(slug=slugify(name)[:TOPIC_NAME_MAX]) | Q(name__iexact=name)
    ).exists()


def _slug_to_name(slug: str) -> str:
    name = slug.replace("-", " ")
    name = name[:1].upper() + name[1:]
    return name if slugify(name) == slug else slug


class _Importer:
    """Writes records. Caches only what committed lines created, so a line that
    is rolled back never leaves a dangling reference behind."""

    def __init__(self):
        self.cache = _Cache()
        self.posted_here: dict[str, int] | None = None

    def import_record(self, record: _Record) -> ImportReport:
        """Write one record in its own transaction (a savepoint when nested)."""
        stats, staged = ImportReport(), _Cache()
        try:
            with transaction.atomic():
                self._write(record, stats, staged)
        except CurbsideError as exc:
            raise _LineError(str(exc.message)) from None
        except DatabaseError as exc:
            raise _LineError(
                _("The database refused this line: %(error)s") % {"error": exc}
            ) from None
        self.cache.update(staged)
        return stats

    # Lookups ---------------------------------------------------------------------

    def _find_physician(self, name: str, staged: _Cache):
        return staged.physicians.get(name) or self.cache.physicians.get(name)

    def _get_physician(
        self, wanted: _Physician, stats: ImportReport, staged: _Cache
    ) -> PhysicianProfile:
        cached = self._find_physician(wanted.name, staged)
        known = cached[1] if cached else frozenset()
        if cached and known.issuperset(wanted.specialties):
            return cached[0]
        if (
            cached is None
            and not PhysicianProfile.objects.filter(name=wanted.name).exists()
        ):
            stats.physicians_created += 1
        new_specialties = [s for s in wanted.specialties if s not in known]
        stats.topics_created += sum(1 for s in new_specialties if not _topic_exists(s))
        profile = physician_get_or_import(
            name=wanted.name, credentials=wanted.credentials,
            specialties=new_specialties,
        )  # fmt: skip
        staged.physicians[wanted.name] = (profile, known | set(wanted.specialties))
        return profile

    def _get_topic(self, value: str, stats: ImportReport, staged: _Cache) -> Topic:
        topic = staged.topics.get(value) or self.cache.topics.get(value)
        if topic is not None:
            return topic
        name = value
        if _SLUG_RE.fullmatch(value):
            topic = Topic.objects.filter(slug=value).first()
            name = _slug_to_name(value)
        if topic is None:
            if not _topic_exists(name):
                stats.topics_created += 1
            topic = topic_get_or_create(name=name)
        staged.topics[value] = topic
        return topic

    def _existing_question(self, record: _Record, key: str) -> Question | None:
        if not record.asked_at_given:
            return Question.objects.filter(import_key=key).first()
        # An archive exported from a Curbside site dates every question; its
        # questions may have been imported there without a date, or posted there.
        bare_key = import_key(record.title, record.body)
        for question in Question.objects.filter(import_key__in=[key, bare_key]):
            if question.import_key == key or question.created_at == record.asked_at:
                return question
        pk = self._posted_here().get(key)
        return Question.objects.filter(pk=pk).first() if pk else None

    def _posted_here(self) -> dict[str, int]:
        """Import keys of the questions posted on this site (they have none
        stored), computed once per import and only when needed."""
        if self.posted_here is None:
            rows = Question.objects.filter(import_key__isnull=True).values_list(
                "pk", "title", "body", "created_at"
            )
            self.posted_here = {
                import_key(title, body, created_at): pk
                for pk, title, body, created_at in rows.iterator(chunk_size=2000)
            }
        return self.posted_here

    # Writes ----------------------------------------------------------------------

    def _write(self, record: _Record, stats: ImportReport, staged: _Cache) -> None:
        key = import_key(
            record.title,
            record.body,
            record.asked_at if record.asked_at_given else None,
        )
        question = self._existing_question(record, key)
        created = question is None
        if created:
            question = self._create_question(record, key, stats, staged)
            answers_by_physician: dict[int, Answer] = {}
        else:
            stats.questions_skipped += 1
            answers_by_physician = {a.physician_id: a for a in question.answers.all()}
        changed = created
        new_answers: list[Answer] = []
        stance_rows: list[Agreement] = []
        for item in record.answers:
            physician = self._get_physician(item.physician, stats, staged)
            answer = answers_by_physician.get(physician.pk)
            before = (
                {}
                if answer is None
                else dict(answer.agreements.values_list("physician_id", "stance"))
            )
            stances = self._new_stances(item, physician, before, stats, staged)
            if answer is None:
                answer = self._build_answer(question, physician, item, stances)
                answers_by_physician[physician.pk] = answer
                new_answers.append(answer)
            elif stances:
                counted = [*before.values(), *(stance for _p, stance, _r in stances)]
                Answer.objects.filter(pk=answer.pk).update(
                    agree_count=counted.count(Stance.AGREE),
                    disagree_count=counted.count(Stance.DISAGREE),
                )
            stance_rows += [
                Agreement(answer=answer, physician=p, stance=stance, reason=reason)
                for p, stance, reason in stances
            ]
        if new_answers:
            # One answer per physician per question, so one row per physician.
            Answer.objects.bulk_create(new_answers)
            PhysicianProfile.objects.filter(
                pk__in=[a.physician_id for a in new_answers]
            ).update(answer_count=F("answer_count") + 1)
        if stance_rows:
            Agreement.objects.bulk_create(stance_rows)
            stats.agreements_created += len(stance_rows)
            changed = True
        if new_answers:
            stats.answers_created += len(new_answers)
            changed = True
            if not created:
                self._recount_question(question)
        if changed:
            announce_question_changed(question.pk)

    def _create_question(
        self, record: _Record, key: str, stats: ImportReport, staged: _Cache
    ) -> Question:
        answered = [a.answered_at for a in record.answers]
        question = Question(
            asker=None, asker_name=record.asker_name or generate_pseudonym(),
            is_anonymous=record.anonymous, title=record.title,
            slug=question_slug(record.title), body=record.body,
            created_at=record.asked_at, answer_count=len(answered),
            last_answered_at=max(answered, default=None),
            needs_answer_since=None if answered else record.asked_at,
            import_key=key,
        )  # fmt: skip
        _clean(question, exclude=["asker", "topics"])
        question.save()
        topics = {t.pk: t for t in (self._get_topic(v, stats, staged)
                                    for v in record.topics)}  # fmt: skip
        if topics:
            question.topics.add(*topics.values())
        stats.questions_created += 1
        return question

    def _new_stances(
        self,
        item: _Answer,
        author: PhysicianProfile,
        before: dict[int, str],
        stats: ImportReport,
        staged: _Cache,
    ) -> list[tuple[PhysicianProfile, str, str]]:
        """The stances on this answer not recorded yet; the author's is ignored."""
        wanted = [(name, Stance.AGREE, "") for name in item.agreed_by] + [
            (name, Stance.DISAGREE, reason) for name, reason in item.disagreed_by
        ]
        taken, stances = set(before), []
        for name, stance, reason in wanted:
            physician = self._get_physician(_Physician(name=name), stats, staged)
            if physician.pk == author.pk or physician.pk in taken:
                continue
            taken.add(physician.pk)
            stances.append((physician, stance, reason))
        return stances

    def _build_answer(
        self,
        question: Question,
        physician: PhysicianProfile,
        item: _Answer,
        stances: list[tuple[PhysicianProfile, str, str]],
    ) -> Answer:
        kinds = [stance for _p, stance, _r in stances]
        answer = Answer(
            question=question, physician=physician, body=item.body,
            body_html=render_markdown(item.body), created_at=item.answered_at,
            last_reviewed_at=item.answered_at,
            agree_count=kinds.count(Stance.AGREE),
            disagree_count=kinds.count(Stance.DISAGREE),
        )  # fmt: skip
        _clean(answer, exclude=["question", "physician", "body_html"])
        return answer

    def _recount_question(self, question: Question) -> None:
        live = Q(answers__is_removed=False)
        counts = Question.objects.filter(pk=question.pk).aggregate(
            n=Count("answers", filter=live),
            last=Max("answers__created_at", filter=live),
        )
        Question.objects.filter(pk=question.pk).update(
            answer_count=counts["n"], last_answered_at=counts["last"],
            needs_answer_since=None if counts["n"] else question.needs_answer_since,
        )  # fmt: skip


# --------------------------------------------------------------------------- import


def archive_import(
    *,
    lines: Iterable[str],
    strict: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import an archive, one JSON object (one question) a line.

    Each line commits on its own; a bad line is listed in ``report.errors`` with
    its number and the others are imported. With ``strict=True`` nothing is
    imported when any line is bad, and every bad line is listed. ``progress`` is
    called with the number of lines just processed.
    """
    tick = progress or (lambda n: None)
    report, importer = ImportReport(), _Importer()
    if not strict:
        for number, line in enumerate(lines, start=1):
            try:
                record = _parse_line(line)
                if record is not None:
                    report.add(importer.import_record(record))
            except _LineError as exc:
                report.errors.append((number, exc.message))
            tick(1)
        return report

    records, total = [], 0
    for total, line in enumerate(lines, start=1):
        try:
            record = _parse_line(line)
        except _LineError as exc:
            report.errors.append((total, exc.message))
        else:
            if record is not None:
                records.append((total, record))
    if report.errors:
        tick(total)
        return report
    done = 0
    with transaction.atomic():
        for number, record in records:
            try:
                report.add(importer.import_record(record))
            except _LineError as exc:
                report.errors.append((number, exc.message))
            tick(number - done)
            done = number
        if report.errors:
            transaction.set_rollback(True)
    tick(total - done)
    if report.errors:
        return ImportReport(errors=report.errors)
    return report


# --------------------------------------------------------------------------- export


def _export_queryset():
    agreements = Agreement.objects.select_related("physician").order_by("pk")
    answers = (
        Answer.objects.filter(is_removed=False)
        .select_related("physician")
        .prefetch_related(
            "physician__specialties", Prefetch("agreements", queryset=agreements)
        )
        .order_by("created_at", "pk")
    )
    return (
        Question.objects.filter(is_removed=False)
        .order_by("pk")
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.order_by("slug")),
            Prefetch("answers", queryset=answers),
        )
    )


def _export_physician(physician: PhysicianProfile) -> dict:
    degree = physician.degree if physician.degree != physician.Degree.OTHER else ""
    return {
        "name": physician.name,
        "credentials": physician.credentials or degree,
        "specialties": sorted(t.name for t in physician.specialties.all()),
    }


def _export_record(question: Question) -> dict:
    asker: dict[str, Any] = {"display_name": question.asker_name}
    if question.is_anonymous:
        asker["anonymous"] = True
    answers = []
    for answer in question.answers.all():
        stances = list(answer.agreements.all())
        answers.append({
            "body": answer.body,
            "answered_at": answer.created_at.isoformat(),
            "physician": _export_physician(answer.physician),
            "agreed_by": [a.physician.name for a in stances
                          if a.stance == Stance.AGREE],
            "disagreed_by": [{"name": a.physician.name, "reason": a.reason}
                             for a in stances if a.stance == Stance.DISAGREE],
        })  # fmt: skip
    return {
        "title": question.title,
        "body": question.body,
        "topics": [t.slug for t in question.topics.all()],
        "asked_at": question.created_at.isoformat(),
        "asker": asker,
        "answers": answers,
    }


def archive_export(
    *, out: TextIO, progress: Callable[[int], None] | None = None
) -> int:
    """Write every question that is not removed, oldest id first, one JSON object
    a line, in the format ``archive_import`` reads. Returns how many were written.

    Removed answers are left out; askers appear only by the name readers see.
    """
    written = 0
    for question in _export_queryset().iterator(chunk_size=EXPORT_CHUNK):
        out.write(json.dumps(_export_record(question), ensure_ascii=False) + "\n")
        written += 1
        if progress:
            progress(1)
    return written
