from decimal import Decimal

import pytest

from pipeline.rules.money import find_money, parse_amount, to_eur


@pytest.mark.parametrize("text,amount,currency", [
    ("791 256,20 eiro", "791256.20", "EUR"),
    ("EUR 791 256.19", "791256.19", "EUR"),
    ("EUR 109 732.96", "109732.96", "EUR"),
    ("77418,00 eiro", "77418.00", "EUR"),
    ("31 625 eiro", "31625", "EUR"),
    ("150 787,84 lati", "150787.84", "LVL"),
    ("60,1 miljoni eiro", "60100000", "EUR"),
    ("1,2 milj. EUR", "1200000", "EUR"),
    ("250 tūkst. eiro", "250000", "EUR"),
    ("€ 5000", "5000", "EUR"),
    ("Ls 300", "300", "LVL"),
    ("12 000 litai", "12000", "LTL"),
    ("1.234.567,89 EUR", "1234567.89", "EUR"),
    ("3\u00a0450,50\u00a0eiro", "3450.50", "EUR"),  # no-break spaces
    ("3\u2009450 eiro", "3450", "EUR"),  # thin space
    ("7\u202f000 000 eiro", "7000000", "EUR"),  # narrow no-break space
    ("2 miljardi eiro", "2000000000", "EUR"),
    ("1,5 miljona eiro", "1500000", "EUR"),
    ("2,3 miljonus eiro", "2300000", "EUR"),
    ("12 000,- EUR", "12000", "EUR"),
    ("1 mljn. EUR", "1000000", "EUR"),
    ("2,5 mil. eiro", "2500000", "EUR"),
    ("EUR 1,4 mil.", "1400000", "EUR"),
])
def test_amounts_parse(text, amount, currency):
    found = list(find_money(f"Summa ir {text}, kā plānots."))
    assert [(str(a.normalize()), c) for _, _, a, c in found] == [(str(Decimal(amount).normalize()), currency)]
    s, e, _, _ = found[0]
    assert f"Summa ir {text}, kā plānots."[s:e] == text


@pytest.mark.parametrize("text", [
    "85 % finansējumu nodrošina ERAF",
    "Tālrunis: 63976100",
    "Adrese: LV-3933, Vecumnieki",
    "2019. gada 5. februārī",
    "programma 2014-2020",
    "vismaz 1000 cilvēkiem un 20 cilv. grupām",
    "29 km attālumā",
    "10 ls un 5 lt",  # lower-case "ls"/"lt" are not currency signs
])
def test_no_money_without_currency(text):
    assert list(find_money(text)) == []


def test_parse_amount_separators():
    assert parse_amount("1 500") == Decimal("1500")
    assert parse_amount("1.500") == Decimal("1500")
    assert parse_amount("1,5", "milj") == Decimal("1500000")
    assert parse_amount("1,234.56") == Decimal("1234.56")


def test_changeover_rates():
    assert to_eur(Decimal("150787.84"), "LVL") == Decimal("214551.77")
    assert to_eur(Decimal("3452.80"), "LTL") == Decimal("1000.00")
    assert to_eur(Decimal("10"), "USD") is None


def facts(extract, text):
    ctx = extract(text, "project_codes", "money")
    return [(f.mention.text, f.role, f.party, f.project_code) for f in ctx.money]


def test_total_erdf_and_partner_shares(extract):
    text = ("Projekta LLI-317 kopējais finansējums ir 791 256,20 eiro, tostarp ERAF finansējums – 672 576,74 eiro. "
            "Kopējās izmaksas Auces novada pašvaldības gadījumā - 91 079,82 eiro, tostarp ERAF finansējums "
            "77418,00 eiro, pašvaldības līdzfinansējums - 13661,82 eiro.")
    assert facts(extract, text) == [
        ("791 256,20 eiro", "total", "", "LLI-317"),
        ("672 576,74 eiro", "erdf", "", "LLI-317"),
        ("91 079,82 eiro", "total", "Auces novada pašvaldība", "LLI-317"),
        ("77418,00 eiro", "erdf", "Auces novada pašvaldība", "LLI-317"),
        ("13661,82 eiro", "cofinancing", "Auces novada pašvaldība", "LLI-317"),
    ]


def test_currency_pairs_and_rates_are_not_money_roles(extract):
    text = ("Plānotajām aktivitātēm paredzētais budžets visiem partneriem kopā ir 214 553 eiro (150 787,84 lati), "
            "kur 85 % finansējumu nodrošina ERAF. Iecavas novada domes plānotajām aktivitātēm paredzēts "
            "31 625 eiro liels finansējums (22 226,17 lati).")
    assert facts(extract, text) == [
        ("214 553 eiro", "total", "", ""),
        ("150 787,84 lati", "total", "", ""),
        ("31 625 eiro", "total", "Iecavas novada dome", ""),
        ("22 226,17 lati", "total", "Iecavas novada dome", ""),
    ]


