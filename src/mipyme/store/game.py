"""The classroom game: teams run the same store in the same market, one week per step.

Each week every team decides its prices, its ad budget per channel and its reorders
(:meth:`StoreGame.decide`); :meth:`StoreGame.step` advances all teams one week with the same
seeded market (same visitors, same random draws); :meth:`StoreGame.scoreboard` compares them.
It is the batch engine (:class:`~mipyme.store.simulate.OnlineStore`) run one week at a time:
a team that never changes its decisions gets exactly the batch simulation.

>>> from mipyme.store import StoreGame
>>> game = StoreGame(["Águilas", "Jaguares"], seed=42)
>>> game.decide("Águilas", price={"CAFE-CHIS": 220}, ad_budget={"mercado_libre": 800},
...             reorder={"CAFE-CHIS": 100})
>>> board = game.step()
>>> game.week, len(board)
(1, 2)
>>> game.decide("Águilas", ad_budget={"web": 10_000_000})
Traceback (most recent call last):
...
mipyme.errors.InputError: 'ad_budget['web']' debe estar entre 0 y 200000 (se recibió 10000000)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from mipyme.errors import InputError
from mipyme.i18n import t
from mipyme.money import count_arg, pesos
from mipyme.store.catalog import Catalog
from mipyme.store.simulate import Limits, OnlineStore

__all__ = ["StoreGame"]




class StoreGame:
    """A class of teams, each running a copy of the store in the same seeded market.

    Parameters
    ----------
    teams:
        Team names (unique).
    seed:
        The market's seed, shared by every team.
    weeks:
        Length of the game (``None``: no end).
    auto_reorder:
        Off by default: reordering is the students' decision.
    catalog, start, opening_cash, traffic, limits:
        As in :class:`~mipyme.store.simulate.OnlineStore`.

    >>> StoreGame(["A", "A"])
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: el equipo 'A' aparece más de una vez
    """

    def __init__(self, teams: Iterable[str], *, seed: int = 0, weeks: int | None = None,
                 catalog: Catalog | None = None, start: object = "2026-01-01",
                 opening_cash: object = "50000", traffic: object = 1,
                 auto_reorder: bool = False, limits: Limits | None = None) -> None:
        names = list(teams) if not isinstance(teams, str) else [teams]
        if not names:
            raise InputError("errors.positive", arg="len(teams)", value=0)
        seen: set[str] = set()
        for name in names:
            if name in seen:
                raise InputError("store.errors.duplicate_team", team=name)
            seen.add(name)
        if weeks is not None:
            weeks = count_arg(weeks, "weeks", minimum=1)
        self.weeks = weeks
        self.seed = seed
        self.stores: dict[str, OnlineStore] = {
            name: OnlineStore(catalog, seed=seed, start=start, opening_cash=opening_cash,
                              traffic=traffic, auto_reorder=auto_reorder, limits=limits)
            for name in names}

    @property
    def teams(self) -> tuple[str, ...]:
        """The team names, in the order given.

        >>> StoreGame(["Colibríes", "Ajolotes"]).teams
        ('Colibríes', 'Ajolotes')
        """
        return tuple(self.stores)

    @property
    def week(self) -> int:
        """Weeks played so far.

        >>> StoreGame(["A"]).week
        0
        """
        return next(iter(self.stores.values())).day // 7

    def store(self, team: str) -> OnlineStore:
        """The store of ``team`` (orders, daily KPIs, books, statements).

        >>> StoreGame(["A"]).store("B")
        Traceback (most recent call last):
        ...
        mipyme.errors.InputError: 'team' debe ser uno de ('A',) (se recibió 'B')
        """
        if team not in self.stores:
            raise InputError("store.errors.unknown_team", choices=self.teams, value=team)
        return self.stores[team]

    def decide(self, team: str, price: Mapping[str, object] | object | None = None,
               ad_budget: Mapping[str, object] | None = None,
               reorder: Mapping[str, object] | None = None) -> None:
        """Record ``team``'s decisions for the next week (see :meth:`OnlineStore.decide`).

        Prices and ad budgets stay until changed; a reorder is placed once, at the start
        of the next week.

        >>> game = StoreGame(["A"])
        >>> game.decide("A", price={"REBOZO": -10})
        Traceback (most recent call last):
        ...
        mipyme.errors.InputError: 'price['REBOZO']' debe ser mayor que cero (se recibió -10)
        """
        self.store(team).decide(price=price, ad_budget=ad_budget, reorder=reorder)

    def step(self, lang: str | None = None) -> pd.DataFrame:
        """Advance every team one week; return the scoreboard.

        >>> game = StoreGame(["A"], weeks=1)
        >>> len(game.step())
        1
        >>> game.step()
        Traceback (most recent call last):
        ...
        mipyme.errors.InputError: el juego terminó en la semana 1; crea un juego nuevo para seguir
        """
        if self.weeks is not None and self.week >= self.weeks:
            raise InputError("store.errors.game_over", weeks=self.weeks)
        for store in self.stores.values():
            store.run(7)
        return self.scoreboard(lang)

    def scoreboard(self, lang: str | None = None) -> pd.DataFrame:
        """Teams ranked by profit so far: orders, sales, profit, bank, lost orders, returns.

        >>> game = StoreGame(["A", "B"], seed=1)
        >>> game.decide("B", ad_budget={"mercado_libre": 1500})
        >>> board = game.step(lang="en")
        >>> board.columns.tolist()[:4]
        ['rank', 'team', 'week', 'orders']
        """
        rows = []
        for team, store in self.stores.items():
            s = store.summary()
            rows.append({"team": team, "orders": s["orders"], "sales": s["sales_cents"],
                         "ads": s["ads_paid_cents"], "profit": s["profit_cents"],
                         "cash": s["cash_cents"],
                         "lost": s["lost_stockout"] + s["lost_voucher"],
                         "return_rate": round(s["return_rate"], 4),
                         "stock_units": s["stock_units"]})
        rows.sort(key=lambda r: (-r["profit"], r["team"]))
        week = self.week
        return pd.DataFrame({
            t("store.col.rank", lang): range(1, len(rows) + 1),
            t("store.col.team", lang): [r["team"] for r in rows],
            t("store.col.week", lang): [week] * len(rows),
            t("store.col.orders", lang): [r["orders"] for r in rows],
            t("store.col.sales", lang): [pesos(r["sales"]) for r in rows],
            t("store.col.ad_spend", lang): [pesos(r["ads"]) for r in rows],
            t("store.col.profit", lang): [pesos(r["profit"]) for r in rows],
            t("store.col.cash", lang): [pesos(r["cash"]) for r in rows],
            t("store.col.lost_orders", lang): [r["lost"] for r in rows],
            t("store.col.return_rate", lang): [r["return_rate"] for r in rows],
            t("store.col.stock_units", lang): [r["stock_units"] for r in rows],
        })
