"""The reading side of the site: home, questions, topics, physicians, search.

Views parse the request, call one selector and render. Anonymous readers of the
home, topic and question pages get a copy from the page cache (``web.cache``);
a change to a question bumps its version, so the next reader gets a fresh page.
Members always get a freshly rendered page, since theirs carries per-user parts.
"""

import json
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.sitemaps.views import sitemap
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from curbside.consensus.selectors import consensus_for
from curbside.core.errors import NotFound
from curbside.physicians.selectors import (
    access_physician,
    public_physicians,
    verified_physician_of,
)
from curbside.questions.selectors import (
    access_question,
    answers_by_physician,
    duplicates_of,
    listed_questions,
    most_helpful,
    question_cards,
    question_page,
    questions_in_topic,
    recently_answered,
    redirect_target,
    topics_with_counts,
    unanswered_count,
)
from curbside.search.selectors import Sort, related_questions, search_questions
from curbside.topics.models import Topic
from curbside.topics.selectors import access_topic, topics_under
from curbside.web.cache import CACHE_HEADER, get_page, reader_page_key, set_page
from curbside.web.sitemaps import SITEMAPS

PER_PAGE = 20
HOME_RECENT = 8
HOME_HELPFUL = 5
HOME_TOPICS = 12
RELATED_QUESTIONS = 5
ANSWERED_FILTERS = {"yes": True, "no": False}


# --- helpers ---------------------------------------------------------------------


def _not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
    return render(request, "404.html", {"message": exc.message}, status=404)


