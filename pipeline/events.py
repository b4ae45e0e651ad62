"""Events the articles report: visits, meetings, seminars, trainings, conferences, camps,
openings, procurements — with date, place, participants and the trigger phrase.

One sentence gives at most one event (its most specific trigger). Inside a document the
sentences about one event are tied together: undated mentions of a type whose dated
mentions all give one date take that date (``date_from`` names the sentence it came from)
and share its key. Across documents, `consolidate.link_events` gives events of the same
project and type with compatible dates one ``event_key``.
"""
from __future__ import annotations

import regex as re

from .extract import DocContext, extractor
from .records import Event

# (event type, trigger) in order of precedence within a sentence.
TRIGGERS = [
    ("procurement", r"iepirkum\p{L}*"),
    ("opening", r"atklāšan\p{L}*|atklās\b|atklāj\p{L}*|atklāt\p{L}*"),
    ("conference", r"konferenc\p{L}*|forum\p{L}*"),
    ("camp", r"nometn\p{L}*"),
    ("visit", r"pieredzes apmaiņ\p{L}*(?:\s+(?:un apmācību\s+)?(?:pasākum|braucien|vizīt)\p{L}*)?"
              r"|iepaz[iī]n\p{L}* pieredzi|apguv\p{L}* pieredzi|mācību vizīt\p{L}*|studiju vizīt\p{L}*|vizīt\p{L}*"
              r"|uzņēm\p{L}* (?:projekta )?(?:sadarbības )?partner\p{L}*"),
    ("seminar", r"seminār\p{L}*|vebinār\p{L}*|webinar\p{L}*"),
    ("meeting", r"(?:partneru |vadības grupas |koordinācijas )?(?:tikšan\p{L}*|sanāksm\p{L}*|sapulc\p{L}*)"),
    ("training", r"apmācīb\p{L}*|mācības|darbnīc\p{L}*"),
]
TRIGGER_RX = [(t, re.compile(rf"(?<!\p{{L}})(?:{rx})", re.I)) for t, rx in TRIGGERS]
ANY_TRIGGER = re.compile(rf"(?<!\p{{L}})(?:{'|'.join(rx for _, rx in TRIGGERS)})", re.I)  # one scan rules most sentences out
HAPPENS = re.compile(r"notik\p{L}*|notiks|notiek|ieradu\p{L}*|ieradās|norisin\p{L}*|organizē\p{L}*|rīko\p{L}*|apmeklē\p{L}*|piedalī\p{L}*"
                     r"|dosies|devās|izsludināt\p{L}*|uzņēm\p{L}*|iepaz[iī]n\p{L}*|apguv\p{L}*|pulcēj\p{L}*|tiksies", re.I)
ONLINE = re.compile(r"tiešsaist\p{L}*|virtuāl\p{L}*|attālinā\p{L}*|\bonline\b|\bzoom\b|vebinār\p{L}*", re.I)
SINCE = re.compile(r"\b(?:kopš|jau kopš)\s*$", re.I)  # "darbojas kopš 2011. gada": a duration, not the event
COUNTRIES = {"Latvija", "Lietuva", "Igaunija", "Krievija", "Baltkrievija", "Polija", "Somija", "Zviedrija",
             "Vācija", "Norvēģija", "Dānija"}


def _is_locative(surface: str) -> bool:
    from .inflect import analyses

    word = surface.split()[-1] if surface.split() else surface
    return any(a.case == "loc" for a in analyses(word))


@extractor("events")
def extract_events(ctx: DocContext) -> None:
    text = ctx.text
    by_sentence: dict[int, list] = {}
    for m in ctx.mentions:
        by_sentence.setdefault(m.sent_idx, []).append(m)
    codes = ctx.of_label("PROJECT_CODE")
    events: list[Event] = []
    for sent in ctx.sentences:
        if sent.furniture:
            continue
        sentence = text[sent.start:sent.end]
        if not ANY_TRIGGER.search(sentence):
            continue
        found = None
        for etype, rx in TRIGGER_RX:
            m = rx.search(sentence)
            if m:
                found = (etype, m)
                break
        if not found:
            continue
        etype, m = found
        mentions = by_sentence.get(sent.idx, [])
        dates = [x for x in mentions if x.label == "DATE" and x.norm and not SINCE.search(text, sent.start, x.start)]
        if not dates and not HAPPENS.search(sentence):
            continue  # "projekta mērķis ir ... apmācības": a topic, not an event
        t0 = sent.start + m.start()
        date = min(dates, key=lambda x: abs(x.start - t0)).norm if dates else ""
        titles = [x for x in mentions if x.label == "PROJECT_NAME"]
        places = [x for x in mentions if x.label == "PLACE"  # not "... Vidusbaltijas reģionā" inside a title
                  and not any(t.start <= x.start < t.end for t in titles)]
        here = [x.norm for x in places if _is_locative(x.text) and x.norm not in COUNTRIES]
        if not here:
            here = [x.norm for x in places if x.start > t0 and x.norm not in COUNTRIES][:1]
        if not here:
            here = [x.norm for x in places if _is_locative(x.text)][:1]
        participants = [x.norm for x in mentions if x.label == "ORG"]
        participants += [x.norm for x in places if x.norm not in here and x.norm not in COUNTRIES]
        code = [c.norm for c in codes if c.start <= sent.end]
        events.append(Event(
            doc_id=ctx.document.doc_id, sent_idx=sent.idx, start=t0, end=sent.start + m.end(),
            trigger=m.group(), event_type=etype, date=date, place=";".join(dict.fromkeys(here)),
            participants=";".join(dict.fromkeys(participants)), online=bool(ONLINE.search(sentence)),
            project_code=code[-1] if code else (codes[0].norm if codes else "")))
    ctx.events.extend(_tie_within_document(ctx.document.doc_id, events))


def _tie_within_document(doc_id: str, events: list[Event]) -> list[Event]:
    """Undated events of a type whose dated events share one date are that event."""
    import dataclasses

    out = []
    for e in events:
        same = [x for x in events if x.event_type == e.event_type]
        dated = {x.date for x in same if x.date}
        if not e.date and len(dated) == 1:
            source = next(x for x in same if x.date)
            place = e.place if e.place else source.place
            e = dataclasses.replace(e, date=source.date, date_from=f"{doc_id}:{source.sent_idx}", place=place)
        out.append(e)
    # the dated event takes a more specific place from its undated siblings ("Kretingā" in the headline)
    final = []
    for e in out:
        if e.date and not e.place:
            sib = [x.place for x in out if x.event_type == e.event_type and x.date == e.date and x.place]
            if sib:
                e = dataclasses.replace(e, place=sib[0])
        final.append(e)
    return final