def test_roles_from_words_after_the_amount_and_other_funds(extract):
    text = ("Projekta kopējais budžets ir 1,2 milj. EUR, no kuriem 1 020 000 EUR ir ERAF līdzfinansējums. "
            "Valsts budžeta dotācija ir 90 000 eiro. ESF finansējums sasniedz 250 tūkst. eiro. "
            "Aprīkojums iegādāts par € 5000. "
            "Rēzeknes pilsētas domes budžets projektā ir EUR 40 000.")
    got = facts(extract, text)
    assert [(t, r, p) for t, r, p, _ in got] == [
        ("1,2 milj. EUR", "total", ""),
        ("1 020 000 EUR", "erdf", ""),
        ("90 000 eiro", "cofinancing", ""),
        ("250 tūkst. eiro", "erdf", ""),  # every EU fund's share is `erdf`
        ("€ 5000", "other", ""),
        ("EUR 40 000", "total", "Rēzeknes pilsētas dome"),
    ]


def test_implementing_partner_is_not_the_party(extract):
    text = "Zemgales plānošanas reģiona īstenotā projekta kopējais budžets ir 705 573,37 EUR."
    assert facts(extract, text) == [("705 573,37 EUR", "total", "", "")]


def test_code_is_the_nearest_preceding_one(extract):
    text = ("Projekta LLI-317 budžets ir 100 000 eiro. Savukārt projekta LLI-425 budžets ir 200 000 eiro.")
    assert [c for *_, c in facts(extract, text)] == ["LLI-317", "LLI-425"]


def test_partner_allocations_quoted_ngos_and_sentence_ends(extract):
    text = ("Ogres novada pašvaldībai piešķirti 45 000 eiro, savukārt Ķeguma novada pašvaldībai – 30 000 eiro. "
            "Biedrības „Zaļā josta” daļa projektā ir EUR 12 000. "
            "Kopējais projekta budžets ir 120 000 EUR. Tostarp ERAF finansējums ir 102 000 EUR.")
    assert [(t, r, p) for t, r, p, _ in facts(extract, text)] == [
        ("45 000 eiro", "total", "Ogres novada pašvaldība"),
        ("30 000 eiro", "total", "Ķeguma novada pašvaldība"),
        ("EUR 12 000", "total", "biedrība „Zaļā josta”"),
        ("120 000 EUR", "total", ""),
        ("102 000 EUR", "erdf", ""),
    ]


def amounts(extract, text):
    return [(f.mention.text, str(f.amount), f.currency) for f in extract(text, "money").money]


@pytest.mark.parametrize("text,expected", [
    ("Būvniecības izmaksas EUR: 455 120.30, no tām ERAF 85% - 386 852.26.",
     [("455 120.30", "455120.30", "EUR"), ("386 852.26", "386852.26", "EUR")]),
    ("Kopējās projekta izmaksas (EUR) 612 400,15",
     [("612 400,15", "612400.15", "EUR")]),
    ("Kopā 512 000,00 EUR, no tiem 435 200,00 EUR – ERAF, 76 800,00 valsts budžeta dotācija.",
     [("512 000,00 EUR", "512000.00", "EUR"), ("435 200,00 EUR", "435200.00", "EUR"),
      ("76 800,00", "76800.00", "EUR")]),
    ("Kopā EUR: 100 000,00 t.sk. ERAF 85 000,00.",
     [("100 000,00", "100000.00", "EUR"), ("85 000,00", "85000.00", "EUR")]),
    ("Budžets ir 90 000 latu, no tiem ERAF 76 500, pašvaldība 13 500.",
     [("90 000 latu", "90000.00", "LVL"), ("76 500", "76500.00", "LVL"), ("13 500", "13500.00", "LVL")]),
    ("Pašvaldības daļa 48 210,50  EUR apmērā.", [("48 210,50  EUR", "48210.50", "EUR")]),
    ("Ieguldīti vairāk nekā 2,7 mlj.euro.", [("2,7 mlj.euro", "2700000.00", "EUR")]),
    ("Izmaksas ir 7415, 20 EUR.", [("7415, 20 EUR", "7415.20", "EUR")]),
    ("No tām 180 4210,50 eiro ir ERAF daļa.", [("180 4210,50 eiro", "1804210.50", "EUR")]),
])
def test_listed_figures_headers_and_irregular_spacing(extract, text, expected):
    assert amounts(extract, text) == expected


@pytest.mark.parametrize("text", [
    "Projekta budžets ir 50 000 EUR, projektā piedalīsies 1 200 cilvēki un 15,50 km takas.",
    "Projekta budžets ir 50 000 EUR, 85,00 % no tā sedz ERAF.",
    "Sadarbojas Lietuva (LT) un Latvija: 2 400 dalībnieku.",
    "Projekta budžets 20 000 EUR, pasākums plkst. 10.30 un 2019, 15 dalībnieki.",
])
def test_bare_numbers_without_a_stated_currency_are_not_money(extract, text):
    assert [a for a in amounts(extract, text) if a[0] != "50 000 EUR" and a[0] != "20 000 EUR"] == []


def roles(extract, text):
    ctx = extract(text, "project_codes", "money")
    return [(f.mention.text, f.role, f.party, f.fund)
            for f in ctx.money]


