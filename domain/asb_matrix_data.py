"""A default ASB vulnerability and risk matrix; 25 of its 45 points marks significant risk.

Eleven questions in three sections: the victim's vulnerability, the impact, the pattern.
An isolated victim with significant mental-health needs, very afraid, whose health and daily
life suffer from weekly ASB that has lasted over six months and is getting worse scores
exactly 25, Redbridge's threshold. A panel with its own matrix loads that as data instead.
"""

from domain.instruments import AnswerOption, Instrument, Question, ScoringMode


def _scale(*options: tuple[str, str, int]) -> tuple[AnswerOption, ...]:
    """Answer options from (value, label, weight) rows."""
    return tuple(AnswerOption(value, label, weight) for value, label, weight in options)


_NONE_SOME_SIGNIFICANT = _scale(("none", "None", 0), ("some", "Some", 2),
                                ("significant", "Significant", 4))
_MATRIX = (
    ("vulnerability", "mental_health", "Does the victim have mental-health needs?",
     _NONE_SOME_SIGNIFICANT),
    ("vulnerability", "disability", "Does the victim have a disability, physical-health need"
     " or learning difficulty?", _NONE_SOME_SIGNIFICANT),
    ("vulnerability", "isolation", "Is the victim isolated: living alone or without support?",
     _scale(("no", "No", 0), ("partly", "Partly", 1), ("yes", "Yes", 3))),
    ("vulnerability", "targeted", "Does the victim believe they are targeted because of who they"
     " are (disability, race, religion, sexuality, gender identity)?",
     _scale(("no", "No", 0), ("yes", "Yes", 4))),
    ("impact", "fear", "How afraid is the victim for their own or their household's safety?",
     _scale(("not", "Not afraid", 0), ("somewhat", "Somewhat", 2), ("very", "Very", 4))),
    ("impact", "health", "Has the ASB harmed the victim's health (sleep, anxiety, self-harm)?",
     _NONE_SOME_SIGNIFICANT),
    ("impact", "daily_life", "Has the victim changed their daily life (staying in, avoiding"
     " places, wanting to move)?", _NONE_SOME_SIGNIFICANT),
    ("pattern", "frequency", "How often is the ASB happening?",
     _scale(("once", "Once", 0), ("monthly", "About monthly", 1), ("weekly", "Weekly", 3),
            ("daily", "Daily or more", 5))),
    ("pattern", "duration", "How long has the ASB been going on?",
     _scale(("under_1_month", "Under a month", 0), ("1_to_6_months", "One to six months", 2),
            ("over_6_months", "Over six months", 4))),
    ("pattern", "escalation", "Is the ASB getting worse, or has it included violence, threats"
     " or damage?", _scale(("no", "No", 0), ("worse", "Getting worse", 3),
                           ("violence", "Violence, threats or damage", 5))),
    ("pattern", "reports", "How many times has it been reported to agencies in the last year?",
     _scale(("0_to_1", "Once or never", 0), ("2_to_4", "Two to four", 2),
            ("5_or_more", "Five or more", 4))),
)

ASB_MATRIX_V1 = Instrument(
    key="asb-matrix",
    version="2024-v1",
    title="Community MARAC ASB vulnerability and risk matrix (default)",
    scoring=ScoringMode.WEIGHTED_SUM,
    threshold=25,
    questions=tuple(
        Question(id=qid, order=n, text=text, options=options, section=section)
        for n, (section, qid, text, options) in enumerate(_MATRIX, start=1)
    ),
)
