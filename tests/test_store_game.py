"""The classroom game: same engine as the batch, same market for every team, checked
decisions with bilingual errors, a scoreboard."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from mipyme.errors import InputError
from mipyme.i18n import language
from mipyme.store import Limits, StoreGame, reconcile, simulate


def test_a_team_that_never_changes_its_decisions_gets_the_batch_result():
    ads = {"web": 800, "amazon_mx": 400}
    prices = {"ALEBRIJE": 900}
    game = StoreGame(["A"], seed=9, auto_reorder=True)
    game.decide("A", price=prices, ad_budget=ads)
    for _ in range(5):
        game.step()
    batch = simulate(days=35, seed=9, prices=prices, ad_budget=ads)
    pd.testing.assert_frame_equal(game.store("A").orders, batch.orders)
    pd.testing.assert_frame_equal(game.store("A").daily, batch.daily)


def test_every_team_faces_the_same_market():
    game = StoreGame(["Águilas", "Jaguares", "Xoloitzcuintles"], seed=3)
    game.decide("Jaguares", ad_budget={"mercado_libre": 3000})
    game.step()
    visits = {team: game.store(team).daily["visits"].to_numpy() for team in game.teams}
    # Same decisions, same seed: identical weeks.
    assert (visits["Águilas"] == visits["Xoloitzcuintles"]).all()
    pd.testing.assert_frame_equal(game.store("Águilas").orders,
                                  game.store("Xoloitzcuintles").orders)
    # Ads bring the Jaguares more visitors the same week.
    assert visits["Jaguares"].sum() > visits["Águilas"].sum()


def test_reorders_arrive_after_the_lead_time_and_are_paid_then():
    game = StoreGame(["A"], seed=1)
    game.decide("A", reorder={"CAFE-CHIS": 100})   # coffee: 5 days lead time
    game.step()
    store = game.store("A")
    bought = store.purchases_table()
    assert bought[["sku", "units"]].values.tolist() == [["CAFE-CHIS", 100]]
    assert (bought["arrives"] - bought["ordered"]).dt.days.tolist() == [5]
    assert bought["arrived"].tolist() == [True]
    # The reorder was placed once: the next week orders nothing new.
    game.step()
    assert len(game.store("A").purchases_table()) == 1
    assert reconcile(game.store("A"))["ok"].all()


def test_the_scoreboard_ranks_teams_by_profit():
    game = StoreGame(["A", "B"], seed=2)
    # B sells coffee under cost: 100.00 with IVA is 86.21 before IVA, the bag costs 95.00.
    game.decide("B", price={"CAFE-CHIS": 100})
    game.step()
    board = game.scoreboard(lang="en")
    assert board["team"].tolist() == ["A", "B"]
    assert board["rank"].tolist() == [1, 2]
    assert board["profit"].is_monotonic_decreasing
    assert (board["week"] == 1).all()
    spanish = game.scoreboard()
    assert {"equipo", "utilidad", "saldo en bancos"} <= set(spanish.columns)
    assert board["bank balance"].tolist() == [
        Decimal(game.store(t).bank_balance()).scaleb(-2) for t in ("A", "B")]


def test_decisions_outside_their_range_are_refused_in_both_languages():
    game = StoreGame(["A"], limits=Limits(price_low="0.5", price_high="2",
                                          ad_budget_max="10000", reorder_max=500))
    with language("en"):
        with pytest.raises(InputError, match=r"'price\['CAFE-CHIS'\]' must be between 120.00 "
                                             r"and 480.00 \(got 100\)"):
            game.decide("A", price={"CAFE-CHIS": 100})
        with pytest.raises(InputError, match=r"'reorder\['CAFE-CHIS'\]' must be between 0 "
                                             r"and 500 \(got 501\)"):
            game.decide("A", reorder={"CAFE-CHIS": 501})
        with pytest.raises(InputError, match=r"'team' must be one of \('A',\) \(got 'Z'\)"):
            game.decide("Z", price={"CAFE-CHIS": 200})
    with pytest.raises(InputError, match=r"'ad_budget\['etsy'\]' debe estar entre 0 y 10000 "
                                         r"\(se recibió 20000\)"):
        game.decide("A", ad_budget={"etsy": 20000})


def test_a_game_of_fixed_length_ends():
    game = StoreGame(["A"], weeks=2)
    game.step()
    game.step()
    with language("en"), pytest.raises(InputError, match="ended at week 2"):
        game.step()
    with pytest.raises(InputError):
        StoreGame([])
    with pytest.raises(InputError):
        StoreGame(["A"], weeks=0)
