"""nbgrader's Validate, with the kit's plain-words message first and whole.

nbgrader's Validate button (JupyterLab) and ``nbgrader validate`` (a terminal) show, for each
failed test cell, the test code, then the traceback, and the kit's message last, at the
bottom of the traceback; the terminal also cuts every line at 90 characters, so a message
(Spanish, then English) loses its end. :class:`KitValidator` keeps nbgrader's checks and
scores as they are and only changes what is shown:

- each failed cell starts with the kit's message (the text of the test's ``AssertionError``,
  or the type and text of any other error, from :func:`mipyme.grading.roundtrip.cell_messages`),
  wrapped at 76 characters, then the test code, then the traceback;
- in a terminal, long lines are wrapped, never cut.

nbgrader has no setting that names the validator class, so an ``nbgrader_config.py`` installs
it with two lines (the kit's course, ``exercises/nbgrader_config.py``, and the student
workspace of ``make lab`` do)::

    from mipyme.grading.validate import use_kit_validator
    use_kit_validator()

:func:`use_kit_validator` points nbgrader's ``validate`` command and its Validate server
handler at :class:`KitValidator`; both read ``nbgrader_config.py`` just before they create
their validator. Nothing else of nbgrader changes (``autograde`` does not use a validator).

>>> lines = KitValidator()._indent("x" * 100).splitlines()  # a terminal line: 87 at most
>>> [len(line) for line in lines]
[87, 23]
"""

from __future__ import annotations

import sys
import textwrap

import nbformat
from nbconvert.filters import strip_ansi
from nbgrader.validator import Validator

__all__ = ["KitValidator", "message_of", "use_kit_validator", "wrap"]

#: Where a message is wrapped (the dialog's width on a small laptop; a terminal's 80 columns).
MESSAGE_WIDTH = 76
#: nbgrader's modules that create a ``Validator`` by that global name, after reading
#: ``nbgrader_config.py``: the ``nbgrader validate`` command and the Validate button's handler.
NBGRADER_USERS = ("nbgrader.apps.validateapp",
                  "nbgrader.server_extensions.validate_assignment.handlers")


def message_of(cell: nbformat.NotebookNode) -> str:
    """The plain-words message of a failed test cell ('' when it has none).

    >>> cell = nbformat.v4.new_code_cell("check(False, ...)")
    >>> cell.metadata["nbgrader"] = {"grade": True, "grade_id": "t", "solution": False}
    >>> cell.outputs = [nbformat.v4.new_output("error", ename="AssertionError",
    ...                                        evalue="falta / missing", traceback=[])]
    >>> message_of(cell)
    'falta / missing'
    """
    from mipyme.grading.roundtrip import cell_messages

    return next(iter(cell_messages(nbformat.v4.new_notebook(cells=[cell])).values()), "")


def wrap(message: str, width: int = MESSAGE_WIDTH) -> str:
    """``message`` with each of its lines wrapped at ``width`` characters: the Validate dialog
    shows text as it is, so a long line would run out of sight.

    >>> print(wrap("uno dos tres cuatro", 10))
    uno dos
    tres
    cuatro
    """
    return "\n".join(textwrap.fill(line, width, break_on_hyphens=False) or line
                     for line in message.split("\n"))


class KitValidator(Validator):
    """nbgrader's :class:`~nbgrader.validator.Validator`: same checks, the message first."""

    def _get_failed_cells(self, nb: nbformat.NotebookNode) -> list:
        failed = super()._get_failed_cells(nb)
        self._messages = [message_of(cell) for cell in failed]
        return failed

    def validate(self, filename: str) -> dict:
        """nbgrader's results; a failed cell's ``source`` starts with its message (the
        Validate dialog shows ``source`` first), also given alone as ``message``."""
        self._messages = []
        results = super().validate(filename)
        for entry, message in zip(results.get("failed", []), self._messages, strict=False):
            if message:
                entry["message"] = message
                entry["source"] = f"{wrap(message)}\n\n{entry['source']}"
        return results

    def _indent(self, val: str) -> str:
        """Indent every line; wrap a line longer than ``width`` instead of cutting it."""
        width = max(self.width - 3, 24)  # nbgrader cuts at width - 3, indent included
        lines = []
        for line in strip_ansi(val).split("\n"):
            if len(self.indent + line) <= width:
                lines.append(self.indent + line)
            else:
                lines.extend(textwrap.wrap(line, width, initial_indent=self.indent,
                                           subsequent_indent=self.indent + "  ",
                                           break_on_hyphens=False))
        return "\n".join(lines)


def use_kit_validator() -> None:
    """Make nbgrader's ``validate`` command and Validate button use :class:`KitValidator`.

    Called from an ``nbgrader_config.py``; changes only the nbgrader modules already
    imported (the one that is reading the configuration), so it costs nothing elsewhere.
    """
    for name in NBGRADER_USERS:
        module = sys.modules.get(name)
        if module is not None and getattr(module, "Validator", None) is Validator:
            module.Validator = KitValidator
