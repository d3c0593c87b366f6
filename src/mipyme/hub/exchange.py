"""``nbgrader collect`` that never follows a link a student left in the exchange.

Stock nbgrader copies each inbound submission with :func:`shutil.copytree`, which follows
links: a student who hands in a link to another student's notebook, to a file of their own
that is a hard link to someone else's, or whose whole inbound folder is a link, gets the
grader (who can read the whole course) to copy what the link points to into
``submitted/``. A fifo makes the copy hang.

:class:`SafeCollect` is nbgrader's own collect with two changes:

- before anything is copied, each submission is looked at with ``lstat``
  (:func:`mipyme.cohort.intake.scan`); one holding a link, a hard link or a special file
  anywhere (or being a link itself) is skipped with a warning that names the files, and
  the student's earlier submission in ``submitted/`` stays as it was;
- the copy itself (:func:`mipyme.cohort.intake.copy_tree`) opens every folder and file
  relative to its parent without following links, so a link put in place while the
  copy runs is refused too. nbgrader's ``CourseDirectory.ignore``, ``include``,
  ``max_file_size`` and ``max_dir_size`` apply as in stock nbgrader.

The hub's grader uses it (``c.ExchangeFactory.collect``, written by ``mipyme hub start``);
anywhere else, add to ``nbgrader_config.py``::

    c.ExchangeFactory.collect = "mipyme.hub.exchange.SafeCollect"

>>> from nbgrader.exchange.abc import ExchangeCollect as Abstract
>>> issubclass(SafeCollect, Abstract)
True
"""

from __future__ import annotations

import os

from nbgrader.exchange.default.collect import ExchangeCollect

from mipyme.cohort.intake import Refused, copy_tree, ignore_rule, scan, size_text
from mipyme.i18n import LANGUAGES, t

__all__ = ["COLLECT", "SafeCollect"]

#: The setting that makes ``nbgrader collect`` (and the formgrader's) use :class:`SafeCollect`.
COLLECT = "mipyme.hub.exchange.SafeCollect"


def _say(key: str, **params) -> str:
    """``key`` in the language of ``MIPYME_LANG`` (the grader's), Spanish by default."""
    lang = os.environ.get("MIPYME_LANG")
    return t(key, lang=lang if lang in LANGUAGES else None, **params)


def _files(reasons) -> str:
    return "; ".join(str(p.get("files") or p.get("file") or "") for _, p in reasons)


class SafeCollect(ExchangeCollect):
    """nbgrader's ``ExchangeCollect`` that refuses links, hard links and special files."""

    def copy_files(self) -> None:
        kept = []
        limit = 1000 * self.coursedir.max_dir_size
        for rec in self.src_records:
            src = os.path.join(self.inbound_path, rec["filename"])
            found = scan(src, label=rec["filename"])
            if not found.ok:
                self.log.warning(_say("cohort.collect.refused", student=rec["username"],
                                      path=src, files=_files(found.reasons)))
            elif found.total > limit:
                self.log.error(_say("cohort.collect.too_big", student=rec["username"],
                                    path=src, value=size_text(found.total),
                                    limit=size_text(limit)))
            else:
                kept.append(rec)
        self.src_records = kept
        super().copy_files()

    def do_copy(self, src: str, dest: str, log=None) -> None:
        """Copy ``src`` to ``dest`` as nbgrader does, never following a link."""
        keep = ignore_rule(list(self.coursedir.ignore), list(self.coursedir.include),
                           self.coursedir.max_file_size)
        try:
            copy_tree(src, dest, keep=_logged(keep, self.log, src),
                      max_bytes=1000 * self.coursedir.max_dir_size)
        except Refused as err:  # changed while it was copied: nothing of it is kept
            student = os.path.basename(src).split("+", 1)[0]
            key, params = err.reasons[0]
            if key == "cohort.reason.too_big":  # it grew while it was copied
                self.log.error(_say("cohort.collect.too_big", student=student, path=src,
                                    value=params["value"], limit=params["limit"]))
            else:
                self.log.warning(_say("cohort.collect.refused", student=student, path=src,
                                      files=_files(err.reasons)))
            return
        if self.coursedir.groupshared:  # as nbgrader: group members may write (no links here)
            for folder, _, files in os.walk(dest):
                os.chmod(folder, (os.stat(folder).st_mode | 0o2770) & 0o2777)
                for name in files:
                    path = os.path.join(folder, name)
                    os.chmod(path, (os.stat(path).st_mode | 0o660) & 0o777)


def _logged(keep, log, src: str):
    def check(rel: str, is_folder: bool, size: int) -> bool:
        kept = keep(rel, is_folder, size)
        if not kept:
            log.debug("Ignoring %s", os.path.join(src, rel))
        return kept
    return check
