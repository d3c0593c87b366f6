"""The classroom game board: teams decide each week, the class plays it, the board compares.

A thin layer over :class:`mipyme.store.StoreGame` (same seeded market for every team). As in
:class:`~mipyme.dashboards.base.Dashboard`, computation is apart from display:
:meth:`GameBoard.decide` and :meth:`GameBoard.next_week` change the game and return numbers,
:meth:`GameBoard.draw` plots on a given figure, and :meth:`GameBoard.widget` only wires
ipywidgets to them, so tests play the game without a browser.

>>> from mipyme.dashboards.game import GameBoard
>>> board = GameBoard(["Águilas", "Jaguares"], seed=42)
>>> board.decide("Águilas", price_pct=90, ad_mercado_libre=800, reorder=20)
>>> table = board.next_week()
>>> board.week, len(table), len(board.history())
(1, 2, 2)
>>> board.decide("Jaguares", price_pct=20)
Traceback (most recent call last):
...
mipyme.errors.InputError: 'price_pct' debe estar entre 50 y 200 (se recibió 20)
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import matplotlib.ticker as mticker
import pandas as pd

from mipyme.dashboards.base import Control, figure_svg, settle_memory
from mipyme.dashboards.store import pesos
from mipyme.errors import InputError
from mipyme.finance.charts import OKABE_ITO
from mipyme.i18n import t
from mipyme.money import Money, as_decimal, round_money
from mipyme.store import StoreGame, channels

__all__ = ["GameBoard"]

_CHANNELS: tuple[str, ...] = tuple(channels().index)  # data/store_channels.csv order
_COLOURS = ("blue", "orange", "green", "vermillion", "purple", "sky_blue", "yellow")


class GameBoard:
    """The week-by-week store game for a class, with its controls, scoreboard and chart.

    Parameters
    ----------
    teams, seed, weeks, start, opening_cash:
        As in :class:`mipyme.store.StoreGame` (every team plays the same seeded market).

    Each team's decisions (price as a percentage of list price, weekly ads per channel,
    units of every product to reorder) stay until the team changes them; a reorder is
    placed once, at the start of the next week.

    >>> GameBoard(["A"]).controls[0].name
    'price_pct'
    """

    def __init__(self, teams: Iterable[str] = ("Águilas", "Jaguares"), *, seed: int = 0,
                 weeks: int | None = None, start: object = "2026-01-01",
                 opening_cash: object = "50000") -> None:
        self.game = StoreGame(teams, seed=seed, weeks=weeks, start=start,
                              opening_cash=opening_cash)
        self.controls: tuple[Control, ...] = (
            Control("price_pct", "dash.game.price_pct", "int", 100, 50, 200, 5),
            *(Control(f"ad_{code}", f"dash.game.ad_{code}", "float", 0.0, 0, 5000, 100)
              for code in _CHANNELS),
            Control("reorder", "dash.game.reorder", "int", 0, 0, 300, 10),
        )
        self.decisions: dict[str, dict[str, Any]] = {
            team: {c.name: c.default for c in self.controls} for team in self.game.teams}
        self._rows: list[dict[str, Any]] = []
        self.figure: Any = None

    # -- computation ------------------------------------------------------------------
    @property
    def teams(self) -> tuple[str, ...]:
        """The team names.

        >>> GameBoard(["Colibríes", "Ajolotes"]).teams
        ('Colibríes', 'Ajolotes')
        """
        return self.game.teams

    @property
    def week(self) -> int:
        """Weeks played so far.

        >>> GameBoard(["A"]).week
        0
        """
        return self.game.week

    def control(self, name: str) -> Control:
        """The control called ``name``.

        >>> GameBoard(["A"]).control("reorder").high
        300
        """
        for control in self.controls:
            if control.name == name:
                return control
        raise InputError("errors.one_of", arg="control",
                         choices=tuple(c.name for c in self.controls), value=name)

    def decide(self, team: str, **values: Any) -> None:
        """Record ``team``'s decisions for the next week (only the ones given change).

        Every value is checked before any is applied: a wrong one raises and changes nothing.

        >>> board = GameBoard(["A"])
        >>> board.decide("A", ad_web=500)
        >>> board.decisions["A"]["ad_web"]
        500
        >>> board.decide("B", ad_web=500)
        Traceback (most recent call last):
        ...
        mipyme.errors.InputError: 'team' debe ser uno de ('A',) (se recibió 'B')
        """
        store = self.game.store(team)
        checked = {name: self.control(name).check(value) for name, value in values.items()}
        mine = self.decisions[team] | checked
        share = Decimal(int(mine["price_pct"])) / 100
        prices = {p.sku: round_money(p.price * share) for p in store.catalog}
        ads = {code: round_money(as_decimal(f"{float(mine[f'ad_{code}']):.2f}", "ad_budget"))
               for code in _CHANNELS}
        reorder = dict.fromkeys(store.catalog.skus, int(mine["reorder"]))
        self.game.decide(team, price=prices, ad_budget=ads, reorder=reorder)
        self.decisions[team] = mine

    def next_week(self, lang: str | None = None) -> pd.DataFrame:
        """Play one week for every team; return the scoreboard (and redraw the chart).

        A reorder is placed once: after the week it goes back to zero.

        >>> board = GameBoard(["A"], weeks=1)
        >>> board.next_week()["semana"].tolist()
        [1]
        """
        table = self.game.step(lang)
        week = self.week
        for team in self.teams:
            s = self.game.store(team).summary()
            self._rows.append({"week": week, "team": team, "orders": s["orders"],
                               "profit": pesos(s["profit_cents"]),
                               "cash": pesos(s["cash_cents"])})
            self.decisions[team]["reorder"] = 0
        if self.figure is not None:
            self.figure.clear()
            self.draw(self.figure)
        return table

    def scoreboard(self, lang: str | None = None) -> pd.DataFrame:
        """Teams ranked by profit so far (see :meth:`mipyme.store.StoreGame.scoreboard`).

        >>> GameBoard(["A", "B"]).scoreboard(lang="en").columns.tolist()[:2]
        ['rank', 'team']
        """
        return self.game.scoreboard(lang)

    def history(self) -> pd.DataFrame:
        """Week, team, orders, profit and cash so far (pesos, exact) after every week played.

        >>> GameBoard(["A"]).history().columns.tolist()
        ['week', 'team', 'orders', 'profit', 'cash']
        """
        return pd.DataFrame(self._rows, columns=["week", "team", "orders", "profit", "cash"])

    # -- display ------------------------------------------------------------------------
    def draw(self, figure: Any) -> None:
        """Cash and profit of each team over the weeks, on ``figure``."""
        figure.subplots_adjust(left=0.11, right=0.97, bottom=0.14, top=0.88, wspace=0.35)
        left, right = figure.subplots(1, 2)
        history = self.history()
        for k, team in enumerate(self.teams):
            rows = history[history["team"] == team]
            colour = OKABE_ITO[_COLOURS[k % len(_COLOURS)]]
            weeks = [0, *rows["week"]]
            opening = float(self.game.store(team).opening_cash_cents) / 100
            left.plot(weeks, [opening, *(float(v) for v in rows["cash"])], marker="o",
                      color=colour, label=team)
            right.plot(weeks, [0.0, *(float(v) for v in rows["profit"])], marker="o",
                       color=colour, label=team)
        for ax, title in ((left, "dash.game.cash_title"), (right, "dash.game.profit_title")):
            ax.axhline(0, color="#444", linewidth=0.8)
            ax.set_title(t(title), fontsize=10)
            ax.set_xlabel(t("dash.game.week_axis"))
            ax.xaxis.get_major_locator().set_params(integer=True)
            ax.yaxis.set_major_formatter(mticker.StrMethodFormatter("{x:,.0f}"))
            ax.tick_params(labelsize=7)
        left.set_ylabel(t("dash.game.pesos"))
        right.legend(fontsize=8, frameon=False)
        figure.alt_text = self.alt_text(history)

    def alt_text(self, history: pd.DataFrame | None = None) -> str:
        """The chart in words: who leads after the last week played (or that none was).

        >>> GameBoard(["A"]).alt_text() == t("dash.game.no_weeks")
        True
        """
        history = self.history() if history is None else history
        if history.empty:
            return t("dash.game.no_weeks")
        last = history[history["week"] == history["week"].max()]
        best = last.sort_values(["profit", "team"], ascending=[False, True]).iloc[0]
        return t("dash.game.alt", weeks=int(best["week"]), leader=best["team"],
                 profit=Money(best["profit"]))

    def render(self) -> Any:
        """A matplotlib figure of the game so far (without widgets)."""
        import matplotlib.pyplot as plt

        if self.figure is None:
            self.figure = plt.figure(figsize=(8, 3.6))
            plt.close(self.figure)
        self.figure.clear()
        self.draw(self.figure)
        settle_memory()
        return self.figure

    def widget(self) -> Any:
        """The game for a projector: team selector, decisions, buttons, scoreboard, chart."""
        import ipywidgets as w
        from IPython.display import SVG, display

        style = {"description_width": "initial"}
        layout = w.Layout(width="30rem")
        team = w.Dropdown(options=list(self.teams), description=t("dash.game.team"),
                          style=style, layout=layout)
        inputs: dict[str, Any] = {}
        for control in self.controls:
            kind = w.IntSlider if control.kind == "int" else w.FloatSlider
            inputs[control.name] = kind(
                value=self.decisions[team.value][control.name], min=control.low,
                max=control.high, step=control.step, description=t(control.label_key),
                style=style, layout=layout, continuous_update=False)
        save = w.Button(description=t("dash.game.save"), layout=w.Layout(width="18rem"))
        play = w.Button(description=t("dash.game.next_week"), button_style="primary",
                        layout=w.Layout(width="18rem"))
        message = w.HTML()
        board, chart = w.Output(), w.Output()

        def load(change: Any = None) -> None:
            for name, slider in inputs.items():
                slider.value = self.decisions[team.value][name]

        def on_save(_: Any = None) -> None:
            try:
                self.decide(team.value, **{n: s.value for n, s in inputs.items()})
            except InputError as error:
                message.value = t("dash.game.error", message=str(error))
                return
            message.value = t("dash.game.saved", team=team.value, week=self.week + 1)

        def refresh() -> None:
            with board:
                board.clear_output(wait=True)
                display(self.scoreboard())
            with chart:
                chart.clear_output(wait=True)
                display(SVG(data=figure_svg(self.render())))

        def on_play(_: Any = None) -> None:
            try:
                self.next_week()
            except InputError as error:
                message.value = t("dash.game.error", message=str(error))
                return
            message.value = t("dash.game.played", week=self.week, next=self.week + 1)
            load()
            refresh()

        team.observe(load, names="value")
        save.on_click(on_save)
        play.on_click(on_play)
        refresh()
        return w.VBox([team, *inputs.values(), w.HBox([save, play]), message, board, chart])
