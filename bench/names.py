"""Deterministic, realistic UK-ish people: shared surnames (Zipf), accents, hyphens, aliases."""

import bisect
import itertools
import random
from dataclasses import dataclass
from datetime import date, timedelta


def _words(text: str) -> list[str]:
    return text.split()


GIVEN = _words(
    "Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Freya Willow Florence "
    "Emily Ella Poppy Evie Elsie Charlotte Evelyn Sienna Daisy Sophie Alice Harper Matilda "
    "Ruby Emilia Maya Millie Jessica Sarah Emma Laura Rebecca Hannah Lauren Amy Chloe Megan "
    "Gemma Kelly Claire Nicola Michelle Lisa Joanne Karen Susan Helen Julie Tracey Donna "
    "Dawn Angela Sharon Amanda Victoria Natalie Stacey Kirsty Leanne Danielle Jade Shannon "
    "Aaliyah Fatima Aisha Zainab Maryam Amira Priya Anjali Sana Noor Khadija Precious "
    "Blessing Abena Chiamaka Oluwaseun Agnieszka Katarzyna Magdalena Ewa Joanna Oana Ioana "
    "Niamh Siobhan Aoife Caoimhe Saoirse Bethan Cerys Megan Ffion Catrin Mhairi Iona Eilidh "
    "Zoë Chloé Renée Anaïs Siân Seána Noémie Inès Zoé Beyoncé Léa Mélanie "
    "Oliver George Arthur Noah Muhammad Leo Oscar Harry Archie Jack Henry Charlie Freddie "
    "Theodore Thomas Finley Theo Alfie Jacob William Isaac Tommy Joshua James Daniel "
    "Matthew Ryan Luke Adam Jamie Ben Lee Craig Darren Wayne Dean Gary Paul Mark David "
    "Michael Christopher Andrew Steven Richard Robert John Peter Stephen Anthony Kevin "
    "Scott Jason Shane Carl Neil Simon Ian Martin Kieran Connor Callum Liam Reece Tyler "
    "Kyle Jordan Nathan Aaron Bradley Mohammed Mohammad Ahmed Ali Omar Hassan Yusuf Ibrahim "
    "Bilal Imran Tariq Arjun Rohan Vikram Sanjay Rajesh Kwame Kofi Chinedu Emeka Tunde "
    "Oluwadamilare Piotr Krzysztof Tomasz Paweł Łukasz Michał Andrei Ionuț Mihai Darius "
    "Seán Eoin Cian Oisín Ciarán Padraig Dafydd Rhys Gethin Iwan Euan Angus Hamish Ruaridh "
    "José Jesús André Raphaël Jérôme Zoltán Ömer Çağan Noël Dominic Reuben Elijah Ezra"
)

REAL_SURNAMES = _words(
    "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson "
    "Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson "
    "Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan "
    "Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell "
    "Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan "
    "Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb "
    "Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes "
    "Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Murray Dixon Harvey Graham "
    "Pearson Ahmed Fletcher Walsh Kaur Gibson Howard Andrews Stewart Elliott Reynolds "
    "Saunders Payne Fox Ford Pearce Day Brooks West Lawrence Cole Atkinson Bradley Spencer "
    "Gill Dawson Ball Burton O'Brien Watts Rose Booth Perry Ryan Grant Wells Armstrong "
    "Francis Rees Hayes Hart Hudson Newman Barrett Webster Hunter Gregory Carr Lowe Page "
    "Marsh Riley Dunn Woods Parsons Berry Stone Reid Holland Hawkins Harding Porter Robertson "
    "Newton Oliver Reed Kennedy Williamson Bird Gardner Shah Dean Lane Cooke Bates Henderson "
    "Parry Burgess Bishop Walton Burns Nicholson Shepherd Ross Cross Long Freeman Warren "
    "Nicholls Hamilton Byrne Sutton McDonald Yates Hodgson Robson Curtis Hopkins O'Connor "
    "Harper Coleman Watkins Moss McCarthy Chambers O'Neill Griffin Sharp Hardy Wheeler "
    "Potter Osborne Johnston Gordon Doyle Wallace George Jordan Hutchinson Rowe Burke May "
    "Pritchard Gilbert Willis Higgins Read Miles Stevenson Stephenson Hammond Arnold "
    "Buckley Walters Hewitt Barber Nelson Slater Austin Sullivan Whitehead Mann Frost Lambert "
    "Stephens Blake Akhtar Lynch Goodwin Barton Woodward Thomson Cunningham Quinn Barnett "
    "Baxter Bibi Clayton Nash Greenwood Jennings Holt Kemp Poole Gallagher Bond Stokes Tucker "
    "Davidson Fowler Heath Norman Middleton Lawson Banks French Stanley Jarvis Gibbs Ferguson "
    "Hayward Carroll Douglas Dickinson Todd Barlow Peters Lucas Knowles Hartley Miah Simmons "
    "Morton Alexander Field Morrison Norris Townsend Preston Hancock Thornton Baldwin Burrows "
    "Briggs Storey Pope Mahmood Rahman Iqbal Hussein Okafor Adeyemi Mensah Asante Boateng "
    "Okonkwo Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński "
    "Popescu Ionescu Radu Müller Schäfer García Martínez Rodríguez Fernández González "
    "López Pérez Sánchez Gómez Da Silva D'Souza D'Cruz Fernandes Pereira Gonçalves Çelik "
    "Yılmaz Öztürk Nguyen Tran Chen Wang Zhang Liu Kim Park Ó Briain Mac Giolla Ní Bhriain "
    "Llewellyn Pryce Vaughan Bowen Jenkins Cadwaladr MacLeod MacKenzie McGregor Fraser "
    "Sinclair Cameron Ferguson Buchanan"
)

