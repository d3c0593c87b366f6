"""Helpers for the sandbox notebooks: choose the language once, show prose and tables.

Notebook prose lives in the i18n catalogue (one source per string, in Spanish and
English); a notebook shows it with :func:`say`, so switching the language at the top
switches every text below it.

>>> from mipyme.notebook import setup, text
>>> setup("en")
'en'
>>> text("notebook.language_set")
'Language: English. Change it in the first cell and run the notebook again.'
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
