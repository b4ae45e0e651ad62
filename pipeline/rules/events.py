"""Events the articles report or announce: a project's milestones (approval, contract,
procurement, works_start, completion, opening) and happenings around it (meeting, visit,
seminar, training, conference, camp, public_event), each with its date, place, participants,
project code and status (``done`` or ``planned``).

A sentence is cut into clauses; a clause gives at most one event, the one its strongest
trigger names (lexicons in ``event_triggers``, matched on the model's lemmas). The event takes
the date, place and participants of its own clause, never those of another clause. Inside a
document the clauses about one happening become one event: same type and status, dates that
agree (an undated mention joins the only dated one). Across documents,
`consolidate.link_events` gives events of the same project and type with compatible dates one
``event_key``.
"""
from __future__ import annotations

import regex as re

from . import event_triggers as T
from .event_clauses import (Clause, Found, clauses, first_usable, is_attributive, is_predicate, is_purpose, is_relative,
                            sentence_words, usable)
from .event_roles import (MILESTONES, ON_SITE, Cast, add_cast, add_partner, add_takers, describe, document_site,
                          event_date, find_contractors, find_owners, in_a_room, is_locative, within)
from ..records import Event, Mention
from .event_triggers import Word
from .extract import DocContext, extractor

ONLINE = re.compile(r"tiešsaist\p{L}*|virtuāl\p{L}*|attālinā\p{L}*|\bonline\b|\bzoom\b|vebinār\p{L}*", re.I)
SIGNING = "signing"  # a signature without its agreement: it joins the signing told before it


def _planned(c: Clause) -> bool:
    """The clause tells what is to come: a future, necessitive or conditional verb, "plānots",
    "paredzēts", "tiks"."""
    if any((w.feat("Tense") == "Fut" or w.feat("Mood") in ("Nec", "Cnd")) and not w.proper for w in c.words):
        return True
    text = " ".join(w.text for w in c.words)
    return c.has(T.PLANNED) or bool(T.PLANNED_SURFACE.search(text))


def _done_form(w: Word) -> bool:
    """A verb that reports something done: past tense or a past passive participle."""
    if not w.feats:  # no model: the endings of past participles and past tense
        return bool(re.search(r"(?:t(?:s|a|i|as|u)|[āēī]ja|ušies|usies|jis|jusi)$", w.text.lower()))
    return w.feat("Tense") == "Past" and w.feat("Definite") != "Def"