@pytest.mark.parametrize("text,role,fund", [
    ("Apmācībām ESF finansējums ir 120 000 EUR.", "erdf", "ESF"),
    ("No Kohēzijas fonda ieguldīti 2,5 miljoni eiro.", "erdf", "KF"),
    ("Eiropas Lauksaimniecības fonds lauku attīstībai piešķīra 18 400 EUR.", "erdf", "ELFLA"),
    ("Zvejnieku ostai EJZF atbalsts sasniedz 96 000 eiro.", "erdf", "EJZF"),
    ("ENI finansējums – EUR 310 000,00", "erdf", "ENI"),
    ("Eiropas Savienības atbalsts ir 4 100 lati.", "erdf", ""),
    ("Programmas finansējums: 41 250.00 EUR", "erdf", ""),
    ("Projekta līdzfinansējums no Latvijas – Lietuvas sadarbības programmas ir 70 300 EUR.", "erdf", ""),
])
def test_every_eu_fund_share_is_erdf_and_names_its_fund(extract, text, role, fund):
    assert [(r, f) for _, r, _, f in roles(extract, text)] == [(role, fund)]


@pytest.mark.parametrize("text,expected", [
    # a dash after a figure introduces its description
    ("Kopā 200 000,00 EUR, no tiem 170 000,00 EUR – ERAF un 30 000,00 EUR – valsts budžeta līdzekļi.",
     ["total", "erdf", "cofinancing"]),
    ("Budžets ir 50 000 eiro, no kuriem 45 000 eiro - ES ERAF finansējums, bet 5 000 eiro - Talsu novada domes "
     "budžeta finansējums.", ["total", "erdf", "cofinancing"]),
    # the same sum in brackets does not hide the words after it
    ("No tā 85% – 425 000 EUR (298 691 LVL) ir Eiropas Savienības atbalsts.", ["erdf", "erdf"]),
    # a closing bracket inside the figure's clause keeps the fund it names
    ("Izdevumi 60 000 EUR, tai skaitā Eiropas Reģionālās attīstības fonda finansējums (ERAF 85 %) "
     "– 51 000 EUR un valsts budžeta finansējums (15%) – 9 000 EUR.", ["total", "erdf", "cofinancing"]),
    # municipal money named in any form
    ("Izmaksas 12 000 EUR, t.sk. 1 200 EUR no pagasta pārvaldes budžeta.", ["total", "cofinancing"]),
    ("Vēlāk pašvaldība biedrībai papildus piešķīra 430 latu.", ["cofinancing"]),
    ("EUR 2 210,40 –Kandavas novada pašvaldība.", ["cofinancing"]),
    ("Ogres novada domes ieguldījums ir 14 000 LVL.", ["cofinancing"]),
    ("Biedrība no saviem līdzekļiem ieguldīja vēl 900 eiro.", ["cofinancing"]),
    ("Līdz šim pašvaldība projektā ieguldījusi 20 000 EUR.", ["cofinancing"]),
    ("Atlikušos 3 500 EUR sedz Ropažu novada dome.", ["cofinancing"]),
    # the words after a figure name its payer; the previous item's payer does not carry over
    ("Budžets ir 80 000 EUR, no kura 68 000 EUR sedz Eiropas Reģionālās attīstības fonds, "
     "bet 12 000 EUR – partneri.",
     ["total", "erdf", "cofinancing"]),
    ("Izmaksas ir 40 000 EUR, no tām ERAF finansējums, kas veido 85%, ir 34 000 EUR.", ["total", "erdf"]),
])
def test_roles_from_the_figures_own_clause_and_description(extract, text, expected):
    assert [r for _, r, _, _ in roles(extract, text)] == expected


@pytest.mark.parametrize("text,expected", [
    # eligible cost beside the total is other; alone it is the total
    ("Kopējās izmaksas ir 90 000 EUR, bet attiecināmās izmaksas ir 80 000 EUR.", ["total", "other"]),
    ("Projekta kopējās attiecināmās izmaksas ir 80 000 EUR.", ["total"]),
    ("Neattiecināmās izmaksas sastāda 7 000 latu.", ["other"]),
    # non-EU grants, private money, public funding as a whole
    ("Latvijas vides aizsardzības fonda piešķirtais finansējums ir 70%, kas sastāda 21 000 euro.", ["other"]),
    ("Kopā ar privāto finansējumu 300 000 eiro apmērā ieguldīs vairāk.", ["other"]),
    ("Biedrībai piešķirts publiskais finansējums 8 000 EUR apmērā.", ["other"]),
    ("ELFLA publiskais finansējums ir 8 000 EUR.", ["erdf"]),
    # sums of programmes, calls and several projects
    ("Apstiprināto projektu kopējās izmaksas sastāda 4 200 000 Ls, no tām ERAF – 3 500 000 Ls.",
     ["other", "other"]),
    ("Kultūrkapitāla fonds piešķīra finansējumu 312 projektiem 2,1 miljona eiro apmērā.", ["other"]),
    ("Šajā atlases kārtā pieejamais finansējums ir 5 miljoni eiro.", ["other"]),
    ("Lielie projekti (ar kopējo budžetu virs 500 000 EUR) saņems atbalstu.", ["other"]),
    ("Programmas kopējais budžets ir 60 miljoni eiro.", ["other"]),
    ("Programmā pieejami 90 miljoni eiro, tostarp ERAF 76,5 miljoni eiro.", ["other", "other"]),
    # a contract sum is the total alone, a part beside the project's total
    ("Būvdarbu līguma summa ir 310 000 EUR.", ["total"]),
    ("Projekta kopējās izmaksas ir 400 000 EUR. Būvdarbu līguma summa ir 310 000 EUR.", ["total", "other"]),
    # a figure that parts follow is the whole
    ("Parkā ieguldīti 75 000 eiro, no tiem 63 750 eiro ERAF līdzekļi.", ["total", "erdf"]),
    # a list continued with "savukārt" keeps the role of the figure before it
    ("Cēsīs no KF paredzēti 900 000 eiro, savukārt Valmierā – 700 000 eiro.", ["erdf", "erdf"]),
])
def test_eligible_cost_other_funds_and_aggregates(extract, text, expected):
    assert [r for _, r, _, _ in roles(extract, text)] == expected


