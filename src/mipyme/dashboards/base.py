"""A dashboard keeps computation apart from display, so tests drive it without a browser.

A dashboard declares its controls (with labels from the i18n catalogue), a pure
``compute(**values)`` that returns a result, and how the result is shown. Most dashboards
draw once and then move what changes: ``build(figure)`` draws the axes, labels and legend
and returns the artists that change (bars, lines, texts); ``refresh(result, artists)``
moves them to a new result. The base class calls them in that order, keeps the artists,
sets the figure's alt text and starts over when the figure was cleared. A dashboard whose
picture changes shape writes ``draw(result, figure)`` instead.
:meth:`Dashboard.widget` builds the ipywidgets for a notebook; :meth:`Dashboard.update`
is what a moved slider calls, and what the tests and benchmarks call directly.
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from mipyme.errors import InputError
from mipyme.i18n import get_language, t

__all__ = ["Control", "Dashboard", "ShownText", "figure_svg", "live_widget", "settle_memory"]


_SETTLED = {"done": False}


def settle_memory() -> None:
    """Once per process, after the first drawing: move what exists to a permanent generation.

    The library, pandas and matplotlib leave hundreds of thousands of long-lived objects;
    Python's cycle collector would scan them again in the middle of a slider move (a pause
    of 30-60 ms here). ``gc.freeze`` takes them out of those scans; new garbage is still
    collected as usual.
    """
    import gc

    if not _SETTLED["done"]:
        gc.collect()
        gc.freeze()
        _SETTLED["done"] = True


def figure_svg(figure: Any) -> str:
    """The figure as SVG text for the page, with its alt text as the image's accessible name.

    Text stays text (the browser draws the letters), which makes a redraw about twice as
    fast as a PNG: what keeps a slider feeling instant on a 2-core machine.
    """
    import html
    import io

    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "mipyme"}):
        figure.savefig(buffer, format="svg")
    text = buffer.getvalue()
    alt = html.escape(getattr(figure, "alt_text", "") or "", quote=True)
    if alt:
        start = text.index("<svg")
        close = text.index(">", start)
        text = (f'{text[:start]}<svg role="img" aria-label="{alt}"{text[start + 4:close]}>'
                f"<title>{alt}</title>{text[close + 1:]}")
    return text


@dataclass(frozen=True, slots=True)
class Control:
    """One input of a dashboard: a slider, an integer slider or a dropdown."""

    name: str
    label_key: str
    kind: str  # "float", "int" or "choice"
    default: Any
    low: float | None = None
    high: float | None = None
    step: float | None = None
    options: tuple[Any, ...] = ()
    option_keys: tuple[str, ...] = ()

    def check(self, value: Any) -> Any:
        """The value if it is allowed, else an ``InputError`` naming the control's rule."""
        if self.kind == "choice":
            if value not in self.options:
                raise InputError("errors.one_of", arg=self.name, choices=self.options,
                                 value=value)
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError("errors.not_a_number", arg=self.name, value=value)
        if not (self.low <= value <= self.high):
            raise InputError("errors.between", arg=self.name, low=self.low, high=self.high,
                             value=value)
        return int(value) if self.kind == "int" else value


