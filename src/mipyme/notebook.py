"""Helpers for the chapter notebooks: choose the language once, show results and tables.

A notebook's prose is in its own Markdown cells, in the notebook's language (see
:mod:`mipyme.authoring`). :func:`say` shows the few sentences that carry numbers the
notebook computes, in the language chosen by :func:`setup`.

>>> from mipyme.notebook import setup, text
>>> setup("en")
'en'
>>> text("notebook.language_set")
'Language: English. The same notebook is in Spanish in the `es` folder.'
>>> setup("es")
'es'
"""

from __future__ import annotations

from typing import Any

from mipyme.i18n import set_language, t

__all__ = ["say", "setup", "show", "text"]


def setup(lang: str = "es") -> str:
    """Choose the notebook's language (``"es"`` or ``"en"``) and a readable chart style.

    In a notebook it also turns on inline figures, so a chart the library returns is
    shown under its cell.
    """
    set_language(lang)
    import matplotlib

    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:  # plain Python: no notebook to draw in
        shell = None
    if shell is not None and hasattr(shell, "kernel"):
        shell.run_line_magic("matplotlib", "inline")

    matplotlib.rcParams.update({"figure.figsize": (7, 3.6), "figure.dpi": 100,
                                "axes.spines.top": False, "axes.spines.right": False})
    return lang


def text(key: str, **params: Any) -> str:
    """The text for ``key`` in the notebook's language."""
    return t(key, **params)


def say(key: str, **params: Any) -> None:
    """Show the prose ``key`` as Markdown in the notebook's language."""
    from IPython.display import Markdown, display

    display(Markdown(t(key, **params)))


def show(frame: Any, caption_key: str | None = None) -> None:
    """Show a table (a pandas DataFrame) with an optional caption from the catalogue."""
    from IPython.display import Markdown, display

    if caption_key:
        display(Markdown(f"**{t(caption_key)}**"))
    display(frame)