def _milestone(c: Clause, money_in_clause: bool, planned: bool, public: bool) -> tuple[str, Word, int] | None:
    """(event type, trigger word, rank: lower is stronger) of a project milestone in the clause;
    ``public``: the clause has a date or a verb of happening."""
    sign, agreement = first_usable(c, T.SIGN), c.find(T.AGREEMENT)
    if sign and agreement:
        clause_text = " ".join(w.text for w in c.words)
        funded = c.has(T.FINANCING) or T.FUNDER.search(clause_text)
        return ("approval" if funded else "contract"), sign, 0
    if sign and sign.pos != "NOUN" and not c.has(T.FINISH):
        return SIGNING, sign, 3  # "programma parakstīta Stokholmā": more about a signature told before
    if (w := first_usable(c, T.SERVICE)) and (c.has(T.HAND_OVER) or c.has(T.HANDING_OVER)):
        return "completion", w, 0
    if (w := first_usable(c, T.FINISH)) and _finishes_works(c, w) and not _names_happening(c, w) and not (
            planned and (c.has(T.PROJECT) or c.has(T.IMPLEMENTATION))):  # "projektu plānots pabeigt ...": a deadline
        return "completion", w, 1
    if w := first_usable(c, T.OPEN):
        after = c.words[c.words.index(w) + 1: c.words.index(w) + 4]
        named = _happening(c)  # "atklāšanas sanāksme" is a meeting, "atklāšanas pasākums" an opening
        if public and not any(x in T.OPEN_NOT for x in after) and not (
                w.feat("Case") == "Gen" and named and named[1] not in T.EVENT):
            return "opening", w, 1
    if ((c.has(T.DOOR) and (w := first_usable(c, T.OPEN_DOOR)))  # "vēra durvis", "uzsāka darbību"
            or ((w := first_usable(c, T.START)) and (c.has(T.OPERATION) or _institution_starts_work(c)))):
        return "opening", w, 1
    if (w := first_usable(c, T.START)) and c.has(T.WORKS) and not c.has(T.IMPLEMENTATION) and not _starts_other(c, w):
        return "works_start", w, 1
    if ((w := first_usable(c, T.APPROVE)) and (c.has(T.APPROVED) or c.has(T.FUNDS))) \
            or ((w := first_usable(c, T.ENDORSE)) and c.has(T.PROPOSAL)) \
            or ((w := first_usable(c, T.GRANT)) and w.pos != "NOUN" and (c.has(T.FUNDS) or money_in_clause)) \
            or ((w := first_usable(c, T.SUPPORT)) and c.has(T.PROPOSAL)) \
            or ((w := first_usable(c, T.RECEIVE)) and w.pos != "NOUN" and c.has(T.APPROVAL_NOUNS)) \
            or ((w := first_usable(c, T.AMEND)) and c.has(T.AMENDED)):
        return "approval", w, 1
    if (w := first_usable(c, T.PROCURE)) or ((w := first_usable(c, T.PRICE_SURVEY)) and c.has(T.PRICE)) \
            or ((w := first_usable(c, T.PURCHASE)) and c.has(T.LAUNCH)) or (w := _tender(c)):
        return "procurement", w, 1
    if (w := first_usable(c, T.DECIDE)) and c.has(T.FUNDS):
        return "approval", w, 3
    if not planned and (w := next((x for x in c.words if x in T.RESULT and usable(x) and _done_form(x)), None)):
        return "completion", w, 4
    return None


def _tender(c: Clause) -> Word | None:
    """A competition announced for works or services is a tender: "izsludināja atklātu
    konkursu par būvdarbu veikšanu"; "projektu konkurss" (a call for proposals) is not."""
    w = first_usable(c, T.TENDER)
    if w is None or not c.has(T.LAUNCH) or not (c.has(T.WORKS) or c.has(T.SERVICES)):
        return None
    i = c.words.index(w)
    return None if i and c.words[i - 1] in T.PROPOSAL else w


def _phrase(c: Clause, trigger: Word) -> list[Word]:
    """The trigger with the three words before it and those after it up to "un" or "bet":
    where its subject or object stands."""
    i = c.words.index(trigger)
    after = []
    for w in c.words[i + 1:]:
        if w.lemma in ("un", "bet"):
            break
        after.append(w)
    return c.words[max(0, i - 3):i + 1] + after


def _names_happening(c: Clause, w: Word) -> bool:
    """A genitive before a happening's noun says which one: "noslēguma pasākums" is the closing
    event, not the end of the project."""
    i = c.words.index(w)
    nxt = c.words[i + 1] if i + 1 < len(c.words) else None
    return w.feat("Case") == "Gen" and nxt is not None and any(nxt in lexicon for _, lexicon in T.HAPPENINGS)


def _finishes_works(c: Clause, trigger: Word) -> bool:
    """Something of the project ends, not a step of the paperwork ("vērtēšana", "konkurss")
    and not nothing ("viss labais reiz beidzas")."""
    phrase = _phrase(c, trigger)
    before = [w for w in c.sentence if w.start < trigger.start]
    has_noun = any(w.pos in ("NOUN", "PROPN") for w in phrase + before) or not any(w.pos for w in phrase)
    return has_noun and not any(w in T.PAPERWORK for w in phrase)


