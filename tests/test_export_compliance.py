"""Export compliance (chapter 18): requirements, the readiness self-check, ship dates, prior
notice deadlines and the importer of record, hand-computed from the rules.

Lead times of the packaged table (estimates), in days, and what must come first:

    every product: RFC and e.firma 5; encargo conferido 1 (after RFC); CFDI 1 (after RFC)
    coffee / honey / mezcal to the US: FDA registration 7; US agent 5; prior notice 1 (after
    the registration, so 7 + 1 = 8); SENASICA certificate 5 (coffee, honey)
    mezcal: NOM-070 30; TTB importer permit 60; COLA 20 after the permit (60 + 20 = 80);
    Padrón Sectorial 10 after RFC (5 + 10 = 15)
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from mipyme.errors import InputError
from mipyme.export import (
    PRIOR_NOTICE_HOURS,
    compliance_cost,
    earliest_ship_date,
    export_requirements,
    importer_of_record,
    prior_notice_deadline,
    readiness,
    requirement_ids,
    requirements,
)
from mipyme.export.incoterms import RULES
from mipyme.i18n import language
from mipyme.tables import read_table

TODAY = "2026-03-02"


def test_every_row_is_dated_sourced_and_labels_its_estimates():
    table = export_requirements()
    assert len(table) >= 20
    for row in table.itertuples(index=False):
        assert row.as_of == dt.date(2026, 12, 5)
        # lead times are estimates unless the row cites a primary text and says so
        assert "estimate" in row.source or "confirm" in row.source, row.requirement


def test_the_products_get_their_own_rules():
    assert "fda_prior_notice" in requirement_ids("coffee", "US")
    assert "fda_prior_notice" in requirement_ids("mezcal", "US")
    assert "fda_prior_notice" not in requirement_ids("talavera", "US")
    assert "ttb_cola" in requirement_ids("mezcal", "US")
    assert "ttb_cola" not in requirement_ids("mezcal", "DE")  # a US rule
    assert "nom070_certificate" in requirement_ids("mezcal", "DE")  # any market
    assert "padron_sectorial" in requirement_ids("silver_jewelry", "US")
    assert "padron_sectorial" not in requirement_ids("honey", "US")
    assert "textile_label" in requirement_ids("cotton_apparel", "US")
    assert "fda_lead_test" in requirement_ids("talavera", "US")
    assert "usmca_certification" not in requirement_ids("coffee", "DE")


def test_requirements_speak_the_language_asked():
    es = requirements("mezcal", "US", lang="es").set_index("requirement")
    en = requirements("mezcal", "US", lang="en").set_index("requirement")
    assert es.loc["ttb_cola", "name"] == "Aprobación de etiqueta de la TTB (COLA)"
    assert en.loc["ttb_cola", "name"] == "TTB label approval (COLA)"
    assert en.loc["ttb_cola", "after"] == "us_importer_permit"


@pytest.mark.parametrize(("product", "done", "expected"), [
    # nothing done: mezcal's longest chain is the TTB permit + COLA, 60 + 20 = 80 days
    ("mezcal", {}, dt.date(2026, 5, 21)),
    # with the importer's permit and COLA done, NOM-070 (30 days) is the longest
    ("mezcal", {"us_importer_permit": True, "ttb_cola": True}, dt.date(2026, 4, 1)),
    # and with NOM-070 done too, the Padrón after the RFC, 5 + 10 = 15 days
    ("mezcal", {"us_importer_permit": True, "ttb_cola": True, "nom070_certificate": True},
     dt.date(2026, 3, 17)),
    # with the RFC already active, the Padrón alone takes 10 days (the FDA chain 8)
    ("mezcal", {"us_importer_permit": True, "ttb_cola": True, "nom070_certificate": True,
                "rfc_efirma": True}, dt.date(2026, 3, 12)),
    # honey: FDA registration 7 then prior notice 1 = 8 days
    ("honey", {}, dt.date(2026, 3, 10)),
    # Talavera: the lead test 15 days
    ("talavera", {}, dt.date(2026, 3, 17)),
])
def test_earliest_ship_date_follows_the_longest_chain(product, done, expected):
    assert earliest_ship_date(product, "US", TODAY, done) == expected


def test_benefits_wait_only_when_asked():
    # Tejidos: the textile label 7 days; the handicraft certificate (20) is optional
    assert earliest_ship_date("cotton_apparel", "US", TODAY) == dt.date(2026, 3, 9)
    assert earliest_ship_date("cotton_apparel", "US", TODAY,
                              include_benefits=True) == dt.date(2026, 3, 22)


def test_all_done_means_ship_today():
    every = {r: True for r in requirement_ids("coffee", "US")}
    check = readiness("coffee", "US", every, today=TODAY)
    assert check.ready and check.missing == () and check.benefits == ()
    assert check.ship_date == dt.date(2026, 3, 2)
    assert check.summary("en").startswith("Ready to export")


def test_the_self_check_lists_what_is_missing_in_plain_words():
    check = readiness("honey", "US", {"rfc_efirma": True, "encargo_conferido": True,
                                      "usmca_certification": False}, today=TODAY)
    assert not check.ready
    assert check.missing == ("cfdi_comercio_exterior", "fda_facility_registration",
                             "fda_us_agent", "fda_prior_notice", "senasica_certificate")
    assert check.benefits == ("usmca_certification",)
    es, en = check.messages("es"), check.messages("en")
    assert len(es) == len(en) == 6
    assert "FDA" in es[1] and "año par" in es[1]
    assert en[-1].startswith("Optional, but it saves you money")
    # honey: FDA registration 7 + prior notice 1, from 2 March -> 10 March
    assert check.summary("es") == ("Todavía no: faltan 5 requisitos obligatorios. Si empiezas "
                                   "hoy, lo más pronto que puedes enviar es el 2026-03-10 "
                                   "(8 días).")


def test_the_self_check_refuses_unknown_steps_and_non_answers():
    with language("en"), pytest.raises(InputError, match="'answers' must be one of"):
        readiness("honey", "US", {"fda": True})
    with language("es"), pytest.raises(InputError, match="debe ser True"):
        readiness("honey", "US", {"rfc_efirma": "sí"})
    with language("en"), pytest.raises(InputError, match="'product' must be one of"):
        readiness("chocolate", "US")
    with language("en"), pytest.raises(InputError, match="two-letter code"):
        readiness("honey", "Estados Unidos")


@pytest.mark.parametrize(("mode", "deadline"), [
    ("truck", "2026-03-10T12:00"),  # 2 hours by road
    ("air", "2026-03-10T10:00"),  # 4 hours by air
    ("courier", "2026-03-10T10:00"),  # a courier parcel flies
    ("rail", "2026-03-10T10:00"),
    ("sea", "2026-03-10T06:00"),  # 8 hours by water
    ("mail", "2026-03-10T14:00"),  # before sending
])
def test_prior_notice_deadline_by_mode(mode, deadline):
    got = prior_notice_deadline("2026-03-10 14:00", mode)
    assert got == dt.datetime.fromisoformat(deadline)


def test_prior_notice_hours_are_the_rule():
    assert PRIOR_NOTICE_HOURS == {"truck": 2, "rail": 4, "air": 4, "courier": 4, "sea": 8}
    with language("en"), pytest.raises(InputError, match="'arrival' must be a date and time"):
        prior_notice_deadline("tomorrow", "truck")


def test_only_ddp_makes_the_seller_importer_of_record():
    sellers = [r for r in RULES if importer_of_record(r).importer == "seller"]
    assert sellers == ["DDP"]
    ddp, dap = importer_of_record("ddp"), importer_of_record("DAP")
    assert (ddp.duty, ddp.import_fees, ddp.import_taxes) == ("seller",) * 3
    assert (dap.duty, dap.import_fees, dap.import_taxes) == ("buyer",) * 3
    assert ddp.sentence("en").startswith("Under DDP, the seller is the importer of record")
    assert dap.sentence("es").startswith("Con DAP, la compradora es la importadora registrada")


def test_fixed_costs_add_up_by_currency():
    # mezcal to the US: NOM-070 8,000 MXN (estimate); US agent 250 USD (estimate)
    assert compliance_cost("mezcal", "US", "MXN") == Decimal("8000")
    assert compliance_cost("mezcal", "US", "USD") == Decimal("250")
    # Talavera: lead test 2,500 MXN
    assert compliance_cost("talavera", "US", "MXN") == Decimal("2500")


def test_an_instructors_copy_with_a_loop_is_refused(tmp_path):
    path = tmp_path / "reqs.csv"
    path.write_text(
        "product,market,requirement,kind,who,after,lead_days,cost,currency,source,as_of\n"
        "honey,US,a,must,exporter,b,1,0,MXN,estimate,2026-12-05\n"
        "honey,US,b,must,exporter,a,1,0,MXN,estimate,2026-12-05\n", encoding="utf-8")
    table = export_requirements(str(path))
    with language("en"), pytest.raises(InputError, match="has a loop"):
        earliest_ship_date("honey", "US", TODAY, table=table)
    bad = tmp_path / "bad.csv"
    bad.write_text(path.read_text().replace("must", "maybe", 1), encoding="utf-8")
    with pytest.raises(InputError, match="kind"):
        export_requirements(str(bad))
    assert len(read_table(str(path))) == 2


def test_the_dashboard_predicts_the_longest_chain_and_marks_it():
    from mipyme.dashboards import chapter_dashboard

    board = chapter_dashboard("ch18")
    assert board.prediction(board.update()) == 80  # TTB permit 60 + COLA 20
    red = [b["end"] for b in board.result["bars"] if b["critical"]]
    assert sorted(red) == [60, 80]
    # the notebook's question: honey with the RFC ready -> registration 7 + prior notice 1
    assert board.prediction(board.update(product="honey", rfc_ready="yes")) == 8
    assert [b["end"] for b in board.result["bars"] if b["critical"]] == [7, 8]
    assert board.prediction(board.update(product="mezcal", importer_ready="yes")) == 30
    with language("en"):
        assert "30 days" in board.summary(board.result)
    with pytest.raises(InputError):
        board.update(rfc_ready="maybe")


def test_the_reading_exercise_dates_are_the_library_s():
    # ch18's exercise (Guadalupe's tableware to New York from 2026-03-02): worked by hand in
    # the reading's solution; the library must give the same dates and importer.
    import datetime as dt
    from pathlib import Path

    from mipyme.export import earliest_ship_date, importer_of_record

    start = "2026-03-02"
    assert earliest_ship_date("talavera", "US", start) == dt.date(2026, 3, 17)
    has_rfc, has_lead_test = {"rfc_efirma": True}, {"fda_lead_test": True}
    assert earliest_ship_date("talavera", "US", start, has_rfc) == dt.date(2026, 3, 17)
    assert earliest_ship_date("talavera", "US", start, has_lead_test) == dt.date(2026, 3, 8)
    assert importer_of_record("DAP").importer == "buyer"
    root = Path(__file__).resolve().parents[1] / "book" / "chapters"
    for lang, dates in (("es", ("17 de marzo de 2026", "8 de marzo")),
                        ("en", ("17 March 2026", "8 March"))):
        text = " ".join((root / f"ch18.{lang}.md").read_text(encoding="utf-8").split())
        assert "ch18-ex1" in text and all(d in text for d in dates)
