"""A cohort's roster: read a CSV from any spreadsheet, check it, report every problem at once.

A roster has one row per student with a student id, first name(s), last name(s), email,
university and cohort, and optionally self-identified columns the program reports on only
as aggregates (gender, indigenous community). Headers may be in Spanish or English
(``id_estudiante`` or ``student_id``, ``correo`` or ``email``...), in any case and with or
without accents.

Files exported from Excel are often Latin-1/cp1252 and, with Spanish settings, use ``;``
between fields: both are detected (UTF-8 with or without a byte-order mark is tried first;
cp1252 is the fall-back and comes back as a warning).

>>> from mipyme.cohort.roster import parse_roster
>>> text = "id_estudiante;nombre;apellidos;correo;universidad;cohorte\\n"
>>> text += "a01;Ana;Núñez;ana@uni.mx;BUAP;2026A\\n"
>>> roster = parse_roster(text)
>>> roster.students[0].last_name, roster.delimiter
('Núñez', ';')
>>> parse_roster("student_id,first_name\\nana pérez,Ana\\n")
Traceback (most recent call last):
...
mipyme.cohort.roster.RosterError: la lista de estudiantes tiene 2 problema(s):
  - ERROR missing_columns: faltan las columnas requeridas ['last_name', 'email', 'university', 'cohort'] (columnas encontradas: ['student_id', 'first_name'])
  - ERROR bad_student_id [fila 2]: 'student_id' debe servir como nombre de carpeta de nbgrader: letras, dígitos, '.', '_' o '-', sin espacios ni barras (se recibió 'ana pérez')
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from mipyme.errors import Finding, InputError
from mipyme.i18n import t

__all__ = [
    "COLUMNS",
    "FORMULA_START",
    "OPTIONAL",
    "REQUIRED",
    "Roster",
    "RosterError",
    "Student",
    "decode_roster",
    "gender_group",
    "indigenous_group",
    "parse_roster",
    "read_roster",
    "roster_frame",
    "spreadsheet_text",
    "validate_student_id",
    "write_roster",
]

#: Columns every roster must have (canonical English names).
REQUIRED: tuple[str, ...] = ("student_id", "first_name", "last_name", "email", "university",
                             "cohort")
#: Self-identified columns a program reports on (only as aggregates).
OPTIONAL: tuple[str, ...] = ("gender", "indigenous")
#: Every column of a normalized roster, in order.
COLUMNS: tuple[str, ...] = REQUIRED + OPTIONAL

# Header names accepted for each column, after lower-casing, removing accents and turning
# spaces and hyphens into "_".
_ALIASES: dict[str, tuple[str, ...]] = {
    "student_id": ("student_id", "id_estudiante", "id_alumno", "id", "matricula",
                   "studentid", "id_del_estudiante", "student"),
    "first_name": ("first_name", "first_names", "nombre", "nombres", "given_name",
                   "given_names"),
    "last_name": ("last_name", "last_names", "apellidos", "apellido", "surname", "surnames",
                  "family_name"),
    "email": ("email", "correo", "correo_electronico", "e_mail", "mail", "email_address"),
    "university": ("university", "universidad", "institucion", "institution"),
    "cohort": ("cohort", "cohorte", "generacion"),
    "gender": ("gender", "genero", "sexo", "self_identified_gender", "genero_autoidentificado"),
    "indigenous": ("indigenous", "indigena", "comunidad_indigena", "indigenous_community",
                   "self_identified_indigenous", "autoidentificacion_indigena",
                   "indigena_autoidentificado"),
}
_HEADER = {alias: column for column, names in _ALIASES.items() for alias in names}

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf\u2018-\u201e]")

_WOMEN = {"mujer", "femenino", "f", "woman", "female", "w", "mujer_trans", "trans_woman"}
_MEN = {"hombre", "masculino", "h", "man", "male", "hombre_trans", "trans_man"}
#: "M" is "mujer" on some Spanish forms and "masculino" on others: not guessed.
_AMBIGUOUS = {"m"}
_UNSAID = {"", "prefiero_no_decir", "prefer_not_to_say", "no_responde", "na", "n_a", "nd"}
#: First characters that make a spreadsheet read a cell as a formula (OWASP's list, plus the
#: full-width forms some spreadsheets also accept).
FORMULA_START: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_YES = {"si", "yes", "y", "s", "1", "true", "verdadero", "x"}
_NO = {"no", "n", "0", "false", "falso"}


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\s\-/.]+", "_", text).strip("_")


def gender_group(value: str) -> str:
    """The reporting group of a self-identified gender: ``woman``, ``man``, ``other`` or
    ``unknown`` (blank or prefer not to say).

    >>> [gender_group(v) for v in ("Mujer", "male", "No binario", "", "M")]
    ['woman', 'man', 'other', 'unknown', 'unknown']

    ``M`` alone is not guessed (``mujer`` or ``masculino``?); :func:`parse_roster` warns.
    """
    key = _key(value or "")
    if key in _UNSAID or key in _AMBIGUOUS:
        return "unknown"
    if key in _WOMEN:
        return "woman"
    if key in _MEN:
        return "man"
    return "other"


def indigenous_group(value: str) -> str:
    """Whether a student self-identifies as from an indigenous community: ``yes``, ``no``
    or ``unknown``. A community's name (e.g. ``Nahua``) counts as yes.

    >>> [indigenous_group(v) for v in ("Sí", "no", "Totonaca", "")]
    ['yes', 'no', 'yes', 'unknown']
    """
    key = _key(value or "")
    if key in _UNSAID:
        return "unknown"
    if key in _NO:
        return "no"
    return "yes"


def spreadsheet_text(value: object) -> object:
    """``value`` as it can go into a CSV a spreadsheet opens: text that would start a formula
    gets a leading ``'`` (OWASP's advice against formula injection); numbers and anything
    that is not text stay as they are.

    >>> spreadsheet_text("=SUM(A1:A9)"), spreadsheet_text("@cmd"), spreadsheet_text("Ana")
    ("'=SUM(A1:A9)", "'@cmd", 'Ana')
    >>> from decimal import Decimal
    >>> spreadsheet_text(Decimal("-1.50")), spreadsheet_text(-3)
    (Decimal('-1.50'), -3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _unquote_formula(text: str) -> str:
    # The inverse of spreadsheet_text, for rosters written by write_roster.
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def _controls(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" for ch in text)


def validate_student_id(value: str) -> str:
    """``value`` if nbgrader can use it as a folder name, else an ``InputError``.

    >>> validate_student_id("a01-buap")
    'a01-buap'
    >>> validate_student_id("ana/01")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'student_id' debe servir como nombre de carpeta de nbgrader: letras, dígitos, '.', '_' o '-', sin espacios ni barras (se recibió 'ana/01')
    >>> validate_student_id("a01\\n")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'student_id' debe servir como nombre de carpeta de nbgrader: letras, dígitos, '.', '_' o '-', sin espacios ni barras (se recibió 'a01\\n')
    """
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise InputError("cohort.roster.bad_student_id", arg="student_id", value=value)
    return value


@dataclass(frozen=True, slots=True)
class Student:
    """One row of a roster (texts as given, trimmed and in Unicode NFC form)."""

    student_id: str
    first_name: str
    last_name: str
    email: str
    university: str
    cohort: str
    gender: str = ""
    indigenous: str = ""


@dataclass(frozen=True, slots=True)
class Roster:
    """A checked roster: its students, how the file was written and any warnings."""

    students: tuple[Student, ...]
    encoding: str = "utf-8"
    delimiter: str = ","
    warnings: tuple[Finding, ...] = ()

    @property
    def ids(self) -> tuple[str, ...]:
        """The student ids, in roster order."""
        return tuple(s.student_id for s in self.students)

    def universities(self) -> tuple[str, ...]:
        """The universities named in the roster, sorted."""
        return tuple(sorted({s.university for s in self.students}))

    def cohorts(self) -> tuple[str, ...]:
        """The cohorts named in the roster, sorted."""
        return tuple(sorted({s.cohort for s in self.students}))


class RosterError(InputError):
    """A roster with problems; ``findings`` lists every one of them."""

    def __init__(self, findings: list[Finding] | tuple[Finding, ...], source: str = "",
                 key: str | None = None) -> None:
        self.findings = tuple(findings)
        errors = [f for f in self.findings if f.level == "error"]
        lines = "".join(f"\n  - {f}" for f in errors)
        key = key or ("cohort.roster.invalid_file" if source else "cohort.roster.invalid")
        super().__init__(key, count=len(errors), path=source, problems=lines)


def decode_roster(data: bytes) -> tuple[str, str, list[Finding]]:
    """Text, encoding name and warnings of a roster file's bytes.

    UTF-8 (with or without byte-order mark) first; otherwise cp1252 (Excel on Windows,
    a superset of Latin-1 for letters), with a warning. Never mojibake.

    >>> decode_roster("Núñez".encode("cp1252"))[:2]
    ('Núñez', 'cp1252')
    >>> decode_roster("\\ufeffNúñez".encode("utf-8"))[:2]
    ('Núñez', 'utf-8-sig')
    """
    warnings: list[Finding] = []
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data.decode("utf-8-sig"), "utf-8-sig"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, encoding = data.decode("latin-1"), "latin-1"
            warnings.append(Finding("warning", "encoding",
                                    t("cohort.roster.encoding", encoding=encoding)))
    if _MOJIBAKE.search(text):
        warnings.append(Finding("warning", "mojibake", t("cohort.roster.mojibake")))
    return text, encoding, warnings


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def parse_roster(text: str, *, encoding: str = "utf-8", source: str = "",
                 warnings: list[Finding] | None = None) -> Roster:
    """Check a roster's text and return it, or raise one :class:`RosterError` naming every
    problem: missing columns, empty required cells, duplicate ids, invalid emails, ids
    nbgrader cannot use as folder names and ids with control characters (a line break, a
    tab, NUL...: any Unicode ``Cc`` character, even at either end of the cell).

    A cell that :func:`spreadsheet_text` protected (``'`` then ``=``, ``+``, ``-``, ``@``...)
    is read without its ``'``, so a roster written by :func:`write_roster` reads back as it was.

    >>> roster = parse_roster("student_id,first_name,last_name,email,university,cohort,genero\\n"
    ...                       "a1,Ana,Ruiz,ana@u.mx,UPAEP,A,mujer\\n")
    >>> roster.students[0].gender, roster.universities()
    ('mujer', ('UPAEP',))
    """
    findings: list[Finding] = list(warnings or [])
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    header_line = next((line for line in lines if line.strip()), "")
    delimiter = _delimiter(header_line)
    # newline="": a record may end in \r\n, \n or a lone \r (Excel for Mac), and a quoted
    # cell may hold line breaks.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = [row for row in reader if any(cell.strip() for cell in row)]
    if not rows:
        raise RosterError([Finding("error", "empty", t("cohort.roster.empty"))], source)
    header = [unicodedata.normalize("NFC", h.strip()) for h in rows[0]]
    mapping: dict[int, str] = {}
    for index, name in enumerate(header):
        column = _HEADER.get(_key(name))
        if column is None:
            findings.append(Finding("warning", "unknown_column",
                                    t("cohort.roster.unknown_column", column=name)))
        elif column in mapping.values():
            findings.append(Finding("error", "duplicate_column",
                                    t("cohort.roster.duplicate_column", column=name,
                                      canonical=column)))
        else:
            mapping[index] = column
    found = set(mapping.values())
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        findings.append(Finding("error", "missing_columns",
                                t("cohort.roster.missing_columns", missing=missing,
                                  found=header)))
    students: list[Student] = []
    seen: dict[str, list[int]] = {}
    id_header = next((header[i] for i, c in mapping.items() if c == "student_id"), "")
    for number, row in enumerate(rows[1:], start=2):
        values = {c: "" for c in COLUMNS}
        raw_id = ""
        for index, column in mapping.items():
            if index < len(row):
                values[column] = unicodedata.normalize("NFC",
                                                       _unquote_formula(row[index].strip()))
                if column == "student_id":
                    raw_id = row[index]
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
            findings.append(Finding("error", "extra_cells",
                                    t("cohort.roster.extra_cells", count=len(row),
                                      expected=len(header)), t("cohort.roster.row", row=number)))
        where = t("cohort.roster.row", row=number)
        for column in REQUIRED:
            if column in found and not values[column]:
                findings.append(Finding("error", "empty_cell",
                                        t("cohort.roster.empty_cell", column=column), where))
        sid = values["student_id"]
        if _controls(raw_id):
            findings.append(Finding("error", "control_in_id",
                                    t("cohort.roster.control_in_id", row=number,
                                      column=id_header, value=raw_id), where))
        elif sid:
            seen.setdefault(sid, []).append(number)
            if not _ID.fullmatch(sid):
                findings.append(Finding("error", "bad_student_id",
                                        t("cohort.roster.bad_student_id", arg="student_id",
                                          value=sid), where))
        email = values["email"]
        if email and not _EMAIL.match(email):
            findings.append(Finding("error", "bad_email",
                                    t("cohort.roster.bad_email", value=email), where))
        if _key(values["gender"]) in _AMBIGUOUS:
            findings.append(Finding("warning", "ambiguous_gender",
                                    t("cohort.roster.ambiguous_gender",
                                      value=values["gender"]), where))
        students.append(Student(**values))
    for sid, numbers in seen.items():
        if len(numbers) > 1:
            findings.append(Finding("error", "duplicate_id",
                                    t("cohort.roster.duplicate_id", value=sid, rows=numbers)))
    if not students and not missing:
        findings.append(Finding("error", "empty", t("cohort.roster.empty")))
    if any(f.level == "error" for f in findings):
        raise RosterError(findings, source)
    return Roster(tuple(students), encoding, delimiter,
                  tuple(f for f in findings if f.level == "warning"))


def read_roster(path: str | Path) -> Roster:
    """Read and check a roster file (any encoding Excel writes, ``,`` or ``;``).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "r.csv").write_bytes(
    ...     "correo;nombre;apellidos;id_estudiante;universidad;cohorte\\r\\n"
    ...     "jo@u.mx;José;Núñez;j1;BUAP;A\\r\\n".encode("cp1252"))
    >>> roster = read_roster(folder / "r.csv")
    >>> roster.students[0].last_name, roster.encoding, [w.code for w in roster.warnings]
    ('Núñez', 'cp1252', ['encoding'])
    """
    file = Path(path)
    if not file.is_file():
        raise InputError("cohort.roster.no_file", arg="roster", value=str(file))
    text, encoding, warnings = decode_roster(file.read_bytes())
    return parse_roster(text, encoding=encoding, source=str(file), warnings=warnings)


def roster_frame(roster: Roster) -> pd.DataFrame:
    """The roster as a table with the canonical column names.

    >>> roster_frame(parse_roster("student_id,first_name,last_name,email,university,cohort\\n"
    ...                           "a1,Ana,Ruiz,ana@u.mx,UPAEP,A\\n")).columns.tolist()[:3]
    ['student_id', 'first_name', 'last_name']
    """
    names = [f.name for f in fields(Student)]
    return pd.DataFrame([[getattr(s, n) for n in names] for s in roster.students],
                        columns=names)


def write_roster(roster: Roster, path: str | Path) -> Path:
    """Write the normalized roster: UTF-8, commas, canonical English headers, lines ending in
    ``\\r\\n`` (so a cell holding a line break is quoted); a text that a spreadsheet would
    take for a formula is written as :func:`spreadsheet_text` protects it (:func:`parse_roster`
    reads it back without the ``'``).

    >>> import tempfile, pathlib
    >>> roster = parse_roster("id;nombre;apellidos;correo;universidad;cohorte\\n"
    ...                       "a1;Ana;Núñez;ana@u.mx;BUAP;A\\n")
    >>> out = write_roster(roster, pathlib.Path(tempfile.mkdtemp()) / "roster.csv")
    >>> out.read_text(encoding="utf-8").splitlines()[1]
    'a1,Ana,Núñez,ana@u.mx,BUAP,A,,'
    """
    out = Path(path)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for student in roster.students:
        writer.writerow([spreadsheet_text(getattr(student, c)) for c in COLUMNS])
    out.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return out