def _institution_starts_work(c: Clause) -> bool:
    """"Ar 1. janvāri dienas centrs uzsāka darbu": an institution, the subject, and its work in
    the singular; "būvnieks uzsāka darbus" (works) or a builder's work stays a works start."""
    return (any(w in T.INSTITUTION and w.feat("Case") == "Nom" for w in c.words)
            and any(w in T.WORK and w.feat("Number") == "Sing" for w in c.words)
            and not any(w in T.WORKS and w not in T.WORK for w in c.words))


def _starts_other(c: Clause, start: Word) -> bool:
    """"sāka apzināt tāmes" (began to do something else), "projekts aizsākās" (the project,
    not its works)."""
    i = c.words.index(start)
    nxt = c.words[i + 1] if i + 1 < len(c.words) else None
    return (nxt is not None and nxt.feat("VerbForm") == "Inf") or any(
        w in T.PROJECT and w.feat("Case") == "Nom" for w in c.words)


def _measure(c: Clause, i: int) -> bool:
    """"413. pasākumā “Lauku ekonomikas dažādošana”": a programme's measure, not a happening."""
    prev = c.words[i - 1].text if i else ""
    nxt = c.words[i + 1].text if i + 1 < len(c.words) else ""
    return bool(re.fullmatch(r"\d+\.", prev)) or nxt in ("“", "„", '"', "«", "”")


def _a_kind(w: Word, c: Clause) -> bool:
    """"muzejā notiek izglītojoši pasākumi": a plural with no date names a kind of happening."""
    return w.feat("Number") == "Plur" and w not in T.PLURAL_ONLY and not c.dated


def _specific(etype: str, trigger: Word, c: Clause) -> str:
    """A meeting or an event the sentence also calls a seminar, a conference ... is that:
    "semināra dalībnieki ... sanāksme notiek virtuāli"."""
    if trigger not in T.GENERIC:
        return etype
    whole = Clause(c.sentence, c.sent_idx, c.sentence)
    named = [t for i, w in enumerate(c.sentence) if not w.in_name and not _counted(whole, i)
             for t, lex in T.HAPPENINGS if w in lex and t not in ("meeting", "public_event")]
    return named[0] if named else etype


def _counted(c: Clause, i: int) -> bool:
    """A number before the noun phrase that starts at word ``i`` ("četras praktiskās
    apmācības"): a series of happenings, not one. A code's digits ("LLI-317") count nothing."""
    j = i - 1
    while j >= max(0, i - 3) and c.words[j].pos == "ADJ":
        if c.words[j] in T.COUNT:  # "daudzveidīgi pasākumi"
            return True
        j -= 1
    if j < 0:
        return False
    w = c.words[j]
    code = j > 0 and c.words[j - 1].text in ("-", "/")
    return (w in T.COUNT or w.pos == "NUM" or w.text.isdigit()) and not code


def _for_audience(c: Clause, w: Word, i: int) -> bool:
    """"5. martā notika apmācības pedagogiem", "mācības pašvaldību darbiniekiem": a dated plural
    happening read as a genitive, before those it is for (a dative after genitives), not a
    modifier. Undated, it is more often a kind of activity ("organizē apmācības jauniešiem")."""
    if w not in T.PLURAL_ONLY or not c.dated:
        return False
    head = next((x for x in c.words[i + 1:] if x.pos == "NOUN" and x.feat("Case") != "Gen"), None)
    return head is not None and head.feat("Case") == "Dat"


def _hosts_guests(c: Clause, i: int) -> bool:
    """The host's verb at ``i`` takes guests: "uzņēma projekta partnerus", and in the
    accusative before it when no other object follows it ("Partnerus no Igaunijas 5. jūnijā
    uzņēma dome", "viesus uzņēma"; not "partneri uzņēma filmu")."""
    after = c.words[i + 1:i + 4]
    if c.words[i].feats:
        objects = [x for x in after if x.pos == "NOUN" and x.feat("Case") == "Acc"]
        before = [x for x in c.words[:i] if x.feat("Case") == "Acc"] if not objects else []
    else:
        before = c.words[max(0, i - 2):i]
    return any(x in T.GUESTS for x in before + after)


