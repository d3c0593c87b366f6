"""Online store simulator: a year of >= 100,000 orders with the books posted, against a
straightforward per-order Python loop measured in the same run, and the classroom week step.

Figures:
* ``store_year_*``: one simulated year (traffic x30, stock x30 so it sells >= 100,000 orders)
  including the journal built with ``Journal.from_postings``; best of 3.
* ``store_loop_*``: the same store simulated order by order in plain Python (Decimal money,
  dict stock, one posting row per order leg, then the same journal), timed on the first
  30 days only and scaled to the year by its orders per second (named ``..._30days``).
  It models a little less than the engine (no shipping, customers or settlement days), so
  the ratio understates the gain.
* ``store_vectorised_vs_loop_ratio``: orders per second of the two, same run.
* ``store_game_week_step_8teams_p50/p95``: one classroom week step (8 teams, reorders every
  week) over a 52-week game.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from decimal import Decimal

import numpy as np
import pandas as pd

from mipyme.finance import Journal
from mipyme.money import round_money
from mipyme.store import StoreGame, categories, channels, example_catalog, payments, simulate
from timing import best_of, percentiles

TRAFFIC = 30
SCALE = 30
LOOP_DAYS = 30


def _year():
    store = simulate(days=365, seed=0, traffic=TRAFFIC, catalog=example_catalog(SCALE))
    store.journal  # noqa: B018 - post the books
    return store


def _loop_store(days: int, seed: int = 0) -> tuple[int, Journal]:
    """The straightforward version: every order handled one at a time in Python."""
    rnd = random.Random(seed)
    catalog = example_catalog(SCALE)
    cats, chans, pays = categories(), channels(), payments()
    products = list(catalog.products)
    pop = sum(p.popularity for p in products)
    stock = {p.sku: p.stock for p in products}
    on_order = {p.sku: 0 for p in products}
    arrivals: dict[int, list[tuple[str, int, bool]]] = {}
    web_methods = [m for m in pays.index if pays.loc[m, "web_share"] > 0]
    web_weights = [float(pays.loc[m, "web_share"]) for m in web_methods]
    iva = Decimal("0.16")
    rows: list[tuple[int, dt.date, str, str, int]] = []
    start = dt.date(2026, 1, 1)
    txn = 0
    orders = 0

    def post(day: dt.date, legs: list[tuple[str, Decimal]]) -> None:
        nonlocal txn
        txn += 1
        for account, amount in legs:
            rows.append((txn, day, "pedido", account, int(amount * 100)))

    for d in range(days):
        day = start + dt.timedelta(days=d)
        for sku, units, bought in arrivals.pop(d, []):
            stock[sku] += units
            if bought:
                on_order[sku] -= units
        for channel in chans.index:
            ch = chans.loc[channel]
            visits = np.random.default_rng([seed, d, len(channel)]).poisson(
                float(ch["organic_visits"]) * TRAFFIC)
            for p in products:
                cat = cats.loc[p.category]
                rate = visits * p.popularity / pop * float(cat["conversion"]) * float(
                    ch["conversion_factor"])
                n = np.random.default_rng([seed, d, len(channel), len(p.sku)]).poisson(rate)
                for _ in range(n):
                    qty = 1 + (1 if rnd.random() < float(cat["units_per_order"]) - 1 else 0)
                    if ch["payment"] == "marketplace":
                        method = "marketplace"
                    else:
                        method = rnd.choices(web_methods, web_weights)[0]
                    if rnd.random() >= float(pays.loc[method, "pay_rate"]):
                        continue
                    if stock[p.sku] < qty:
                        continue
                    stock[p.sku] -= qty
                    orders += 1
                    gross = p.price * qty
                    rate_iva = iva if ch["iva_kind"] == "general" else Decimal(0)
                    net = round_money(gross / (1 + rate_iva))
                    commission = round_money(gross * ch["commission_rate"]) + ch["fixed_fee"]
                    fee = round_money(gross * pays.loc[method, "fee_rate"]) + pays.loc[
                        method, "fixed_fee"]
                    fee_iva = round_money((commission + fee) * iva)
                    cost = p.unit_cost * qty
                    post(day, [("1030", gross - commission - fee - fee_iva),
                               ("6010", commission), ("6020", fee), ("1150", fee_iva),
                               ("4010", -net), ("2050", -(gross - net))])
                    post(day, [("5010", cost), ("1100", -cost)])
                    if rnd.random() < float(cat["return_rate"]):
                        back = d + int(cat["return_days"])
                        arrivals.setdefault(back, []).append((p.sku, qty, False))
            for p in products:
                if stock[p.sku] + on_order[p.sku] <= p.reorder_point:
                    on_order[p.sku] += p.reorder_qty
                    arrivals.setdefault(d + p.lead_time_days, []).append(
                        (p.sku, p.reorder_qty, True))
    frame = pd.DataFrame(rows, columns=["txn", "date", "description", "account",
                                        "amount_cents"])
    return orders, Journal.from_postings(frame, check=False)


def _game_steps(teams: int = 8, weeks: int = 52) -> list[float]:
    game = StoreGame([f"Equipo {i}" for i in range(teams)], seed=0)
    skus = game.store("Equipo 0").catalog.skus
    times = []
    for week in range(weeks):
        for team in game.teams:
            game.decide(team, price={"CAFE-CHIS": 220 + week % 5 * 5},
                        ad_budget={"mercado_libre": 500 + 10 * week},
                        reorder={sku: 20 for sku in skus})
        start = time.perf_counter()
        game.step()
        times.append(time.perf_counter() - start)
    return times


def run():
    store = _year()
    orders = int(store.summary()["orders"])
    if orders < 100_000:
        raise RuntimeError(f"the benchmark year sold {orders} orders; it must sell 100,000+")
    seconds = best_of(_year, repeat=3)
    rate = orders / seconds
    yield "store_year_orders", orders, "orders"
    yield "store_year_seconds_with_books", seconds, "s"
    yield "store_year_orders_per_s", rate, "orders/s"
    start = time.perf_counter()
    loop_orders, _ = _loop_store(LOOP_DAYS)
    loop_seconds = time.perf_counter() - start
    loop_rate = loop_orders / loop_seconds
    yield f"store_loop_baseline_orders_per_s_{LOOP_DAYS}days", loop_rate, "orders/s"
    yield f"store_loop_year_seconds_scaled_from_{LOOP_DAYS}days", orders / loop_rate, "s"
    yield "store_vectorised_vs_loop_ratio", rate / loop_rate, "x"
    steps = _game_steps()
    p50, p95 = percentiles([s * 1000 for s in steps[1:]], 50, 95)
    yield "store_game_week_step_8teams_p50", p50, "ms"
    yield "store_game_week_step_8teams_p95", p95, "ms"
