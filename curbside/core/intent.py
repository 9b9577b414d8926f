"""What a health question asks, from cue words (pure, English).

Two questions about the same condition can ask different things: how it is
treated, what causes it, whether it is serious. ``question_types`` names the
kinds of answer a question asks for, so the search ranking can tell a question
that only shares the subject from one that asks the same thing. The same cues
read in an answer's sentence name the kind of answer it gives, so the consensus
can put first what speaks to what was asked. It is cheap (one regular expression
per kind, results cached), because it runs while a patient types.
"""

import re
from functools import lru_cache

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)

# Each kind of question and the cues that ask for it. Cues are matched as
# whole words on the lower-cased text; a cue may span words.
_CUES: dict[str, tuple[str, ...]] = {
    "treatment": (
        r"treat\w*", r"cure[sd]?", r"curable", r"remed(?:y|ies)", r"therap(?:y|ies)",
        r"get rid", r"relie(?:f|ve)", r"manag(?:e|ing|ement)", r"heal\w*",
        r"what (?:can|should) (?:i|we|he|she|they) do", r"medicines?",
        r"medications?", r"surgery", r"operation", r"rehabilitation", r"fix",
        r"help with", r"helps?",
    ),
    "cause": (
        r"caus\w*", r"why", r"reasons?", r"what (?:could|would|might) (?:it|this|that) be",
        r"what(?:'s| is) wrong", r"what(?:'s| is) happening", r"triggers?",
        r"due to", r"because of", r"related to", r"linked",
    ),
    "diagnosis": (
        r"diagnos\w*", r"tests?", r"tested", r"testing", r"screen\w*", r"detect\w*",
        r"found", r"scan", r"x ?ray", r"mri", r"biopsy", r"results?",
        r"how (?:do|can|would) (?:i|you|we) (?:know|tell)", r"check(?:ed)?",
    ),
    "prognosis": (
        r"prognosis", r"surviv\w*", r"life expectancy", r"outlook", r"outcome",
        r"recover\w*", r"go away", r"how long", r"permanent", r"fatal", r"die",
        r"dying", r"chances?",
    ),
    "side_effect": (
        r"side ?effects?", r"adverse", r"reactions?", r"harmful", r"safe(?:ly|ty)?",
        r"interact\w*", r"allergic",
    ),
    "dosage": (
        r"dos(?:e|es|age|ing)", r"how much", r"how many", r"mg", r"overdose",
        r"maximum", r"too much",
    ),
    "prevention": (
        r"prevent\w*", r"avoid\w*", r"reduce the risk", r"vaccin\w*", r"immuni[sz]\w*",
        r"protect\w*",
    ),
    "information": (
        r"what (?:is|are) (?!the (?:treatment|cause|prognosis|side))",
        r"information", r"info", r"learn", r"tell me about", r"definition",
        r"mean[st]?", r"meaning", r"explain",
    ),
    "symptom": (r"symptoms?", r"signs?", r"feel(?:s|ing)? like"),
    "susceptibility": (
        r"who gets", r"risks?", r"at risk", r"hereditary", r"inherit\w*",
        r"genetic", r"contagious", r"spread", r"catch", r"transmit\w*",
    ),
    "pregnancy": (r"pregnan\w*", r"conceiv\w*", r"fertil\w*", r"ovulat\w*"),
    "worry": (
        r"normal", r"worr\w*", r"concern\w*", r"serious", r"dangerous",
        r"should i (?:be|see|go)", r"emergency", r"bad sign",
    ),
    "support": (r"support groups?", r"organi[sz]ations?", r"resources?", r"clinical trials?",
                r"research", r"studies", r"specialists?", r"doctors? (?:who|for)"),
}  # fmt: skip

TYPES = tuple(_CUES)
_PATTERNS = {
    name: re.compile(r"\b(?:" + "|".join(cues) + r")\b") for name, cues in _CUES.items()
}


@lru_cache(maxsize=4096)
def question_types(text: str) -> frozenset[str]:
    """The kinds of answer the text asks for (empty when no cue is found)."""
    lowered = " ".join((text or "").lower().split())
    return frozenset(
        name for name, pattern in _PATTERNS.items() if pattern.search(lowered)
    )