def _happening(c: Clause) -> tuple[str, Word] | None:
    """The happening the clause names: its noun, not a modifier of another noun ("mācību
    programma") and not a counted series ("četras apmācības")."""
    for i, w in enumerate(c.words):
        nxt = c.words[i + 1] if i + 1 < len(c.words) else None
        if w.feat("Case") == "Gen" and nxt is not None and nxt.pos == "NOUN" and not (
                nxt in T.ORGANISING or nxt in T.EVENT or nxt in T.TRIP or nxt in T.FRAME
                or _for_audience(c, w, i)):
            continue  # "mācību programma" names no training; "pieredzes apmaiņas pasākums" is a visit
        if w in T.EVENT and _measure(c, i):
            continue
        etype = next((t for t, lex in T.HAPPENINGS if w in lex), None)
        if etype and w.feat("Case") == "Gen" and nxt is not None and nxt in T.TRIP:
            etype = "visit"  # "mācību brauciens": a study trip
        prev = c.words[i - 1] if i else None
        if etype is None and prev is not None:
            if (w in T.EXCHANGE or w in T.TRIP) and prev in T.EXPERIENCE:
                etype = "visit"
            elif w in T.SCHOOL and prev in T.SUMMER:
                etype = "training"
        start = i - 1 if etype and prev is not None and (prev in T.EXPERIENCE or prev in T.SUMMER) else i
        if etype and not w.in_name and not _counted(c, start) and not is_purpose(w) and not _a_kind(w, c):
            return _specific(etype, w, c), w
        if w in T.HOST and usable(w) and _hosts_guests(c, i):
            return "visit", w
        if c.dated and w in T.ARRIVE and usable(w) and c.has(T.GUESTS):
            return "visit", w  # "partneri no Lietuvas ieradās Rēzeknē 10. jūlijā"
        # by its verb alone only with a date: "dalībnieki satikās ar speciālistiem" tells a
        # moment of a visit or a stay, "partneri tikās Panevēžā 12. aprīlī" a meeting
        if c.dated and usable(w) and w.pos == "VERB" and (
                etype := next((t for t, lex in T.HAPPENING_VERBS if w in lex), None)):
            return etype, w
    return None


# --- the extractor -------------------------------------------------------------------------
@extractor("events", requires=("PROJECT_CODE", "PROJECT_NAME", "MONEY", "DATE", "ORG", "PLACE", "PERSON"),
           assigns=("events",))