def test_label_line_gives_role_and_party_to_its_list(extract):
    text = ("Pārrobežu projekta partneri ir Valkas un Valgas pašvaldības.\n\n"
            "Valkas novada pašvaldības finansējuma sadalījums:\n\n"
            "Programmas finansējums: 41 250.00 EUR\n\n"
            "Pašvaldības finansējums: 7 280.00 EUR\n\n"
            "Projekta budžets un sadalījums –\n\n"
            "210 000 EUR (ERAF 85%).")
    assert [(r, p) for _, r, p, _ in roles(extract, text)] == [
        ("erdf", "Valkas novada pašvaldība"), ("cofinancing", "Valkas novada pašvaldība"), ("total", "")]


def test_party_only_for_a_partners_share(extract):
    single = "Rucavas novada domes ieguldījums būvdarbos ir 24 000 EUR."
    assert [(r, p) for _, r, p, _ in roles(extract, single)] == [("cofinancing", "")]
    statement = ("Projekta partneri tikās Rūjienā. Rūjienas novada domes priekšsēdētājs uzsvēra, ka projekta "
                 "kopējais budžets ir 150 000 EUR.")
    assert [(r, p) for _, r, p, _ in roles(extract, statement)] == [("total", "")]
    share = ("Projektā ir trīs partneri. Alūksnes novada pašvaldības kopējā finansējuma daļa 61 000,00 EUR, "
             "no tiem 51 850,00 EUR – ERAF un 9 150,00 EUR – valsts budžeta finansējums.")
    assert [(r, p) for _, r, p, _ in roles(extract, share)] == [
        ("total", "Alūksnes novada pašvaldība"), ("erdf", "Alūksnes novada pašvaldība"),
        ("cofinancing", "Alūksnes novada pašvaldība")]


@pytest.mark.parametrize("text", [
    "Projekta budžets ir 50 000 EUR, informācija pa tālr. 29 123 456.",
    "Projekta budžets ir 50 000 EUR, tālrunis 29 123 456.",
    "Projekta budžets ir 50 000 EUR, laukuma platība 1 250,50 kvadrātmetri.",
    "Projekta budžets ir 50 000 EUR, tajā piedalīsies 2 400,00 dalībnieku.",
])
def test_phone_numbers_and_measures_beside_money_are_not_money(extract, text):
    assert amounts(extract, text) == [("50 000 EUR", "50000.00", "EUR")]


def test_a_parallel_item_does_not_take_the_partner_before_it(extract):
    text = ("Projekta Nr. LLI-55 kopējais budžets 900 000 eiro, Ludzas novada pašvaldības daļa – 300 000 eiro, "
            "Zarasu – 250 000 eiro.")
    assert [(r, p) for _, r, p, _ in roles(extract, text)] == [
        ("total", ""), ("total", "Ludzas novada pašvaldība"), ("other", "")]


def test_a_university_or_academy_can_be_the_partner(extract):
    text = "Projekta Nr. LLI-5 kopējais budžets ir 400 000 EUR. Rēzeknes Tehnoloģiju akadēmijas daļa ir 90 000 EUR."
    assert [(r, p) for _, r, p, _ in roles(extract, text)] == [
        ("total", ""), ("total", "Rēzeknes Tehnoloģiju akadēmija")]


@pytest.mark.parametrize("text,expected", [
    # the EU or its funds named without a noun after them pay the figure
    ("No Eiropas Savienības fondiem saņemti 940 000 eiro.", ["erdf"]),
    ("No ES struktūrfondiem pilsēta piesaistīja 2,1 milj. eiro.", ["erdf"]),
    ("Izmaksas ir 80 000 EUR, no kurām 68 000 EUR finansē Eiropas Savienība.", ["total", "erdf"]),
    # a fund that qualifies the project leaves the role to the words after it
    ("ES fondu līdzfinansētā projekta kopējās izmaksas ir 410 000 eiro.", ["total"]),
    ("ERAF projekta budžets ir 95 000 EUR, no tā ERAF finansējums 80 750 EUR.", ["total", "erdf"]),
    ("ELFLA atbalstītā projekta ietvaros pašvaldība ieguldīja 3 200 eiro.", ["cofinancing"]),
])
def test_eu_funds_named_alone_and_funds_that_qualify_the_project(extract, text, expected):
    assert [r for _, r, _, _ in roles(extract, text)] == expected


