"""Latvian words and patterns that segmentation, the tokenizer and the rules share.

Two lists of one kind answer different questions, so each keeps its own name here and says
what it is for: a merged list changes the outputs (scripts/compare_outputs.py shows where).
"""
from __future__ import annotations

import regex as re

# Abbreviations the treebank keeps as one token (the tokenizer adds capitalised variants): the
# shipped model learnt on this tokenisation, so the list follows the treebank's tokens.
TOKEN_ABBREVIATIONS = (
    "š.g.", "u.c.", "t.sk.", "tsk.", "Nr.", "nr.", "plkst.", "tālr.", "utt.", "piem.",
    "milj.", "tūkst.", "mljrd.", "g.", "gs.", "lpp.", "t.i.", "t.s.", "u.tml.", "utml.",
    "p.m.ē.", "m.ē.", "v.", "sk.", "att.", "tab.", "prof.", "doc.", "asoc.", "Dr.", "dr.",
    "kv.", "iel.", "pag.", "nov.", "pils.", "apm.", "ap.", "vid.", "vsk.", "min.", "sek.",
    "st.", "mēn.", "dz.", "tel.", "ek.", "red.", "sal.", "angl.", "lat.",
    "Ls.", "pr.", "pārsk.",
)

# Abbreviations after which a capitalised word does not start a new sentence (compared in lower
# case): besides the tokens above, months, titles and units that a name or a number follows.
SENTENCE_ABBREVIATIONS = {
    "š.g.", "šā g.", "t.sk.", "tsk.", "nr.", "no.", "plkst.", "tālr.", "tel.", "piem.", "milj.",
    "mljrd.", "tūkst.", "g.", "gs.", "apm.", "sk.", "skat.", "t.i.", "t.s.", "pers.", "dr.",
    "prof.", "doc.", "asoc.", "mg.", "sv.", "kgs.", "k-dze", "k-gs", "v.", "nov.", "pag.",
    "pils.", "iel.", "st.", "janv.", "febr.", "marts.", "apr.", "aug.", "sept.", "okt.",
    "dec.", "vs.", "cilv.", "min.", "ek.", "u.", "resp.", "val.", "lpp.",
    "mr.", "mrs.", "a/s", "sia.", "p.", "ā.", "t.", "m.",
}
# Abbreviations that often end a sentence: split after them when a capital follows.
FINAL_ABBREVIATIONS = {"u.c.", "utt.", "u.tml.", "utml.", "etc.", "u.c"}

# Institution heads an organisation name ends with, as stems matched in any case: where an ORG
# mention of the entity rules ends ("Auces novada pašvaldība", "Jelgavas ... centrā").
ORG_HEAD_STEMS = (r"pašvaldīb|dom(?=e|es|ei|i|ēm|ei)|reģion|centr(?!āl)|kas(?=e|es|ei|i)|bank|skol|pamatskol"
                  r"|vidusskol|muzej|bibliotēk|dienest|nodaļ|iestād|iestāž|aģentūr|biedrīb|nodibinājum|fond"
                  r"|universitāt|augstskol|slimnīc|pārvald|pārvalž|vald(?:e|es|ei|ē)(?!\p{L})|būvvald|ministrij|inspekcij"
                  r"|sabiedrīb|padom|komitej|izpildkomitej|asociācij|savienīb|klub|teātr|nam(?!iņ)|ģimnāzij"
                  r"|koledž|dārz|administrācij|departament|biroj|kolektīv|valdīb|sākumskol|internātskol"
                  r"|arodskol|bērnudārz|tehnikum|pansionāt|draudz|policij|akadēmij"
                  r"|bāriņties|partnerīb|grup|vēstniecīb|konsulāt|institūt|fakultāt|orķestr")

# Head nouns, not the adjectives sharing their stem ("Centrālās", "reģionālās").
_NOUN_ENDING = r"(?:s|a|am|u|ā|i|iem|os)"
# The organisation in a person's role ("Dagdas novada pašvaldības vadītājs"): fewer heads than
# ORG_HEAD_STEMS, each with its endings, so a role's organisation stops at its head noun.
ROLE_ORG_HEADS = (rf"pašvaldīb\p{{L}}*|dom(?:es|e)|dienest\p{{L}}*|nodaļ\p{{L}}*|centr{_NOUN_ENDING}|reģion{_NOUN_ENDING}"
                  r"|skol\p{L}*"
                  r"|biedrīb\p{L}*|pārvald\p{L}*|iestād\p{L}*|aģentūr\p{L}*|ministrij\p{L}*|universitāt\p{L}*"
                  r"|fond\p{L}*|muzej\p{L}*|bibliotēk\p{L}*|slimnīc\p{L}*|uzņēmum\p{L}*|sabiedrīb\p{L}*")

# Where the words after a money figure that tell its role end: a comma, colon, bracket, sentence
# end or a dash before a capital.
MONEY_CLAUSE_END = re.compile(r"[,;:()]|\.\s|\s[–-]\s(?=\p{Lu})")
# Where the role written after a person's name ends ("Ilze Ozola, biedrības valdes priekšsēdētāja;"):
# a semicolon, a bracket or a list's "un" / "kā arī"; the comma before the role stays.
ROLE_CLAUSE_END = re.compile(r"[;()]|\s(?:un|kā arī)\s")

CAPITAL_NEXT = re.compile(r"\s+\p{Lu}")  # the next word is capitalised: a name goes on