def extract_events(ctx: DocContext) -> None:
    by_label: dict[str, list[Mention]] = {}
    for m in sorted(ctx.mentions, key=lambda m: m.start):
        by_label.setdefault(m.label, []).append(m)
    names = by_label.get("PROJECT_NAME", [])
    orgs = by_label.get("ORG", [])
    # "Jelgavas ... informācijas centrā", "Ogres novada domes zālē": where, not who
    venues = [o for o in orgs if is_locative(o, []) or in_a_room(o, ctx.text)]
    places = [p for p in by_label.get("PLACE", []) if within(p, venues)
              or (not within(p, orgs) and not p.method.endswith("_in_org"))]
    actors = sorted((m for m in orgs + by_label.get("PERSON", [])
                     if not within(m, by_label.get("PROJECT_NAME", [])) and m not in venues), key=lambda m: m.start)
    dates = [d for d in by_label.get("DATE", []) if d.norm]
    money = by_label.get("MONEY", [])
    site = document_site(places)
    today = ctx.document.published or _dateline(ctx, dates)
    found: list[Found] = []
    contractors: list[str] = []
    owners: list[str] = []
    for sent in ctx.sentences:
        if sent.furniture:
            continue
        words = sentence_words(ctx, sent, by_label.get("PROJECT_NAME", []),
                               by_label.get("PLACE", []) + by_label.get("PERSON", []))
        dates_here = [d for d in dates if sent.start <= d.start < sent.end
                      and not _after_since(d, words)]
        cast = Cast(actors, places, names, dates_here, ctx.text)
        parts = clauses(words, sent.idx)
        for prev, c, nxt in zip([None] + parts, parts, parts[1:] + [None]):
            f = _clause_event(c, nxt, money, dates_here, today)
            if f is None or f.weak:
                contractors += find_contractors(c.words, actors, ctx.text)
            if f is None:
                owners += find_owners(c, prev, actors, ctx.text)
                if found:
                    add_takers(found[-1], c, cast)
                continue
            # "tikās Jelgavā 5. februārī, kur notika seminārs": the clause the relative one hangs on
            host = prev if prev is not None and is_relative(c) and not (found and found[-1].clause is prev) else None
            describe(f, host, cast)
            add_partner(f, prev, cast)
            found.append(f)
    events = _merge(_inherit_from_happenings(found))
    code = by_label.get("PROJECT_CODE", [])
    for f in events:  # an object's site: where the document's places point when the clauses say nothing
        if not f.place and f.event_type in ON_SITE:
            f.place = site
    add_cast(events, owners, contractors)
    ctx.events.extend(_to_event(ctx, f, code) for f in events)


def _dateline(ctx: DocContext, dates: list[Mention]) -> str:
    """The full date a short line near the top gives ("2009. gada 18. novembris"), when the
    publication date was not found: what "šodien" means."""
    for d in dates[:3]:
        sent = ctx.sentences[d.sent_idx]
        if re.fullmatch(r"\d{4}-\d\d-\d\d", d.norm) and sent.end - sent.start < 60 and d.sent_idx < 12:
            return d.norm
    return ""


def _after_since(d: Mention, words: list[Word]) -> bool:
    """"darbojas kopš 2011. gada": a duration, not an event's date."""
    before = [w for w in words if w.end <= d.start][-1:]
    return any(w in T.SINCE or w.text.lower() == "kopš" for w in before)


def _clause_event(c: Clause, nxt: Clause | None, money: list[Mention], dates: list[Mention],
                  today: str) -> Found | None:
    """The event the clause reports, if any. Aims ("projekta mērķis ir"), purposes ("lai
    saņemtu finansējumu"), possibilities, needs and requests report none."""
    if not c.has(T.ANY_TRIGGER) or c.has(T.AIM) or c.words[0].low == "lai" or any(
            w in T.MAYBE and w.feat("Mood") != "Cnd" and not is_attributive(w) for w in c.words):
        return None
    planned = _planned(c)
    has_money = any(c.start <= m.start < c.end for m in money)
    has_date = c.dated = any(c.start <= d.start < c.end for d in dates)
    rel = nxt if nxt is not None and is_relative(nxt) else None
    public = has_date or c.has(T.HAPPEN) or (rel is not None and (
        rel.has(T.HAPPEN) or any(rel.start <= d.start < rel.end for d in dates)))
    best = _milestone(c, has_money, planned, public)
    happening = _happening(c)
    if happening and (best is None or best[2] >= 2) and public:
        best = (*happening, 2)
    if best is None:
        if (w := first_usable(c, T.DO)) and c.has(T.WORKS) and planned and has_date:
            best = ("works_start", w, 2)  # "darbus plānots veikt 2017. gadā": the works' start
        else:
            return None
    etype, trigger, rank = best
    tail = c.words[c.words.index(trigger) + 1:]
    about = rel if not any(is_predicate(w) for w in tail) else None  # the relative clause is about the trigger
    # "vienojās par sanāksmi, kas notiks martā": when it happens tells; "ēka, kurā atradīsies centrs" does not
    planned = planned or (about is not None and about.has(T.HAPPEN) and _planned(about))
    return Found(etype, trigger, c, "planned" if planned else "done", event_date(c, about, trigger, dates, today),
                 about=about, weak=rank >= 4)


