"""Who pays what: the role, party and project of each amount, from its clause and neighbours.

Latvian budget sentences chain figures: "kopējais budžets ir X, tostarp ERAF finansējums Y,
pašvaldības līdzfinansējums Z" or "X EUR – ERAF, Y EUR – valsts budžeta līdzekļi". An amount's
role comes from the first of these that names one: its own clause before it, the description
after a dash that follows it, the few words after it, the words before it across clauses, and
the label line ("Projekta finansējums:") its list stands under. A figure in brackets right
after another one is the same money in another currency; ERDF and co-financing parts
("tostarp", "t.sk.", "no kuriem") inherit the partner of the total they belong to. Sums for a
whole programme, call or several projects are `other`, and so are an eligible cost and a
contract sum given beside the project's total.

The cues are word stems matched on the text, so they work the same with and without the
language model.
"""
from __future__ import annotations

import dataclasses

import regex as re

from ..lexicon import MONEY_CLAUSE_END
from ..records import MoneyFact
from .extract import DocContext
from .inflect import to_nominative

# The EU fund's share, whichever fund pays (the `fund` column names it).
EU_FUND = re.compile(
    r"\b(?:ERAF|ERDF|ESF\+?|KF|ELFLA|EAFRD|EJZF|EJZLF|EZF|ELGF|AMIF|ENI|ENPI|TPF|ANM)\b"
    r"|Eiropas Reģionāl\p{L}* attīstības fond|Eiropas Sociāl\p{L}* fond|Kohēzijas fond"
    r"|Eiropas Lauksaimniecības fond|lauku attīstības fond|Zivsaimniecības fond"
    r"|Kaimiņattiecību (?:un partnerības )?instrument|partnerības instrument|Patvēruma, migrācijas un integrācijas fond"
    r"|Taisnīgas pārkārtošanās fond|Atveseļošanas (?:un noturības )?(?:fond|mehānism)"
    r"|(?:Eiropas Savienības|\bES)\s(?:fond\p{L}*\s)?(?:atbalst|finansējum|līdzekļ|līdzfinansējum|daļ)"
    r"|(?:Eiropas Savienības|\bES)\s(?:struktūr)?fond|struktūrfond|Eiropas Savienība(?!\p{L})"
    # a programme's money is the EU's unless a non-EU donor or the state runs the programme
    r"|(?<!(?:Šveic|Norvēģ|EEZ|valst)\p{L}*\s(?:\p{L}+\s){0,2})programm\p{L}*\s(?:līdz)?finansējum"
    r"|(?:līdz)?finansējum\p{L}*\sno\s[^,;]{0,80}?programm",
    re.IGNORECASE,
)
# A fund or grant that qualifies the project, not the figure ("ES fondu līdzfinansētā projekta
# kopējās izmaksas", "ERAF projekta budžets"): the figure's role is named after it.
PROJECT_QUALIFIER = re.compile(
    r"(?:\p{L}*finansēt\p{L}*|atbalstīt\p{L}*|fond[ua]|ERAF|ERDF|ESF|KF|ELFLA|EJZF|ENI|ENPI)\s+projekta\b",
    re.IGNORECASE,
)
# The whole a part is taken from names no role of the part: "No kopējām izmaksām 85% jeb X sedz ERAF".
PARTITIVE = re.compile(
    r"\bno\s(?:projekta\s)?kopēj\p{L}*\s(?:attiecināmaj\p{L}*\s)?(?:izmaks|summ|budžet|finansējum)\p{L}*",
    re.IGNORECASE,
)
# Non-EU grants, private money, loans, payments, changes and public funding as a whole.
OTHER_MONEY = re.compile(
    r"\b(?:LVAF|VKKF|KPFI|EKII|EEZ|NFI)\b|vides aizsardzības fond|Kultūrkapitāla fond"
    r"|finanšu instrument|Norvēģijas|privāt\p{L}*\s(?:finansējum|līdzekļ|ieguldījum)"
    r"|aizdevum|garantij|kredīt|neattiecinām|avans|maksājum|palielin|samazin|grant"
    r"|(?<!nacionāl\p{L}*\s)publisk\p{L}*\s(?:finansējum|atbalst)|Šveices|valsts\s(?:\p{L}+\s)?programm"
    # value added tax as a figure of its own, not a cost given with or without it
    r"|(?<!\b(?:ar|bez|ieskaitot|neskaitot)\s|\()(?:\bPVN\b|pievienotās vērtības nodok)",
    re.IGNORECASE,
)
# Who pays its own share, named as the subject: "pašvaldība piešķīra", "atlikušo daļu sedz biedrība".
PAYERS = r"pašvaldība|dome|pārvalde|biedrība|nodibinājums|uzņēmums|partneri|partneris"
_PAYING = r"piešķ[īi]r|ieguld[īa]|finansē|sedz|seg[st]"
# State, municipal or the beneficiary's own money ("no domes budžeta", "pašvaldība piešķīra",
# "ieguldīja pagasta pārvalde"); an organisation in the dative ("pašvaldībai piešķirtais
# finansējums") receives the money instead.
COFINANCING = re.compile(
    r"līdzfinans|mērķdotācij|valsts\s(?:budžet|finansējum|dotācij|līdzekļ)|budžeta\s(?:finansējum|līdzekļ|dotācij)"
    r"|\bno\s(?:\p{L}+\s){0,3}?budžeta\b"
    r"|\bno\s(?:(?-i:\p{Lu})\p{L}*\s){0,2}(?:(?:novada|pilsētas|pagasta)\s)?(?:pašvaldības|domes|pārvaldes)\b|nacionāl\p{L}*\s(?:publisk\p{L}*\s)?finansējum|ministrij"
    r"|(?:pašvaldīb(?:a|as|u)|dom(?:e|es)|pārvald(?:e|es))\s(?:\p{L}+\s)?"
    r"(?:finansējum(?!a\s+daļ)|ieguldījum|līdzekļ|dotācij)"
    r"|(?:biedrīb(?:a|as)|nodibinājum(?:s|a)|uzņēmum(?:s|a))\s(?:\p{L}+\s)?(?:ieguldījum|līdzekļ)"
    r"|(?:pašu|sav\p{L}*)\s(?:finansējum|ieguldījum|līdzekļ)|co-?financ"
    rf"|\b(?:{PAYERS})\s(?:[^,.;]{{0,40}}\s)?(?:{_PAYING})"
    rf"|(?:{_PAYING})\p{{L}}*\s(?:[^,.;]{{0,40}}\s)?(?:{PAYERS})\b",
    re.IGNORECASE,
)
# What is spent on the project as a whole; money invested in it ("projektā ieguldīti") counts,
# investment elsewhere ("novadā ieguldīti") does not.
TOTAL = re.compile(r"kopēj|kopsumm|kopā\b|budžet|izmaks|izdevum|finansējum|daļ[aāu]\b|vērtīb|līgumcen"
                   r"|līgum\p{L}*\s(?:summ|cen)|\btotal\b|\bbudget\b"
                   r"|projekt\p{L}*\s(?:\p{L}+\s){0,2}?(?:ieguldīt|investēt)|(?:ieguldīt|investēt)\p{L}*\s(?:\p{L}+\s)?projekt",
                   re.IGNORECASE)