@dataclass
class Dashboard:
    """Base class: subclasses set ``controls`` and write ``compute`` and ``draw``."""

    controls: tuple[Control, ...] = ()
    values: dict[str, Any] = field(default_factory=dict)
    result: Any = None
    figure: Any = None

    def __post_init__(self) -> None:
        self.values = {c.name: c.default for c in self.controls} | self.values

    # -- to be written by each dashboard ------------------------------------------
    def compute(self, **values: Any) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def build(self, figure: Any) -> dict[str, Any]:  # pragma: no cover - abstract
        """Draw what never changes on an empty figure; return the artists that do."""
        raise NotImplementedError

    def refresh(self, result: Any, artists: dict[str, Any]) -> None:  # pragma: no cover
        """Move the artists :meth:`build` returned so that they show ``result``."""
        raise NotImplementedError

    def draw(self, result: Any, figure: Any) -> None:
        """Draw ``result`` on an empty figure: :meth:`build` once, then :meth:`refresh`."""
        self._artists = self.build(figure)
        self._shown_on = (figure, get_language())  # the labels are in the language in use
        self.refresh(result, self._artists)
        figure.alt_text = self.alt_text(result)

    def redraw(self, result: Any, figure: Any) -> None:
        """Show a new result on a figure already drawn once.

        With :meth:`build` and :meth:`refresh`, only the kept artists move (no new axes,
        no new layout); otherwise, or when the language changed since the labels were drawn,
        the figure is cleared and drawn again.
        """
        artists = getattr(self, "_artists", None)
        shown_on = getattr(self, "_shown_on", (None, None))
        if artists is not None and shown_on[0] is figure and shown_on[1] == get_language():
            self.refresh(result, artists)
            figure.alt_text = self.alt_text(result)
            return
        figure.clear()
        self.draw(result, figure)

    def summary(self, result: Any) -> str:
        """A line of numbers under the chart (in the language in use)."""
        return ""

    #: The catalogue key naming the one figure a student predicts before moving a control
    #: (for example ``"dash.fin.predict_units"``); empty if the dashboard asks for none.
    prediction_key: ClassVar[str] = ""

    def prediction(self, result: Any) -> Any:
        """The figure the student predicted, as the dashboard shows it now (a number or Money)."""
        raise NotImplementedError  # pragma: no cover - only dashboards with a prediction_key

    def alt_text(self, result: Any) -> str:
        """What the chart shows, in words, for a reader who cannot see it."""
        return re.sub(r"<[^>]+>", "", self.summary(result)).strip()

    # -- shared machinery ------------------------------------------------------------
    def control(self, name: str) -> Control:
        for control in self.controls:
            if control.name == name:
                return control
        raise InputError("errors.one_of", arg="control",
                         choices=tuple(c.name for c in self.controls), value=name)

    def update(self, **changes: Any) -> Any:
        """Change some inputs, recompute, and redraw the figure if there is one."""
        checked = {name: self.control(name).check(value) for name, value in changes.items()}
        self.values.update(checked)
        self.result = self.compute(**self.values)
        if self.figure is not None:
            if self.figure.axes:
                self.redraw(self.result, self.figure)
            else:
                self.draw(self.result, self.figure)
        return self.result

    def render(self) -> Any:
        """A matplotlib figure of the current result (without widgets)."""
        import matplotlib.pyplot as plt

        if self.figure is None:
            self.figure = plt.figure(figsize=(8, 4))
            plt.close(self.figure)
        self.update()
        settle_memory()
        return self.figure

    #: Resolution of the picture sent to the page; enough for a laptop or a phone.
    DPI = 90

    def png(self) -> bytes:
        """The current figure as PNG bytes: what the notebook page receives.

        Fast compression keeps a slider responsive; the picture is the same.
        """
        import io

        if self.figure is None:
            self.render()
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=self.DPI,
                            pil_kwargs={"compress_level": 1})
        return buffer.getvalue()

    def svg(self) -> str:
        """The current figure as SVG text: what the notebook page receives."""
        if self.figure is None:
            self.render()
        return figure_svg(self.figure)

    def compare(self, guess: Any) -> str:
        """Show the student's guess beside the figure the dashboard shows now.

        ``guess`` is what the student wrote before moving the controls (a number, a text
        such as ``"1,250"`` or ``"$1,250.50"``, or ``None`` if she has not written one yet).
        The text is shown in the notebook (as Markdown) and returned.
        """
        if self.result is None:
            self.update()
        actual = self.prediction(self.result)
        label = t(self.prediction_key)
        shown = actual.format() if hasattr(actual, "format") and not isinstance(actual, str) \
            else _plain_number(actual)
        settings = ", ".join(f"{t(c.label_key)}: {self._shown_value(c)}" for c in self.controls)
        if guess is None or (isinstance(guess, str) and not guess.strip()):
            text = t("dash.predict.missing", label=label, actual=shown, settings=settings)
        else:
            number = _as_number(guess)
            if number is None:
                text = t("dash.predict.not_a_number", value=guess, label=label)
            else:
                target = Decimal(str(getattr(actual, "amount", actual)))
                gap = number - target
                share = (abs(gap) / abs(target)) if target else None
                key = ("dash.predict.close" if share is not None and share <= Decimal("0.10")
                       else "dash.predict.far")
                text = t(key, label=label, guess=_plain_number(number), actual=shown,
                         gap=_plain_number(abs(gap)),
                         share=f"{share:.0%}" if share is not None else "—",
                         settings=settings)
        try:
            from IPython.display import Markdown, display

            from mipyme.authoring import escape_dollars

            display(Markdown(escape_dollars(text)))
        except ImportError:  # pragma: no cover - plain Python
            pass
        return ShownText(text)

    def _shown_value(self, control: Control) -> str:
        value = self.values[control.name]
        if control.kind == "choice" and control.option_keys:
            return t(control.option_keys[control.options.index(value)])
        return _plain_number(value) if not isinstance(value, str) else value

    def static_html(self) -> str:
        """The dashboard's first state as a picture with alt text, and how to open it live.

        This is what a reader of the published book sees, where no kernel moves the
        controls; JupyterLab shows the live widget instead.
        """
        if self.figure is None:
            self.render()
        alt = html.escape(self.alt_text(self.result), quote=True)
        png = base64.b64encode(self.png()).decode("ascii")
        summary = self.summary(self.result)
        return (f'<figure class="mipyme-dashboard-static">'
                f'<img src="data:image/png;base64,{png}" alt="{alt}" style="max-width:100%">'
                f'<figcaption><p class="mipyme-summary">{summary}</p>'
                f'<p class="mipyme-live-note">{t("dash.static.note")}</p></figcaption></figure>')

    def widget(self) -> Any:
        """The interactive dashboard for a notebook: controls, chart and summary line."""
        import ipywidgets as w
        from IPython.display import SVG, display

        out = w.Output()
        line = w.HTML()
        widgets = {}
        for control in self.controls:
            label = t(control.label_key)
            style = {"description_width": "initial"}
            layout = w.Layout(width="28rem")
            if control.kind == "choice":
                names = ([t(k) for k in control.option_keys] if control.option_keys
                         else [str(o) for o in control.options])
                widgets[control.name] = w.Dropdown(
                    options=list(zip(names, control.options, strict=True)),
                    value=self.values[control.name], description=label, style=style,
                    layout=layout)
            elif control.kind == "int":
                widgets[control.name] = w.IntSlider(
                    value=self.values[control.name], min=control.low, max=control.high,
                    step=control.step or 1, description=label, style=style, layout=layout,
                    continuous_update=False)
            else:
                widgets[control.name] = w.FloatSlider(
                    value=self.values[control.name], min=control.low, max=control.high,
                    step=control.step, description=label, style=style, layout=layout,
                    continuous_update=False)

        def refresh(change: Any = None) -> None:
            if change is not None:
                self.update(**{change["owner"]._mipyme_name: change["new"]})
            else:
                self.render()
            line.value = f"<p class='mipyme-summary'>{self.summary(self.result)}</p>"
            with out:
                out.clear_output(wait=True)
                display(SVG(data=self.svg()))

        for name, widget in widgets.items():
            widget._mipyme_name = name
            widget.observe(refresh, names="value")
        refresh()
        return live_widget([*widgets.values(), out, line], dashboard=self)