@pytest.mark.parametrize("text,expected", [
    # the beneficiary or a partner named as the one who pays
    ("Atlikušos 2 300 EUR sedz biedrība.", ["cofinancing"]),
    ("Izmaksas ir 40 000 EUR, no kurām 4 000 EUR ieguldīs nodibinājums.", ["total", "cofinancing"]),
    ("Uzņēmums no saviem līdzekļiem ieguldīja 50 000 eiro.", ["cofinancing"]),
    ("Atlikušo summu 6 000 EUR segs pašvaldība.", ["cofinancing"]),
    # a payer alone as a list item's label
    ("Kopējās izmaksas 70 000 eiro: ERAF 59 500 eiro, valsts 3 500 eiro, pašvaldība 7 000 eiro.",
     ["total", "erdf", "cofinancing", "cofinancing"]),
    ("Izmaksas: 34 200,00 euro. ERAF: 29 070,00 euro. Pašvaldība: 5 130,00 euro.", ["total", "erdf", "cofinancing"]),
    # an organisation in the dative receives the money: it is no co-financing
    ("Rēzeknes novada pašvaldībai paredzētais finansējums ir 95 000 eiro.", ["total"]),
    ("Saldus novada domei piešķirtais finansējums – 61 000 EUR.", ["total"]),
    ("Pagasta pārvaldei atvēlētie līdzekļi ir 4 000 eiro.", ["total"]),
])
def test_payers_named_as_subject_or_label_and_receivers_in_the_dative(extract, text, expected):
    assert [r for _, r, _, _ in roles(extract, text)] == expected


@pytest.mark.parametrize("text,expected", [
    # a fund's long name after the figure still names its payer
    ("Izmaksas ir 60 000 EUR, no tām 51 000 EUR ir no Eiropas Reģionālās attīstības fonda.", ["total", "erdf"]),
    ("Vērtība ir 87 320 EUR, no tiem 74 222 EUR ir Eiropas Jūrlietu un zivsaimniecības fonda līdzekļi.",
     ["total", "erdf"]),
    ("Izmaksas ir 30 000 EUR, no tām 27 000 EUR tiek segti no Eiropas Lauksaimniecības fonda lauku attīstībai.",
     ["total", "erdf"]),
])
def test_a_long_fund_name_after_the_figure(extract, text, expected):
    assert [r for _, r, _, _ in roles(extract, text)] == expected


@pytest.mark.parametrize("text,expected", [
    # an item that leaves its noun out before a dash has the role and fund of the item before it
    # after a partner's share, another partner's share whose name it leaves out: no project total
    ("Jelgavas novada pašvaldības daļa ir 140 000 EUR, bet Lietuvas partnera – 110 000 EUR.",
     [("total", "Jelgavas novada pašvaldība", ""), ("other", "", "")]),
    ("ESF finansējums Latvijas skolām ir 300 000 EUR, bet Igaunijas skolām – 250 000 EUR.",
     [("erdf", "", "ESF"), ("erdf", "", "ESF")]),
    ("Pašvaldības līdzfinansējums Cēsīs ir 12 000 EUR, un Valmierā – 8 000 EUR.",
     [("cofinancing", "", ""), ("cofinancing", "", "")]),
    # a partner named before the dash is that partner's share, not the item before's role
    ("Partneri ir divi. ERAF finansējums ir 85 000 EUR, Talsu novada pašvaldības – 15 000 EUR.",
     [("erdf", "", "ERAF"), ("total", "Talsu novada pašvaldība", "")]),
])
def test_an_item_without_its_noun_takes_the_role_before_it(extract, text, expected):
    assert [(r, p, f) for _, r, p, f in roles(extract, text)] == expected


@pytest.mark.parametrize("text,expected", [
    # money invested in the project is what it costs; invested elsewhere it says nothing
    ("Kopumā projektā ieguldīti vairāk nekā 1,3 miljoni eiro.", ["total"]),
    ("Projekta ietvaros investēti 120 000 eiro.", ["total"]),
    ("Pēdējos piecos gados novadā ieguldīti 12 miljoni eiro.", ["other"]),
    ("Pašvaldība projektā ieguldīja 9 000 eiro.", ["cofinancing"]),
])
def test_money_invested_in_the_project(extract, text, expected):
    assert [r for _, r, _, _ in roles(extract, text)] == expected


@pytest.mark.parametrize("text,expected", [
    # a range states its currency and scale once, after its second figure
    ("Atbalsta apmērs ir no 5 000 līdz 45 000 eiro vienam projektam.", [("5 000", "5000"), ("45 000 eiro", "45000")]),
    ("Remonts izmaksās 1,2 - 1,6 milj. EUR.", [("1,2", "1200000"), ("1,6 milj. EUR", "1600000")]),
    ("Biļetes maksās 12–20 tūkst. latu.", [("12", "12000"), ("20 tūkst. latu", "20000")]),
    # a year, a code's number or a count before a dash starts no range
    ("Gadā 2021 – 40 000 EUR.", [("40 000 EUR", "40000")]),
    ("Projekts LLI 409 – 40 000 EUR.", [("40 000 EUR", "40000")]),
    ("Soliņi 6 – 900 EUR.", [("900 EUR", "900")]),
    ("Tāme 60 000 – 40 000 EUR atlaide.", [("40 000 EUR", "40000")]),
])
def test_the_first_figure_of_a_range_is_money(text, expected):
    assert [(text[s:e], str(a.normalize())) for s, e, a, _ in find_money(text)] == [
        (t, str(Decimal(v).normalize())) for t, v in expected]