def _inherit_from_happenings(found: list[Found]) -> list[Found]:
    """A milestone told right after a dated meeting, with no date of its own, was decided at it
    ("the committee met on 5 March. It approved 16 projects.")."""
    for prev, f in zip(found, found[1:]):
        if (not f.date and f.event_type in MILESTONES and prev.event_type == "meeting" and prev.date
                and f.status == prev.status and f.clause.sent_idx == prev.clause.sent_idx + 1):
            f.date, f.date_from = prev.date, str(prev.clause.sent_idx)
            f.place = f.place or prev.place
    return found


def _merge(found: list[Found]) -> list[Found]:
    """One event per happening: the clauses of one sentence that name one type; mentions of one
    type and status whose dates agree (and, for happenings, places); an undated mention joins
    the only dated event of its type and status (of any status when told in the present)."""
    found = _join_signings(found)
    groups: list[list[Found]] = []
    for f in sorted(found, key=lambda f: not f.date):  # dated mentions found the groups
        same = [g for g in groups if g[0].event_type == f.event_type
                and (f.event_type in MILESTONES or not f.place or not g[0].place or f.place == g[0].place)]
        target = next((g for g in same if any(x.clause.sent_idx == f.clause.sent_idx for x in g)
                       and (not f.date or not g[0].date or f.date == g[0].date)), None)
        same = [g for g in same if g[0].status == f.status or (not f.date and _timeless(f.clause))]
        if target is None and f.date:
            target = next((g for g in same if g[0].date == f.date), None)
        elif target is None:
            dated = [g for g in same if g[0].date]
            undated = [g for g in same if not g[0].date]
            target = dated[0] if len(dated) == 1 else (undated[0] if undated else None)
        if target is None:
            groups.append([f])
        else:
            target.append(f)
    for g in groups:
        _absorb(g[0], g[1:])
    return sorted((g[0] for g in groups), key=lambda f: f.trigger.start)


def _timeless(c: Clause) -> bool:
    """A clause in the present tense only ("festivālu organizē biedrība"): it says who, not
    whether the happening is past or to come."""
    tenses = {w.feat("Tense") for w in c.words if is_predicate(w)}
    return tenses == {"Pres"}


def _absorb(head: Found, others: list[Found]) -> None:
    for f in others:
        head.place = head.place or f.place
        head.participants += [p for p in f.participants if p not in head.participants]


def _join_signings(found: list[Found]) -> list[Found]:
    """A signature told without its agreement adds its place, date and signatories to the
    signing told before it; alone it is no event."""
    out: list[Found] = []
    for f in found:
        if f.event_type != SIGNING:
            out.append(f)
            continue
        before = next((x for x in reversed(out) if x.trigger in T.SIGN), None)
        if before is not None:
            if not before.date and f.date:
                before.date, before.date_from = f.date, str(f.clause.sent_idx)
            _absorb(before, [f])
    return out


def _to_event(ctx: DocContext, f: Found, codes: list[Mention]) -> Event:
    people = list(dict.fromkeys(f.participants))
    before = [c.norm for c in codes if c.start <= f.clause.end]
    doc_id = ctx.document.doc_id
    return Event(
        doc_id=doc_id, sent_idx=f.clause.sent_idx, start=f.trigger.start, end=f.trigger.end,
        trigger=ctx.text[f.trigger.start:f.trigger.end], event_type=f.event_type, date=f.date,
        date_from=f"{doc_id}:{f.date_from}" if f.date_from else "", place=f.place,
        participants=";".join(people), online=bool(ONLINE.search(ctx.text, f.clause.start, f.clause.end)),
        project_code=before[-1] if before else (codes[0].norm if codes else ""), status=f.status)