ROLE_PATTERNS = [("erdf", EU_FUND), ("other", OTHER_MONEY), ("cofinancing", COFINANCING), ("total", TOTAL)]
# A payer named alone after a dash: "EUR 9868,95 – Limbažu novada pašvaldība", "– partneri".
TAIL_PAYER = re.compile(rf"\b(?:{PAYERS})\b", re.IGNORECASE)
# A payer alone as an item's label: "ERAF 59 500 eiro, valsts 3 500 eiro, pašvaldība 7 000 eiro".
LEAD_PAYER = re.compile(r"valsts|pašvaldīb(?:a|as)|dom(?:e|es)|pārvald(?:e|es)|biedrīb(?:a|as)|partner(?:i|is|u)",
                        re.IGNORECASE)
# Totals that are only a part of the project's cost when the article also gives the whole.
PART_OF_TOTAL = re.compile(r"(?<!ne)attiecinām|līgum", re.IGNORECASE)
FUNDS = [  # abbreviation, how articles name it
    ("ERAF", r"\bERAF\b|\bERDF\b|Eiropas Reģionāl\p{L}* attīstības fond"),
    ("ESF", r"\bESF\+?|Eiropas Sociāl\p{L}* fond"),
    ("KF", r"\bKF\b|Kohēzijas fond"),
    ("ELFLA", r"\bELFLA\b|\bEAFRD\b|Eiropas Lauksaimniecības fond|lauku attīstības fond"),
    ("EJZF", r"\bEJZF\b|\bEJZLF\b|\bEZF\b|Zivsaimniecības fond"),
    ("ENI", r"\bENI\b|\bENPI\b|Kaimiņattiecību (?:un partnerības )?instrument|partnerības instrument"),
    ("ELGF", r"\bELGF\b"), ("AMIF", r"\bAMIF\b|Patvēruma, migrācijas un integrācijas fond"),
    ("TPF", r"\bTPF\b|Taisnīgas pārkārtošanās fond"),
    ("ANM", r"\bANM\b|Atveseļošanas (?:un noturības )?(?:fond|mehānism)"),
]
FUND_NAMES = [(name, re.compile(rx, re.IGNORECASE)) for name, rx in FUNDS]