@pytest.mark.parametrize("text,expected", [
    # money "from" a municipality, council or administration is its co-financing
    ("Finansējums no ELFLA – 18 000 EUR, no Madonas novada pašvaldības – 2 000 EUR.", ["erdf", "cofinancing"]),
    ("Trūkstošos 3 100 eiro piešķīra no Ērgļu pagasta pārvaldes.", ["cofinancing"]),
    ("Saņemti 4 000 EUR no pašvaldības.", ["cofinancing"]),
    # "no kuriem" starts a part, it names no payer
    ("Budžets ir 1,1 milj. eiro, no kuriem Jēkabpils novada pašvaldības daļa ir 420 000 eiro.", ["total", "total"]),
])
def test_money_from_a_municipality(extract, text, expected):
    assert [r for _, r, _, _ in roles(extract, text)] == expected


@pytest.mark.parametrize("text,role,fund", [
    # EU funds and instruments named in full in Latvian
    ("Eiropas Kaimiņattiecību un partnerības instrumenta finansējums ir 420 000 EUR.", "erdf", "ENI"),
    ("Eiropas Kaimiņattiecību instrumenta līdzfinansējums – 230 000 EUR.", "erdf", "ENI"),
    ("Taisnīgas pārkārtošanās fonda atbalsts ir 1,4 milj. eiro.", "erdf", "TPF"),
    ("No Atveseļošanas fonda skolai piešķirti 800 000 eiro.", "erdf", "ANM"),
    ("ES daļa ir 61 200 EUR.", "erdf", ""),
    # programmes of non-EU donors or of the state are no EU fund
    ("Šveices programmas finansējums ir 85 000 EUR.", "other", ""),
    ("Valsts programmas finansējums ir 6 000 EUR.", "other", ""),
])
def test_eu_funds_in_full_and_programmes_of_other_donors(extract, text, role, fund):
    assert [(r, f) for _, r, _, f in roles(extract, text)] == [(role, fund)]


@pytest.mark.parametrize("text,expected", [
    # value added tax as a figure of its own is other; a cost with or without it is not
    ("Kopējās izmaksas ir 121 000 EUR, PVN – 21 000 EUR.", ["total", "other"]),
    ("Būvdarbu izmaksas ir 50 000 EUR, pievienotās vērtības nodoklis – 10 500 EUR.", ["total", "other"]),
    ("Kopējās izmaksas ar PVN ir 121 000 EUR.", ["total"]),
    ("Izmaksas (bez PVN) ir 100 000 EUR.", ["total"]),
    # a state earmarked grant is co-financing; a noun item before a dash is no ellipsis
    ("Kopējās izmaksas ir 90 000 EUR, valsts mērķdotācija – 5 000 EUR.", ["total", "cofinancing"]),
])
def test_value_added_tax_and_earmarked_grants(extract, text, expected):
    assert [r for _, r, _, _ in roles(extract, text)] == expected


@pytest.mark.parametrize("text", [
    "Konkursa kopējais budžets ir 40 000 eiro.",
    "Kopējais konkursa finansējums šogad ir 25 000 EUR.",
    "Iedzīvotāju iniciatīvu konkursa budžets – 15 000 eiro.",
])
def test_a_call_for_proposals_budget_is_other(extract, text):
    assert [r for _, r, _, _ in roles(extract, text)] == ["other"]


def test_a_partner_named_before_the_bracket_its_figure_stands_in(extract):
    text = ("Projekta partneri: Jēkabpils novada pašvaldība (budžets 320 000 EUR) un Biržu rajona pašvaldība "
            "(240 000 EUR).")
    assert [(r, p) for _, r, p, _ in roles(extract, text)] == [
        ("total", "Jēkabpils novada pašvaldība"), ("total", "Biržu rajona pašvaldība")]
    doing = "Projektā ir divi partneri. Ludzas novada pašvaldība īsteno projektu (izmaksas 300 000 EUR)."
    assert [(r, p) for _, r, p, _ in roles(extract, doing)] == [("total", "")]


@pytest.mark.parametrize("text,expected", [
    # the whole a part is taken from names no role of the part
    ("No kopējās summas 318 000 EUR ir ERAF finansējums.", ["erdf"]),
    ("No projekta kopējām attiecināmajām izmaksām 90% jeb 27 000 EUR ir ELFLA atbalsts.", ["erdf"]),
    ("85% no projekta kopējām izmaksām jeb 425 000 EUR finansē ERAF.", ["erdf"]),
    ("Pašvaldība sedz 15% no kopējām izmaksām jeb 75 000 EUR.", ["cofinancing"]),
])
def test_the_whole_a_part_is_taken_from(extract, text, expected):
    assert [r for _, r, _, _ in roles(extract, text)] == expected


