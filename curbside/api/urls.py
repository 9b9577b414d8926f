"""The REST API at /api/v1/: one ``NinjaAPI``, a router per resource.

The interactive documentation is at /api/v1/docs and the OpenAPI document at
/api/v1/openapi.json.
"""

from ninja import NinjaAPI

from curbside.api import (
    answers,
    consensus,
    fallback,
    me,
    physicians,
    questions,
    search,
    topics,
    triage,
)
from curbside.api.errors import install_error_handlers, json_method_not_allowed


class CurbsideAPI(NinjaAPI):
    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            pattern.callback = json_method_not_allowed(pattern.callback)
        return patterns, app_name, namespace


api = CurbsideAPI(
    title="Curbside API",
    version="1",
    urls_namespace="api",
    description=(
        "Read questions, answers, topics and physicians; ask, answer and vote "
        "with a personal API token (Authorization: Bearer <token>)."
    ),
)
install_error_handlers(api)

api.add_router("/questions", questions.router)
api.add_router("/questions", consensus.router)
api.add_router("/answers", answers.router)
api.add_router("/topics", topics.router)
api.add_router("/physicians", physicians.router)
api.add_router("/search", search.router)
api.add_router("/me", me.router)
api.add_router("/triage", triage.router)
# Last: it matches every path the routers above did not.
api.add_router("", fallback.router)