# Sums for a whole programme, call or several projects, and thresholds of a call.
AGGREGATE = re.compile(
    r"projektu\s(?:kopēj\p{L}*\s)?(?:izmaks|budžet|vērtīb)"
    r"|\d+\s(?:projekt|partner|pašvaldīb|biedrīb)\p{L}*(?:iem|ām)\b"
    r"|programm\p{L}*\s(?:kopēj\p{L}*\s)?budžet|kopēj\p{L}*\s[^,.;]{0,80}?programm\p{L}*\s(?:līdz)?finansējum"
    r"|(?:atlases|konkursa|projektu|šajā|pirmajā|otrajā|trešajā)\s+kārt(?:a|ā|ai|as|u)\b"
    r"|konkurs\p{L}*\s(?:kopēj\p{L}*\s)?budžet|(?:konkurs\p{L}*\skopēj|kopēj\p{L}*\skonkurs)\p{L}*\s(?:budžet|finansējum)"
    r"|pieejam\p{L}*\s(?:\p{L}+\s)?finansējum|programm\p{L}*\s(?:\p{L}+\s){0,2}?pieejam"
    r"|maksimāl\p{L}*\s(?:\p{L}+\s){0,3}?(?:finansējum|apjom|summ)",
    re.IGNORECASE,
)
# "projekti ar kopējo budžetu virs 200 000 EUR"
THRESHOLD = re.compile(
    r"\bar\s(?:\p{L}+\s){0,3}?(?:budžet|izmaks|finansējum)\p{L}*\s(?:virs|līdz|nepārsniedz\p{L}*)\s*$",
    re.IGNORECASE,
)