@pytest.mark.parametrize("text,expected", [
    # a share's percentage, bare or in brackets, hides no payer named before it
    ("ERAF (85 %) – 212 500 EUR; valsts (5 %) – 12 500 EUR; pašvaldība (10 %) – 25 000 EUR.",
     ["erdf", "cofinancing", "cofinancing"]),
    # a figure in brackets after its payer and percentage
    ("Finansējums: ERAF 85 % (212 500 EUR), valsts budžets 5 % (12 500 EUR), pašvaldība 10 % (25 000 EUR).",
     ["erdf", "cofinancing", "cofinancing"]),
])
def test_percentages_and_brackets_between_payer_and_figure(extract, text, expected):
    assert [r for _, r, _, _ in roles(extract, text)] == expected


def test_a_label_on_its_own_line_above_its_figure(extract):
    card = "Projekta kopējās izmaksas\n86 900 EUR\nELFLA atbalsts\n78 210 EUR\nBiedrības līdzfinansējums\n8 690 EUR"
    assert [r for _, r, _, _ in roles(extract, card)] == ["total", "erdf", "cofinancing"]
    # a sentence between the label and the figure breaks the link
    prose = "ERAF atbalsts skolām\nSkolas direktore priecājas.\n12 000 EUR saņems mūzikas skola."
    assert [r for _, r, _, _ in roles(extract, prose)] == ["other"]


@pytest.mark.parametrize("text,expected", [
    # a bare figure after its payer is a list item even when "un" ends it
    ("Izmaksas EUR 90 000, t.sk. ERAF 76 500 un pašvaldība 13 500.",
     [("EUR 90 000", "90000.00", "EUR"), ("76 500", "76500.00", "EUR"), ("13 500", "13500.00", "EUR")]),
    ("Izmaksas ir 60 000 eiro, no tām valsts budžets 3 000 un pārējais – ELFLA.",
     [("60 000 eiro", "60000.00", "EUR"), ("3 000", "3000.00", "EUR")]),
    # a count joined by "un" is no list item
    ("Budžets ir 50 000 EUR, piedalīsies 1 200 un vairāk cilvēku.", [("50 000 EUR", "50000.00", "EUR")]),
])
def test_a_list_item_ended_by_un(extract, text, expected):
    assert amounts(extract, text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Jaunajam stadionam – pusmiljons eiro.", [("pusmiljons eiro", "500000.00", "EUR")]),
    ("Renovācijā ieguldīti pusotra miljona eiro.", [("pusotra miljona eiro", "1500000.00", "EUR")]),
    ("Pilsēta saņems divus miljonus latu.", [("divus miljonus latu", "2000000.00", "LVL")]),
    ("Projekts izmaksās vairāk nekā miljonu eiro.", [("miljonu eiro", "1000000.00", "EUR")]),
    # digits before the scale word make one figure; "miljoniem" counts no figure
    ("Projekts izmaksās 1,5 miljonus eiro.", [("1,5 miljonus eiro", "1500000.00", "EUR")]),
    ("Novadā ieguldīti miljoniem eiro.", []),
    ("Reģionos ieplūst desmitiem miljonu eiro un kopā miljardi eiro.", []),
])
def test_millions_in_words(extract, text, expected):
    assert amounts(extract, text) == expected


def test_partner_shares_listed_after_the_total_leave_the_project_total_alone(tmp_path):
    import csv

    from pipeline.cli import main

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Projekta Nr. LLI-77 kopējais budžets ir 640 000 eiro, Rēzeknes novada pašvaldības daļa – 210 000 eiro, "
        "Utenas – 190 000 eiro, bet Daugavpils – 240 000 eiro.", encoding="utf-8")
    assert main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q", "--model", "none", "--workers", "1"]) == 0
    with open(tmp_path / "out" / "projects.csv", encoding="utf-8") as f:
        (project,) = list(csv.DictReader(f))
    assert (project["total_eur"], project["conflicts"]) == ("640000.00", "")


@pytest.mark.parametrize("text, expected", [
    ("Projekta izmaksas ir 5'000 EUR.", [("5'000 EUR", "5000.00", "EUR")]),
    ("Kopējās izmaksas 12’500,50 eiro.", [("12’500,50 eiro", "12500.50", "EUR")]),
    ("Projektam piešķirti 1'250'000 EUR.", [("1'250'000 EUR", "1250000.00", "EUR")]),
])
def test_an_apostrophe_between_thousands_is_a_group_separator(extract, text, expected):
    assert amounts(extract, text) == expected


def test_parts_after_taja_skaita_belong_to_the_partner(extract):
    text = ("Pārrobežu projekta kopējās izmaksas ir 300 000 eiro. Balvu novada pašvaldības budžets ir "
            "120 000 eiro, tajā skaitā ERAF finansējums 102 000 eiro un pašvaldības līdzfinansējums 18 000 eiro.")
    assert [(t, r, p) for t, r, p, _ in facts(extract, text)] == [
        ("300 000 eiro", "total", ""),
        ("120 000 eiro", "total", "Balvu novada pašvaldība"),
        ("102 000 eiro", "erdf", "Balvu novada pašvaldība"),
        ("18 000 eiro", "cofinancing", "Balvu novada pašvaldība"),
    ]