def _paginate(request: HttpRequest, items, per_page: int = PER_PAGE):
    """A page of ``items``; a missing, malformed or too-large page number gives
    the nearest real page instead of an error."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def _answered_filter(request: HttpRequest) -> tuple[str, bool | None]:
    value = request.GET.get("answered", "")
    if value not in ANSWERED_FILTERS:
        return "", None
    return value, ANSWERED_FILTERS[value]


def _cacheable(request: HttpRequest) -> bool:
    """Only anonymous readers with nothing personal pending share cached pages.

    A pending flash message (e.g. "You are logged out") belongs to one reader, so
    such a request is rendered fresh and its page is not stored.
    """
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return False
    return len(messages.get_messages(request)) == 0


def _cached(
    request: HttpRequest,
    kind: str,
    ident,
    extra: str,
    build: Callable[[], HttpResponse],
) -> HttpResponse:
    """Serve ``build()`` through the page cache when the reader is anonymous.

    The key is computed before rendering: if the question changes while the page
    is being built, the stale copy is stored under the old version and never
    served again.
    """
    if not _cacheable(request):
        return build()
    key = reader_page_key(kind, ident, extra)
    content = get_page(key)
    if content is not None:
        response = HttpResponse(content)
        response[CACHE_HEADER] = "hit"
        return response
    response = build()
    if response.status_code == 200 and not response.cookies:
        set_page(key, response.content)
        response[CACHE_HEADER] = "miss"
    return response


def _absolute(url: str) -> str:
    return f"{settings.SITE_URL}{url}"


# --- pages -----------------------------------------------------------------------


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    def build():
        filled = [
            t for t in topics_with_counts(Topic.objects.all()) if t.question_total
        ]
        topics = sorted(filled, key=lambda t: (-t.question_total, t.name))[:HOME_TOPICS]
        return render(
            request,
            "web/home.html",
            {
                "recent": list(recently_answered()[:HOME_RECENT]),
                "helpful": list(most_helpful()[:HOME_HELPFUL]),
                "unanswered_total": unanswered_count(),
                "topics": list(topics),
            },
        )

    return _cached(request, "home", "home", "", build)


@require_safe
def questions(request: HttpRequest) -> HttpResponse:
    answered_value, answered = _answered_filter(request)
    qs = listed_questions()
    if answered is True:
        qs = qs.filter(answer_count__gt=0)
    elif answered is False:
        qs = qs.filter(answer_count=0)
    page_obj = _paginate(request, question_cards(qs.order_by("-created_at", "-pk")))
    return render(
        request,
        "web/questions.html",
        {"page_obj": page_obj, "answered": answered_value},
    )


@require_safe
def question_short(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        found = access_question(request.user, pk)
    except NotFound as exc:
        return _not_found(request, exc)
    target = redirect_target(request.user, found)
    if target is not None:
        # Temporary: a moderator can undo the duplicate mark.
        return HttpResponseRedirect(target.get_absolute_url())
    return HttpResponsePermanentRedirect(found.get_absolute_url())


def _qa_jsonld(question, answers) -> str:
    """schema.org QAPage data for search engines, safe to embed in a <script>."""
    url = _absolute(question.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "mainEntity": {
            "@type": "Question",
            "name": question.title,
            "text": question.body,
            "answerCount": len(answers),
            "upvoteCount": question.helpful_count,
            "dateCreated": question.created_at.isoformat(),
            "author": {"@type": "Person", "name": question.asker_name},
            "suggestedAnswer": [
                {
                    "@type": "Answer",
                    "text": strip_tags(answer.body_html).strip(),
                    "dateCreated": answer.created_at.isoformat(),
                    "dateModified": answer.last_reviewed_at.isoformat(),
                    "upvoteCount": answer.helpful_count,
                    "url": f"{url}#answer-{answer.pk}",
                    "author": {
                        "@type": "Person",
                        "name": answer.physician.display_name,
                        "url": _absolute(answer.physician.get_absolute_url()),
                    },
                }
                for answer in answers
            ],
        },
    }
    text = json.dumps(data, ensure_ascii=False)
    # The same escaping json_script uses: the data can never close the <script>.
    return text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")


@require_safe
def question(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    def build():
        try:
            found = access_question(request.user, pk)
        except NotFound as exc:
            return _not_found(request, exc)
        target = redirect_target(request.user, found)
        if target is not None:
            # A duplicate sends readers to its target. Not permanently (301):
            # browsers and search engines would remember it after an undo.
            return HttpResponseRedirect(target.get_absolute_url())
        canonical = found.get_absolute_url()
        if canonical != request.path:
            return HttpResponsePermanentRedirect(canonical)
        page = question_page(
            request.user, found, physician=verified_physician_of(request.user)
        )
        return render(
            request,
            "web/question.html",
            {
                "page": page,
                "question": found,
                "answers": page.answers,
                "duplicates": duplicates_of(request.user, found),
                "related": (
                    related_questions(found, limit=RELATED_QUESTIONS)
                    if found.is_answered
                    else []
                ),
                "canonical_url": _absolute(canonical),
                "jsonld": _qa_jsonld(found, page.answers),
                "noindex": not page.answers,
                "consensus": consensus_for(found),
            },
        )

    return _cached(request, "question", pk, slug, build)


@require_safe
def topics(request: HttpRequest) -> HttpResponse:
    every = topics_with_counts(Topic.objects.order_by("name"))
    children: dict[int, list[Topic]] = {}
    for topic in every:
        children.setdefault(topic.parent_id, []).append(topic)
    roots = [
        {"topic": topic, "children": children.get(topic.pk, [])}
        for topic in children.get(None, [])
    ]
    return render(request, "web/topics.html", {"roots": roots})


@require_safe
def topic(request: HttpRequest, slug: str) -> HttpResponse:
    def build():
        try:
            found = access_topic(slug)
        except NotFound:
            return _not_found(
                request, NotFound(_("There is no topic at this address."))
            )
        return render(
            request,
            "web/topic.html",
            {
                "topic": found,
                "subtopics": topics_with_counts(
                    Topic.objects.filter(parent=found).order_by("name")
                ),
                "page_obj": _paginate(request, questions_in_topic(found)),
            },
        )

    page_number = request.GET.get("page", "1")[:8]
    return _cached(request, "topic", slug, page_number, build)


@require_safe
def physicians(request: HttpRequest) -> HttpResponse:
    qs = public_physicians().prefetch_related("specialties").order_by("name", "pk")
    return render(request, "web/physicians.html", {"page_obj": _paginate(request, qs)})


@require_safe
def physician(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        profile = access_physician(request.user, slug)
    except NotFound as exc:
        return _not_found(request, exc)
    return render(
        request,
        "web/physician.html",
        {
            "profile": profile,
            "specialties": list(profile.specialties.all()),
            "page_obj": _paginate(request, answers_by_physician(profile)),
        },
    )


SORT_LABELS = {
    Sort.RELEVANCE: _lazy("Best match"),
    Sort.NEWEST: _lazy("Newest"),
    Sort.HELPFUL: _lazy("Most helpful"),
}


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    answered_value, answered = _answered_filter(request)
    notices = []
    chosen_topic, topic_ids = None, ()
    topic_slug = request.GET.get("topic", "").strip()
    if topic_slug:
        try:
            chosen_topic = access_topic(topic_slug)
        except NotFound:
            notices.append(_(
                "There is no topic called “%(slug)s”, so all topics were searched. "
                "Pick a topic from the list to narrow the search."
            ) % {"slug": topic_slug[:80]})  # fmt: skip
        else:
            topic_ids = tuple(topics_under([chosen_topic]).values_list("pk", flat=True))
    specialties = list(
        Topic.objects.filter(parent=None).order_by("name").only("name", "slug")
    )
    chosen_specialty = None
    specialty_slug = request.GET.get("specialty", "").strip()
    if specialty_slug:
        chosen_specialty = next(
            (t for t in specialties if t.slug == specialty_slug), None
        )
        if chosen_specialty is None:
            notices.append(_(
                "There is no specialty called “%(slug)s”, so answers from every "
                "specialty were searched."
            ) % {"slug": specialty_slug[:80]})  # fmt: skip
    sort = request.GET.get("sort", Sort.RELEVANCE)
    if sort not in SORT_LABELS:
        sort = Sort.RELEVANCE
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1
    options = {
        "topic_ids": topic_ids,
        "answered": answered,
        "specialty_ids": (chosen_specialty.pk,) if chosen_specialty else (),
        "sort": sort,
        "limit": PER_PAGE,
    }
    result = search_questions(query, offset=(number - 1) * PER_PAGE, **options)
    page_obj = Paginator(range(result.total), PER_PAGE).get_page(number)
    if result.total and page_obj.number != number:
        # Past the last page: show the last page rather than an empty one.
        result = search_questions(
            query, offset=(page_obj.number - 1) * PER_PAGE, **options
        )
    return render(
        request,
        "web/search.html",
        {
            "query": query,
            "result": result,
            "page_obj": page_obj,
            "answered": answered_value,
            "topic_slug": chosen_topic.slug if chosen_topic else "",
            "topic_choices": Topic.objects.order_by("name").only("name", "slug"),
            "specialty_slug": chosen_specialty.slug if chosen_specialty else "",
            "specialty_choices": specialties,
            "sort": sort,
            "sort_choices": list(SORT_LABELS.items()),
            "notices": notices,
            "has_query": bool(result.query and query),
            "filtered": bool(topic_slug or answered_value or specialty_slug),
        },
    )


# --- machines --------------------------------------------------------------------


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, 503 otherwise; for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        f"Disallow: {reverse('web:search')}",
        "",
        f"Sitemap: {_absolute(reverse('web:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("", home, name="home"),
    path("questions/", questions, name="questions"),
    path("questions/<int:pk>/", question_short, name="question_short"),
    path("questions/<int:pk>/<slug:slug>/", question, name="question"),
    path("topics/", topics, name="topics"),
    path("topics/<slug:slug>/", topic, name="topic"),
    path("physicians/", physicians, name="physicians"),
    path("physicians/<slug:slug>/", physician, name="physician"),
    path("search/", search, name="search"),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
