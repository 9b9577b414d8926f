"""Sitemaps for search engines: answered questions, topics and physicians.

Unanswered and removed questions are left out on purpose: they are not offered to
search engines until a physician has answered. URLs are built from ``SITE_URL`` so
the sitemap names the public address even behind a proxy.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from curbside.physicians.selectors import public_physicians
from curbside.questions.selectors import listed_questions
from curbside.topics.models import Topic


class SiteUrlSitemap(Sitemap):
    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"


class QuestionSitemap(SiteUrlSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return (
            listed_questions()
            .filter(answer_count__gt=0)
            .only("pk", "slug", "created_at", "last_answered_at", "edited_at")
            .order_by("pk")
        )

    def lastmod(self, question):
        stamps = [question.created_at, question.last_answered_at, question.edited_at]
        return max(stamp for stamp in stamps if stamp is not None)


class TopicSitemap(SiteUrlSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Topic.objects.only("pk", "slug").order_by("pk")


class PhysicianSitemap(SiteUrlSitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return public_physicians().only("pk", "slug").order_by("pk")


SITEMAPS = {
    "questions": QuestionSitemap,
    "topics": TopicSitemap,
    "physicians": PhysicianSitemap,
}