SPACES = re.compile(r"\s+")
LEAD_WORD_QUOTED = re.compile(r"(\p{L}+)\s+([„“\"«].*)$")
INCLUDES = re.compile(r"tostarp|t\.\s?sk\.|tsk\.|t(?:ai|ajā|o) skaitā|no kur\p{L}*|no t(?:ām|ās|iem)\b|ieskaitot", re.I)
PARALLEL = re.compile(r"\bsavukārt\b", re.I)
# An item that leaves its noun out before a dash keeps only a name: "daļa ir X, bet Lietuvas
# partnera – Y", "Rīgā ir X, un Jūrmalā – Y" (not "PVN – Y" or "valsts mērķdotācija – Y").
ELLIPSIS = re.compile(r"^\s*[,;]?\s*(?:(?:un|bet)\s+)?\p{Lu}\p{Ll}+(?:\s+\p{L}+){0,2}\s+[–—-]\s*$")
# "214 553 eiro (150 787,84 lati)", "31 625 eiro liels finansējums (22 226,17 lati)", "EUR 100 / LVL 70"
SAME_MONEY = re.compile(r"^(?:[^,;.()]{0,40}\(|\s*/|\s*jeb|\s*vai)\s*$")
# Where a figure's own clause begins: a list item joined by "un"/"bet" starts one too, a closing
# bracket does not ("fonda finansējums (ERAF 85 %) – 25 500 EUR").
CLAUSE_START = re.compile(r"[,;:(]|\.\s+(?=\p{Lu})|\s(?:un|bet|kā arī)(?:\s|$)")
# A relative clause ("…, kas sastāda X") belongs to the clause before it.
RELATIVE = re.compile(r"^(?:kas|kur\p{L}*)\b", re.IGNORECASE)
BRACKETS = re.compile(r"\s*\([^()]*\)")
PERCENT = re.compile(r"\(\s*\d+(?:[.,]\d+)?\s?%\s*\)|\d+(?:[.,]\d+)?\s?%")
# "Utenas rajona pašvaldība (budžets 280 000 EUR)": a partner named before the figure's bracket.
OPEN_BRACKET = re.compile(r"(?P<pre>[^,;:()]*)\((?:[^()\d]*)$")
LEAD_TRIM = re.compile(r"[\s:–—-]+$")
# "EUR 88820.59 (… centi) – Eiropas Lauksaimniecības fonds …": the description after a dash.
TAIL = re.compile(r"^\s*(?:\([^()–—]*\)?\s*)?[–—-]\s*(?P<desc>[^,;()]*)")
LABEL_LINE = re.compile(r"[:–—-]\s*$")
BARE_LABEL = re.compile(r"\s*\p{Lu}[^.!?\n]{2,60}")

# Words that open a sentence with a capital but name nothing: "Savukārt Madonas novada pašvaldības…",
# "Partneris biedrība „Zaļā josta”…".
OPENERS = (r"(?:Savukārt|Turklāt|Tāpat|Arī|Bet|Taču|Tomēr|Un|Kopumā|Tostarp|Tādējādi|Līdztekus|Vienlaikus"
           r"|Partner\p{L}*|Projekt\p{L}*)\s")

# A partner named right before a budget word: "Auces novada pašvaldības gadījumā",
# "Viesītes pašvaldības budžets", "Valgas pilsētas daļa", "Iecavas novada domes plānotajām
# aktivitātēm"; never the organisation of a person who speaks about the budget ("novada domes
# priekšsēdētājs").
PARTY = re.compile(
    r"(?P<org>(?:[Bb]iedrīb|[Nn]odibinājum)\p{L}*\s+[„“\"«][^”“\"»]{2,60}[”“\"»]"
    rf"|(?:(?!{OPENERS})\p{{Lu}}[\p{{L}}-]+\s+){{1,3}}?"
    r"(?:(?:novad|pilsēt|rajon|pagast|apriņķ)\p{L}*\s+)?"
    r"(?:pašvaldīb\p{L}*|dom(?:e|es|ei|i)|plānošanas reģion\p{L}*|biedrīb\p{L}*|nodibinājum\p{L}*"
    r"|[Uu]niversitāt\p{L}*|[Aa]ugstskol\p{L}*|[Aa]kadēmij\p{L}*|aģentūr\p{L}*|pārvald\p{L}*"
    r"|vald(?:e|es|ei)"  # an Estonian partner's government: "Valgas pilsētas valde"
    # a partner town named by the town alone, as the owner of a share or budget
    r"|pilsēt(?:a|as)(?=\s+(?:projekta\s+)?(?:daļ|budžet|finansējum|līdzfinansējum|izmaks))))(?!\p{L})"
    r"(?!\s+(?:īstenot|ieviest|realizēt|vadīt|koordinēt|izstrādāt|priekšsēdētāj|vadītāj|mēr|pārstāv"
    r"|speciālist|deputāt|izpilddirektor|darbiniek|vietniek|locekl)\p{L}*)"
)
# A partner named as the one who gets the figure: "70 000 eiro saņems Krāslavas novada pašvaldība".
RECEIVES = re.compile(r"^(?:\p{L}+\s+)?saņ[eē]m\p{L}*\s+(?P<who>.+)$", re.IGNORECASE)
# A partner's share is told apart from the project's whole when the project has several
# partners, several partners get shares, or the clause calls it a share.
PARTNERSHIP = re.compile(r"partner(?!īb)\p{L}*|pārrobežu|Interreg", re.IGNORECASE)
SHARE = re.compile(r"daļ[aāu]\b|projektā\b|gadījumā\b", re.IGNORECASE)
WINDOW_WORDS = 8
AFTER_WORDS = 8
LEAD_WORDS = 14


