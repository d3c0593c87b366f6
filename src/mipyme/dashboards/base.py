"""A dashboard keeps computation apart from display, so tests drive it without a browser.

A dashboard declares its controls (with labels from the i18n catalogue), a pure
``compute(**values)`` that returns a result, and a ``draw(result, ax)`` that plots it.
:meth:`Dashboard.widget` builds the ipywidgets for a notebook; :meth:`Dashboard.update`
is what a moved slider calls, and what the tests and benchmarks call directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mipyme.errors import InputError
from mipyme.i18n import t

__all__ = ["Control", "Dashboard", "figure_svg", "settle_memory"]


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

    def draw(self, result: Any, figure: Any) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def redraw(self, result: Any, figure: Any) -> None:
        """Show a new result on a figure already drawn once.

        The default clears and draws again; a dashboard can instead update the data of
        the artists it keeps (much faster: no new axes, no new layout).
        """
        figure.clear()
        self.draw(result, figure)

    def summary(self, result: Any) -> str:
        """A line of numbers under the chart (in the language in use)."""
        return ""

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
        return w.VBox([*widgets.values(), out, line])
