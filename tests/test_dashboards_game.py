"""The classroom game board played without a browser: decisions, weeks, scoreboard, chart."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mipyme.dashboards.game import GameBoard
from mipyme.errors import InputError
from mipyme.i18n import language
from mipyme.store import StoreGame


def test_a_team_that_decides_nothing_plays_the_plain_game():
    board = GameBoard(["Águilas", "Jaguares"], seed=5)
    plain = StoreGame(["Águilas"], seed=5)
    board.next_week()
    plain.step()
    mine = board.game.store("Jaguares").summary()
    theirs = plain.store("Águilas").summary()
    assert mine == theirs


def test_decisions_reach_the_store_as_prices_ads_and_reorders():
    board = GameBoard(["Águilas"], seed=1)
    board.decide("Águilas", price_pct=90, ad_mercado_libre=800, reorder=20)
    store = board.game.store("Águilas")
    # talavera mug listed at 320: 90% is 288.00; rebozo 1,150 -> 1,035.00
    assert store.prices["TAZA-TALAV"] == Decimal("288.00")
    assert store.prices["REBOZO"] == Decimal("1035.00")
    assert store.ad_budget["mercado_libre"] == Decimal("800.00")
    board.next_week()
    bought = store.purchases_table()
    # 20 units of each of the six products, ordered on the first day of the week
    assert bought["units"].tolist() == [20] * 6
    assert board.decisions["Águilas"]["reorder"] == 0  # a reorder is placed once
    board.next_week()
    assert len(store.purchases_table()) == 6
    # the week's ads: 800 pesos a week, IVA included, for two weeks
    assert store.summary()["ads_paid_cents"] == 2 * 800_00


def test_history_adds_one_row_per_team_and_week_and_matches_the_scoreboard():
    board = GameBoard(["A", "B"], seed=3)
    board.decide("B", price_pct=120, ad_web=500)
    for _ in range(3):
        table = board.next_week(lang="en")
    history = board.history()
    assert history["week"].tolist() == [1, 1, 2, 2, 3, 3]
    last = history[history["week"] == 3].set_index("team")
    shown = table.set_index("team")
    for team in ("A", "B"):
        assert last.loc[team, "profit"] == shown.loc[team, "profit"]
        assert last.loc[team, "cash"] == shown.loc[team, "bank balance"]
    assert table["rank"].tolist() == [1, 2]
    assert table["profit"].iloc[0] >= table["profit"].iloc[1]


def test_wrong_decisions_are_refused_and_change_nothing():
    board = GameBoard(["A"], seed=0, weeks=1)
    with language("en"):
        with pytest.raises(InputError, match=r"'reorder' must be between 0 and 300 \(got 900\)"):
            board.decide("A", ad_web=300, reorder=900)
        with pytest.raises(InputError, match="'team' must be one of"):
            board.decide("Z", ad_web=300)
        assert board.decisions["A"]["ad_web"] == 0.0
        assert board.game.store("A").ad_budget["web"] == Decimal("0.00")
        board.next_week()
        with pytest.raises(InputError, match="game ended at week 1"):
            board.next_week()


def test_the_chart_is_redrawn_in_the_chosen_language_after_each_week():
    board = GameBoard(["Colibríes", "Ajolotes"], seed=2)
    with language("en"):
        figure = board.render()
        assert figure.alt_text == "No week has been played yet."
        board.next_week()
        assert [ax.get_title() for ax in figure.axes] == ["Cash in the bank by team",
                                                          "Profit so far by team"]
        assert len(figure.axes[0].lines[0].get_xdata()) == 2  # week 0 and week 1
        assert "leads with" in figure.alt_text
    board.next_week()
    assert len(board.figure.axes[0].lines[0].get_xdata()) == 3
    assert board.figure.axes[1].get_title() == "Ganancia acumulada por equipo"


def test_widget_saves_a_teams_decisions_and_plays_a_week():
    board = GameBoard(["Águilas", "Jaguares"], seed=4)
    box = board.widget()
    team = box.children[0]
    sliders = {s.description: s for s in box.children if hasattr(s, "min")}
    assert len(sliders) == 6
    save, play = box.children[len(sliders) + 1].children
    team.value = "Jaguares"
    price = next(s for s in box.children if hasattr(s, "min"))
    price.value = 80
    save.click()  # what a click on the button does
    assert board.decisions["Jaguares"]["price_pct"] == 80
    assert board.decisions["Águilas"]["price_pct"] == 100
    team.value = "Águilas"
    assert price.value == 100  # the sliders show the chosen team's decisions
    play.click()
    assert board.week == 1
    message = box.children[len(sliders) + 2]
    assert "1" in message.value