@dataclasses.dataclass
class _Clues:
    """The texts around one figure, nearest first, that may name its role."""
    lead: str
    tail: str
    after: str
    window: str
    heading: str

    def in_order(self) -> list[tuple[str, str]]:
        return [("lead", self.lead), ("tail", self.tail), ("after", self.after),
                ("window", self.window), ("heading", self.heading)]


def assign_roles(ctx: DocContext, facts: list[MoneyFact]) -> list[MoneyFact]:
    out: list[MoneyFact] = []
    codes = ctx.of_label("PROJECT_CODE")
    headings = _headings(ctx, {f.mention.sent_idx for f in facts}, _opening_figures(ctx, facts))
    parts: set[int] = set()
    prev: MoneyFact | None = None
    for fact in facts:
        m = fact.mention
        role, party, fund, part_of_total = _classify(ctx, fact, prev, facts, headings.get(m.sent_idx, ""))
        if part_of_total:
            parts.add(len(out))
        out.append(dataclasses.replace(fact, role=role, party=party, fund=fund,
                                       project_code=_project_code(codes, m.start)))
        prev = out[-1]
    return _parts_beside_total(_shares_only_with_partners(ctx, out), parts)


def _classify(ctx: DocContext, fact: MoneyFact, prev: MoneyFact | None, facts: list[MoneyFact],
              heading: str) -> tuple[str, str, str, bool]:
    """(role, party, fund, whether it may be only a part of the total) of one figure."""
    m = fact.mention
    sent = ctx.sentences[m.sent_idx]
    same_sentence = prev is not None and prev.mention.sent_idx == m.sent_idx
    before = ctx.text[prev.mention.end if same_sentence else sent.start:m.start]
    if same_sentence and SAME_MONEY.match(before) and prev.currency != fact.currency:
        return prev.role, prev.party, prev.fund, False
    if _aggregate(ctx.text[sent.start:m.start], ctx.text[m.end:sent.end]):
        return "other", "", "", False
    following = _up_to_next_figure(ctx, m.end, sent.end, facts)
    clues = _Clues(_lead(before), _tail(following), _clause_after(following), _window(before, same_sentence), heading)
    role, cue = _role(clues)
    own_party = _party(clues.lead) or _party(_before_bracket(before)) or _receiver(clues.after)
    party = own_party or _party(heading)
    parallel = cue is None and same_sentence and (PARALLEL.search(before) or ELLIPSIS.match(before) and not party)
    if parallel:
        # "no KF paredzēti X eiro, savukārt Daugavpilī – Y eiro"; after a partner's share
        # ("Ludzas novada pašvaldības daļa – X, Zarasu – Y") another partner's, whose name the
        # item leaves out: not the project's total
        role = "other" if prev.role == "total" and prev.party and not party else prev.role
    elif cue is None and INCLUDES.match(following.lstrip(",;:–- ")):
        role = "total"  # "ieguldīti 75 000 eiro, no tiem …": the whole that parts follow
    # a part ("no tiem …", "Tostarp …") belongs to the partner of the total before it, even
    # under another partner's label line; a parallel item ("…, Rokišķu – 250 000 eiro") and one
    # whose dash names another partner ("…, bet 50 000 eiro – Zarasu rajona pašvaldība") do not
    named = own_party or _party(clues.tail)
    if not named and prev is not None and role != "total" and INCLUDES.search(ctx.text[sent.start:m.start]):
        party = prev.party or party
    if role == "other" and party:
        role = "total"  # "Ogres novada pašvaldībai piešķirti 45 000 eiro": the partner's share
    fund = prev.fund if parallel else _fund(cue, role)
    return role, party, fund, bool(role == "total" and cue and PART_OF_TOTAL.search(cue))


