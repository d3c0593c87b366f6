"""Alt text for the figures a notebook shows, so the book's images describe themselves.

The kit's charts carry a one-sentence description as ``fig.alt_text`` (see
:mod:`mipyme.finance.charts`). :func:`register_alt_text` makes the IPython kernel put that
sentence in the ``image/png`` output metadata as ``alt``; the book's Sphinx extension
(:mod:`mipyme.book.sphinx_ext`) turns it into the ``alt`` attribute of the ``<img>``.
A figure drawn by hand (``plt.subplots()``) with no ``alt_text`` gets one made from its
axes titles and labels, in the language in use.

>>> from matplotlib.figure import Figure
>>> fig = Figure()
>>> ax = fig.add_subplot()
>>> _ = ax.set_title("Ventas por mes"), ax.set_xlabel("mes"), ax.set_ylabel("pesos")
>>> figure_alt_text(fig)
'Gráfica: Ventas por mes (pesos contra mes)'
>>> fig.alt_text = "Las ventas suben en diciembre."
>>> figure_alt_text(fig)
'Las ventas suben en diciembre.'
"""

from __future__ import annotations

from typing import Any

from mipyme.i18n import t

__all__ = ["figure_alt_text", "register_alt_text"]

_IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml")


def figure_alt_text(fig: Any) -> str:
    """The alt text of a matplotlib figure: its ``alt_text``, else one from its axes.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from mipyme.i18n import language
    >>> with language("en"):
    ...     figure_alt_text(Figure())
    'Chart: untitled chart'
    """
    own = str(getattr(fig, "alt_text", "") or "").strip()
    if own:
        return own
    parts = []
    for ax in getattr(fig, "axes", ()):
        title = ax.get_title() or ax.get_title("left") or _fig_title(fig)
        x, y = ax.get_xlabel(), ax.get_ylabel()
        if title and x and y:
            parts.append(t("book.figure_alt_axes", title=title, x=x, y=y))
        elif title:
            parts.append(title)
    unique = list(dict.fromkeys(parts))
    return t("book.figure_alt", description="; ".join(unique) or t("book.figure_alt_untitled"))


def _fig_title(fig: Any) -> str:
    """The figure's own title (``fig.suptitle``), or an empty string."""
    sup = getattr(fig, "_suptitle", None)
    return sup.get_text() if sup is not None else ""


def register_alt_text(shell: Any = None) -> bool:
    """Make the IPython ``shell`` add ``alt`` metadata to every figure it shows.

    Wraps the shell's display formatter (so it survives ``%matplotlib inline``, which only
    replaces the per-type formatters). Returns False outside IPython.

    Examples
    --------
    >>> register_alt_text()  # plain Python: nothing to do
    False
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - IPython comes with Jupyter
            return False
        shell = get_ipython()
    if shell is None:
        return False
    formatter = shell.display_formatter
    if getattr(formatter.format, "_mipyme_alt", False):
        return True
    original = formatter.format

    def format_with_alt(obj: Any, include: Any = None, exclude: Any = None) -> Any:
        data, metadata = original(obj, include=include, exclude=exclude)
        if hasattr(obj, "savefig") and hasattr(obj, "axes"):
            alt = figure_alt_text(obj)
            for mime in _IMAGE_TYPES:
                if mime in data:
                    entry = dict(metadata.get(mime) or {})
                    entry.setdefault("alt", alt)
                    metadata[mime] = entry
        return data, metadata

    format_with_alt._mipyme_alt = True  # type: ignore[attr-defined]
    formatter.format = format_with_alt
    return True