class ShownText(str):
    """A text a dashboard has already shown as Markdown: a notebook does not echo it again."""

    __slots__ = ()

    def _ipython_display_(self) -> None:
        """Nothing more to show."""


def _as_number(value: Any) -> Decimal | None:
    """A student's guess as a number: ``1250``, ``"1,250"``, ``"$1,250.50"``, ``"15%"``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value))
    amount = getattr(value, "amount", None)
    if isinstance(amount, Decimal):
        return amount
    text = str(value).strip().replace("$", "").replace(",", "").replace(" ", "")
    percent = text.endswith("%")
    try:
        number = Decimal(text.rstrip("%"))
    except InvalidOperation:
        return None
    return number / 100 if percent else number


def _plain_number(value: Any) -> str:
    """A number for a sentence: thousands with commas, at most two decimals."""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return f"{number:,.0f}"
    return f"{number:,.2f}"


def _live_widget_class() -> type:
    import ipywidgets as w

    class _Live(w.VBox):
        """The live dashboard; where no widget can run (the published book), its picture."""

        def __init__(self, children: list[Any], dashboard: Dashboard) -> None:
            super().__init__(children)
            self._mipyme_dashboard = dashboard

        def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
            bundle = super()._repr_mimebundle_(**kwargs) or {}
            bundle["text/html"] = self._mipyme_dashboard.static_html()
            return bundle

    return _Live


def live_widget(children: list[Any], dashboard: Dashboard) -> Any:
    """The widget a notebook shows: live in JupyterLab, a picture with alt text elsewhere."""
    global _LIVE
    if _LIVE is None:
        _LIVE = _live_widget_class()
    return _LIVE(children, dashboard)


_LIVE: type | None = None