def _role(clues: _Clues) -> tuple[str, str | None]:
    """The role and the text that names it, from the nearest clue that names one."""
    for where, text in clues.in_order():
        text = _after_qualifier(text)
        for role, rx in ROLE_PATTERNS:
            if rx.search(text):
                return role, text
        if where == "tail" and TAIL_PAYER.search(text) or where == "lead" and LEAD_PAYER.fullmatch(text.strip()):
            return "cofinancing", text
    return "other", None


def _after_qualifier(text: str) -> str:
    """The words after the last fund that qualifies the project, less the whole a part is taken
    from: "ES fondu līdzfinansētā projekta kopējās izmaksas ir" -> " kopējās izmaksas ir"."""
    text = PARTITIVE.sub(" ", text)
    cut = None
    for cut in PROJECT_QUALIFIER.finditer(text):
        pass
    return text[cut.end():] if cut else text


def _aggregate(head: str, rest: str) -> bool:
    return bool(AGGREGATE.search(head) or AGGREGATE.search(rest) or THRESHOLD.search(head))


def _lead(before: str) -> str:
    """The figure's own clause before it, without its percentages: "t.sk. ERAF finansējums –" ->
    "t.sk. ERAF finansējums", "valsts (5 %) –" -> "valsts"; for a figure that opens a bracket,
    the words before the bracket ("pašvaldība 10 % (" -> "pašvaldība")."""
    text = LEAD_TRIM.sub("", PERCENT.sub(" ", before))
    cuts = [0] + [m.end() for m in CLAUSE_START.finditer(text)]
    lead = text[cuts[-1]:]
    if len(cuts) > 1 and RELATIVE.match(lead.strip()):
        lead = text[cuts[-2]:]
    elif len(cuts) > 1 and not lead.strip() and text[cuts[-1] - 1] == "(":
        lead = text[cuts[-2]:cuts[-1] - 1]
    # a dash left of a percentage goes too: "bet 15 % – partneri (" -> "partneri"
    return _last_words(lead, LEAD_WORDS).lstrip(":–—- ")


def _before_bracket(before: str) -> str:
    """The partner named right before the bracket a figure stands in: "Rēzeknes novada
    pašvaldība (budžets" -> "Rēzeknes novada pašvaldība"; empty when the bracket follows
    anything else ("pašvaldība īsteno projektu (izmaksas")."""
    m = OPEN_BRACKET.search(before)
    pre = m.group("pre").rstrip() if m else ""
    return pre if any(org.end() == len(pre) for org in PARTY.finditer(pre)) else ""


def _window(before: str, after_a_figure: bool) -> str:
    """The words before a figure across clauses, less the rest of the previous figure's clause
    ("170 000 EUR sedz ERAF fonds, bet 30 000 EUR – partneri": not "ERAF" for the second)."""
    if after_a_figure:
        cut = CLAUSE_START.search(before)
        before = before[cut.end():] if cut else ""
    return _last_words(before, WINDOW_WORDS)


def _tail(following: str) -> str:
    m = TAIL.match(following)
    return m.group("desc").strip() if m else ""


def _last_words(text: str, n: int) -> str:
    return " ".join(text.split()[-n:])