def test_a_partner_town_named_alone_owns_its_share(extract):
    text = ("Pārrobežu projekta kopējais budžets ir 900 000 EUR. Limbažu novada domes daļa ir 400 000 EUR, "
            "Pärnu pilsētas daļa – 300 000 EUR, bet Tartu pilsētas budžets ir 200 000 EUR.")
    assert [(t, r, p) for t, r, p, _ in facts(extract, text)] == [
        ("900 000 EUR", "total", ""),
        ("400 000 EUR", "total", "Limbažu novada dome"),
        ("300 000 EUR", "total", "Pärnu pilsēta"),
        ("200 000 EUR", "total", "Tartu pilsēta"),
    ]


def test_a_town_council_is_the_party_not_the_town(extract):
    text = ("Pārrobežu projektā Cēsu pilsētas pašvaldības projekta daļa ir 150 000 EUR, "
            "Valgas pilsētas domes daļa – 120 000 EUR.")
    assert [(t, r, p) for t, r, p, _ in facts(extract, text)] == [
        ("150 000 EUR", "total", "Cēsu pilsētas pašvaldība"),
        ("120 000 EUR", "total", "Valgas pilsētas dome"),
    ]


def test_a_sentence_opener_is_not_part_of_the_party(extract):
    text = ("Pārrobežu projektā Tukuma novada pašvaldības daļa ir 80 000 eiro. "
            "Savukārt Kandavas novada pašvaldības līdzfinansējums ir 12 000 eiro. "
            "Turklāt Talsu novada domes budžets ir 50 000 eiro.")
    assert [p for _, _, p, _ in facts(extract, text)] == [
        "Tukuma novada pašvaldība", "Kandavas novada pašvaldība", "Talsu novada dome"]


def test_a_part_keeps_its_partner_under_another_partners_label(extract):
    text = ("Pārrobežu projekta kopējās izmaksas: 400 000 EUR.\n"
            "Ludzas novada pašvaldības finansējums:\n"
            "ERAF – 170 000 EUR;\n"
            "pašvaldības līdzfinansējums – 30 000 EUR.\n"
            "Zarasu rajona pašvaldības projekta daļa ir 200 000 EUR, no tās ERAF finansējums – 170 000 EUR.")
    assert [(t, r, p) for t, r, p, _ in facts(extract, text)][-2:] == [
        ("200 000 EUR", "total", "Zarasu rajona pašvaldība"),
        ("170 000 EUR", "erdf", "Zarasu rajona pašvaldība"),
    ]


def test_an_estonian_partners_government_is_the_party(extract):
    text = ("Pārrobežu projektā Valkas novada domes budžets ir 210 000 EUR, "
            "partnera Tõrvas pagasta valdes budžets – 140 000 EUR.")
    assert [(t, r, p) for t, r, p, _ in facts(extract, text)] == [
        ("210 000 EUR", "total", "Valkas novada dome"),
        ("140 000 EUR", "total", "Tõrvas pagasta valde"),
    ]


def test_a_board_member_names_no_party(extract):
    text = "Pārrobežu projektā Tõrvas pagasta valdes loceklis apstiprināja budžetu 90 000 EUR."
    assert [(t, r, p) for t, r, p, _ in facts(extract, text)] == [("90 000 EUR", "total", "")]


def test_a_partner_that_receives_the_figure_is_the_party(extract):
    text = ("Pārrobežu projekta kopējās izmaksas ir 200 000 eiro. No tiem 110 000 eiro saņems Dagdas novada "
            "pašvaldība. Savukārt 90 000 eiro saņēma Ignalinas rajona pašvaldība.")
    assert [(t, r, p) for t, r, p, _ in facts(extract, text)] == [
        ("200 000 eiro", "total", ""),
        ("110 000 eiro", "total", "Dagdas novada pašvaldība"),
        ("90 000 eiro", "total", "Ignalinas rajona pašvaldība"),
    ]


def test_a_payer_after_a_percentage_and_dash_labels_the_bracketed_figure(extract):
    text = ("Projekta kopējās izmaksas ir 100 000 EUR, no kurām 85 % – ERAF (85 000 EUR), "
            "bet 15 % – pašvaldība (15 000 EUR).")
    assert [(t, r) for t, r, _, _ in facts(extract, text)] == [
        ("100 000 EUR", "total"), ("85 000 EUR", "erdf"), ("15 000 EUR", "cofinancing")]


def test_a_capitalised_partner_noun_is_not_part_of_the_party(extract):
    text = ("Pārrobežu projekta kopējās izmaksas ir 60 000 EUR. "
            "Partneris biedrība \"Zaļie Kalni\" projektā iegulda 6 000 EUR.")
    assert [(t, r, p) for t, r, p, _ in facts(extract, text)] == [
        ("60 000 EUR", "total", ""), ("6 000 EUR", "cofinancing", "biedrība \"Zaļie Kalni\"")]


def test_a_partner_after_the_dash_stops_the_inherited_party(extract):
    text = ("Pārrobežu projekta budžets ir 90 000 eiro. No tiem 50 000 eiro saņems Viļakas novada pašvaldība, "
            "bet 40 000 eiro – Kupišķu rajona pašvaldība.")
    assert [p for _, _, p, _ in facts(extract, text)][1:] == ["Viļakas novada pašvaldība", ""]
