"""The built-in instruments: SafeLives' DASH checklist and a default community ASB matrix."""

from domain.instruments import AnswerOption, Instrument, Question, ScoringMode

_YES_NO_DONT_KNOW = (
    AnswerOption("yes", "Yes", 1),
    AnswerOption("no", "No", 0),
    AnswerOption("dont_know", "Don't know", 0),
)

_DASH_ITEMS = (
    "Has the current incident resulted in injury?",
    "Is the victim very frightened?",
    "Is the victim afraid of further injury or violence?",
    "Does the victim feel isolated from family or friends?",
    "Is the victim feeling depressed or having suicidal thoughts?",
    "Has the victim separated, or tried to separate, from the abuser in the past year?",
    "Is there conflict over child contact?",
    "Does the abuser constantly text, call, contact, follow, stalk or harass the victim?",
    "Is the victim pregnant, or has the victim had a baby in the last 18 months?",
    "Is the abuse happening more often?",
    "Is the abuse getting worse?",
    "Does the abuser try to control everything the victim does, or are they excessively jealous?",
    "Has the abuser ever used weapons or objects to hurt the victim?",
    "Has the abuser ever threatened to kill the victim or someone else, and were they believed?",
    "Has the abuser ever attempted to strangle, choke, suffocate or drown the victim?",
    "Does the abuser do or say things of a sexual nature that make the victim feel bad"
    " or that physically hurt them or someone else?",
    "Is there any other person who has threatened the victim or whom the victim is afraid of?",
    "Does the victim know if the abuser has hurt anyone else?",
    "Has the abuser ever mistreated an animal or the family pet?",
    "Are there any financial issues?",
    "Has the abuser had problems in the past year with drugs, alcohol or mental health?",
    "Has the abuser ever threatened or attempted suicide?",
    "Has the abuser ever breached bail, an injunction or any agreement about contact?",
    "Does the victim know if the abuser has ever been in trouble with the police"
    " or has a criminal history?",
)

DASH_2009_V1 = Instrument(
    key="dash",
    version="2009-v1",
    title="DASH risk identification checklist (domestic abuse, stalking and harassment,"
    " 'honour'-based violence)",
    scoring=ScoringMode.TICKS,
    threshold=14,
    questions=tuple(
        Question(id=f"q{n}", order=n, text=text, options=_YES_NO_DONT_KNOW)
        for n, text in enumerate(_DASH_ITEMS, start=1)
    ),
)