def _up_to_next_figure(ctx: DocContext, start: int, sent_end: int, facts: list[MoneyFact]) -> str:
    """The text after a figure up to the next one, reading past the same sum in brackets:
    "1 285 645 EUR (903 556 LVL) ir Eiropas Savienības atbalsts"."""
    twin = BRACKETS.match(ctx.text, start, sent_end)
    skip = twin.end() if twin else start
    nxt = min((f.mention.start for f in facts if f.mention.start >= skip), default=sent_end)
    return ctx.text[start:min(nxt, sent_end)]


def _clause_after(following: str) -> str:
    twin = BRACKETS.match(following)
    text = following[twin.end():] if twin else following
    cut = MONEY_CLAUSE_END.search(text)
    text = text[:cut.start()] if cut else text
    return " ".join(text.split()[:AFTER_WORDS])


def _headings(ctx: DocContext, with_money: set[int], opening: set[int]) -> dict[int, str]:
    """The label line ("Smiltenes novada pašvaldības finansējuma sadalījums:") that each
    sentence of a list stands under: it holds until a sentence without money that is no label.
    A short line without a full stop right above a sentence that opens with a figure is its
    label too ("Projekta kopējās izmaksas" / "512 340 EUR"); ``opening`` holds those sentences."""
    out: dict[int, str] = {}
    heading = ""
    for sent in ctx.sentences:
        text = ctx.text[sent.start:sent.end]
        if sent.idx in with_money:
            if heading:
                out[sent.idx] = heading
        elif not sent.furniture:
            above = sent.idx + 1 in opening and BARE_LABEL.fullmatch(text)
            heading = text if LABEL_LINE.search(text) or above else ""
    return out


def _opening_figures(ctx: DocContext, facts: list[MoneyFact]) -> set[int]:
    """The sentences whose first words are a figure."""
    return {f.mention.sent_idx for f in facts
            if not ctx.text[ctx.sentences[f.mention.sent_idx].start:f.mention.start].strip()}


def _fund(cue: str | None, role: str) -> str:
    if role not in ("erdf", "other") or not cue:
        return ""
    return next((name for name, rx in FUND_NAMES if rx.search(cue)), "")


def _party(text: str) -> str:

    found = None
    for m in PARTY.finditer(text):
        found = m
    if not found:
        return ""
    org = SPACES.sub(" ", found.group("org"))
    quoted = LEAD_WORD_QUOTED.match(org)
    if quoted:  # "Biedrības „Zaļā josta”" -> "biedrība „Zaļā josta”"
        return f"{to_nominative(quoted.group(1), 'org').lower()} {quoted.group(2)}"
    return to_nominative(org, "org")


def _receiver(after: str) -> str:
    """The partner a receiving verb right after the figure names: "saņems Rēzeknes novada
    pašvaldība" -> "Rēzeknes novada pašvaldība"."""
    m = RECEIVES.match(after.strip())
    return _party(m.group("who")) if m else ""


def _shares_only_with_partners(ctx: DocContext, facts: list[MoneyFact]) -> list[MoneyFact]:
    """A single beneficiary's own money is the project's: its name is no party then."""
    parties = {f.party for f in facts if f.party}
    if len(parties) > 1 or PARTNERSHIP.search(ctx.text):
        return facts
    out = []
    for f in facts:
        sent = ctx.sentences[f.mention.sent_idx]
        if f.party and not SHARE.search(ctx.text[sent.start:f.mention.start]):
            f = dataclasses.replace(f, party="")
        out.append(f)
    return out


def _parts_beside_total(facts: list[MoneyFact], parts: set[int]) -> list[MoneyFact]:
    """An eligible cost or contract sum given beside the project's (or the same partner's)
    total is `other`; given alone it is the total."""
    totals = {(f.party, f.project_code) for i, f in enumerate(facts) if f.role == "total" and i not in parts}
    return [dataclasses.replace(f, role="other") if i in parts and (f.party, f.project_code) in totals else f
            for i, f in enumerate(facts)]


def _project_code(codes, offset: int) -> str:
    """The code named last before the figure, else the first one after it."""
    before = [c for c in codes if c.start < offset]
    if before:
        return before[-1].norm
    return codes[0].norm if codes else ""