_HEADS = _words("Ash Brad Brom Cal Cran Dal Farn Gold Green Hal Hart Hey Kings Lang Marl Mid Mor "
          "North Ox Pen Red Ross Shel South Stan Thorn Wake West Whit Wood Ather Black Bur "
          "Church Elling Hather Knot Lowe Rams Ship Staf Ald Bar Bel Bright Brook Cas Chat "
          "Cold Corn "
          "Dun Ever Fair Fen Gar Glad Good Hay Hol Ink Kel Kirk Lang Lin Mab Mel New Old Pick "
          "Rad Rich Rox Sand Sel Shaw Stam Tad Ux Wal War Wen Wet Wor Yar")
_TAILS = _words("by ford ham ley ton well worth wick field stead bury combe dale hurst more ridge "
          "shaw thorpe wood cliffe ington stone land croft more brook gate hill house mere "
          "stow wall ward")


def _surnames() -> list[str]:
    """Real surnames first (most frequent), then place-style ones and double-barrels."""
    synthetic = [h + t for h, t in itertools.product(_HEADS, _TAILS)]
    rng = random.Random(7)  # noqa: S311 - deterministic bench data
    barrels = [f"{rng.choice(REAL_SURNAMES[:120])}-{rng.choice(REAL_SURNAMES)}"
               for _ in range(600)]
    seen: dict[str, None] = {}
    for name in REAL_SURNAMES + synthetic + barrels:
        seen.setdefault(name, None)
    return list(seen)


SURNAMES = _surnames()
_ZIPF = list(itertools.accumulate(1.0 / (rank + 12) for rank in range(len(SURNAMES))))
_OUTCODES = _words("N1 N7 N19 E8 E15 SE5 SE15 SW2 SW9 W10 NW10 IG1 IG3 RM6 ME1 ME7 CT9 TN23 DA1 "
             "M14 L8 B10 LS9 S2 NE6 CF24 SA1 G31 EH7 BS5 NG7 LE2 CV1 ST4 HU3 PL4")


@dataclass(frozen=True, slots=True)
class Person:
    given_name: str
    family_name: str
    date_of_birth: date
    postcode: str
    aliases: tuple[tuple[str, str], ...]


class PersonFactory:
    """A seeded stream of people; the same seed always gives the same people."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - deterministic bench data

    def surname(self) -> str:
        point = self.rng.random() * _ZIPF[-1]
        return SURNAMES[bisect.bisect_left(_ZIPF, point)]

    def postcode(self) -> str:
        r = self.rng
        return f"{r.choice(_OUTCODES)} {r.randint(1, 9)}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}" \
               f"{r.choice('ABDEFGHJLNPQRSTUWXYZ')}"

    def person(self) -> Person:
        r = self.rng
        family = self.surname()
        born = date(1940, 1, 1) + timedelta(days=r.randrange(0, 365 * 67))
        aliases: tuple[tuple[str, str], ...] = ()
        if r.random() < 0.2:
            aliases = tuple((r.choice(GIVEN), self.surname() if r.random() < 0.6 else family)
                            for _ in range(r.choice((1, 1, 2))))
        return Person(r.choice(GIVEN), family, born, self.postcode(), aliases)


def misspell(name: str, rng: random.Random) -> str:
    """How names arrive from other systems: other case, accents dropped, stray spaces."""
    import unicodedata
    choice = rng.randrange(4)
    if choice == 0:
        return name.upper()
    if choice == 1:
        return name.lower()
    if choice == 2:
        return "".join(c for c in unicodedata.normalize("NFKD", name)
                       if not unicodedata.combining(c))
    return f"  {name.swapcase()} "
