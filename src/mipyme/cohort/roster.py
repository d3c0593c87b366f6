"""A cohort's roster: read a CSV from any spreadsheet, check it, report every problem at once.

Why one module over 500 lines: reading a roster from any spreadsheet (encodings, separators,
header aliases in two languages) and checking every row are one job a program lead meets once;
splitting it would scatter the one list of problems it reports.

A roster has one row per student with a student id, first name(s), last name(s), email,
university and cohort, and optionally self-identified columns the program reports on only
as aggregates (gender, indigenous). Headers may be in Spanish or English
(``id_estudiante`` or ``student_id``, ``correo`` or ``email``...), in any case and with or
without accents; :func:`roster_guide` lists every accepted header.

The self-identified columns take a stated vocabulary (:data:`GENDER_VALUES`,
:data:`INDIGENOUS_VALUES`, both languages, case and accents ignored; an empty cell or
"prefiero no decir" is ``not_stated``). Any other value is a roster problem reported with
the others, naming the row, the header as written and the value: never guessed.

Files exported from Excel are often Latin-1/cp1252 and, with Spanish settings, use ``;``
between fields: both are detected (UTF-8 with or without a byte-order mark is tried first;
cp1252 is the fall-back and comes back as a warning).

>>> from mipyme.cohort.roster import parse_roster
>>> text = "id_estudiante;nombre;apellidos;correo;universidad;cohorte\\n"
>>> text += "a01;Ana;Núñez;ana@uni.mx;BUAP;2026A\\n"
>>> roster = parse_roster(text)
>>> roster.students[0].last_name, roster.delimiter
('Núñez', ';')
>>> parse_roster("student_id,first_name,apellidos,correo,universidad,cohorte,Género\\n"
...              "ana pérez,Ana,Ruiz,ana@u.mx,BUAP,A,quizá\\n")
Traceback (most recent call last):
...
mipyme.cohort.roster.RosterError: la lista de estudiantes tiene 2 problema(s):
  - ERROR bad_student_id [fila 2]: 'student_id' debe servir como nombre de carpeta de nbgrader: letras, dígitos, '.', '_' o '-', sin espacios ni barras (se recibió 'ana pérez')
  - ERROR bad_gender [fila 2]: la columna 'Género' dice 'quizá', que no es un valor de la lista: escribe mujer, hombre, no binario, otra identidad o prefiero no decir (o deja la celda vacía); ningún otro valor se adivina (lista completa: mipyme cohort init --help)
"""

from __future__ import annotations

import csv
import io
import re
import textwrap
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from mipyme.errors import Finding, InputError
from mipyme.i18n import get_language, t

__all__ = [
    "COLUMNS",
    "FORMULA_START",
    "GENDER_GROUPS",
    "GENDER_VALUES",
    "HEADER_ALIASES",
    "INDIGENOUS_GROUPS",
    "INDIGENOUS_VALUES",
    "NOT_STATED",
    "OPTIONAL",
    "PREFERRED",
    "REQUIRED",
    "UNKNOWN",
    "Roster",
    "RosterError",
    "Student",
    "decode_roster",
    "gender_group",
    "indigenous_group",
    "parse_roster",
    "read_roster",
    "roster_frame",
    "roster_guide",
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

#: Header names accepted for each column, after lower-casing, removing accents and turning
#: spaces and hyphens into "_".
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
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
_HEADER = {alias: column for column, names in HEADER_ALIASES.items() for alias in names}

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf\u2018-\u201e]")

#: First characters that make a spreadsheet read a cell as a formula (OWASP's list, plus the
#: full-width forms some spreadsheets also accept).
FORMULA_START: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


#: The header each column is asked for, in Spanish and in English (messages and help name a
#: column this way, in the language in use; every spelling :func:`roster_guide` lists is
#: accepted).
PREFERRED: dict[str, tuple[str, str]] = {
    "student_id": ("id_estudiante", "student_id"), "first_name": ("nombre", "first_name"),
    "last_name": ("apellidos", "last_name"), "email": ("correo", "email"),
    "university": ("universidad", "university"), "cohort": ("cohorte", "cohort"),
    "gender": ("género", "gender"), "indigenous": ("indígena", "indigenous"),
}

#: The groups :func:`gender_group` and :func:`indigenous_group` return for a stated value.
GENDER_GROUPS: tuple[str, ...] = ("woman", "man", "other")
INDIGENOUS_GROUPS: tuple[str, ...] = ("yes", "no")
#: An empty cell or "prefer not to say": counted apart, never as a group.
NOT_STATED = "not_stated"
#: A value outside the vocabulary: :func:`parse_roster` refuses it, so only a roster read
#: with ``strict_inclusion=False`` (one written before the vocabulary existed) has any.
UNKNOWN = "unknown"

#: Accepted values of the self-identified gender column, by reporting group. A cell is
#: compared without case, accents, spaces, hyphens, dots or slashes ("Mujer cis" =
#: "MUJER-CIS"); an empty cell is :data:`NOT_STATED` as well. Anything else is a roster
#: problem, never guessed. ``M`` alone is refused: it is *mujer* on Mexican IDs (CURP, INE)
#: and *male* on English forms.
GENDER_VALUES: dict[str, tuple[str, ...]] = {
    "woman": ("mujer", "femenino", "femenina", "mujer cis", "mujer cisgénero", "mujer trans",
              "mujer transgénero", "F", "woman", "female", "cis woman", "trans woman", "W"),
    "man": ("hombre", "masculino", "varón", "hombre cis", "hombre cisgénero", "hombre trans",
            "hombre transgénero", "H", "man", "male", "cis man", "trans man"),
    "other": ("no binario", "no binaria", "no binarie", "otra identidad", "otro", "otra",
              "género fluido", "agénero", "muxe", "queer", "X", "non-binary", "nonbinary",
              "another identity", "other", "genderfluid", "agender"),
    NOT_STATED: ("prefiero no decir", "prefiero no responder", "desconocido", "no responde",
                 "no especificado", "prefer not to say", "prefer not to answer", "unknown",
                 "not stated", "N/A", "ND"),
}
#: Accepted values of the self-identified indigenous column (the question: "do you identify
#: as indigenous?", self-identification as Mexico's census asks it). Compared like
#: :data:`GENDER_VALUES`; an empty cell is :data:`NOT_STATED`. The name of a people or a
#: community is refused (write "sí"): the program only counts how many say yes.
INDIGENOUS_VALUES: dict[str, tuple[str, ...]] = {
    "yes": ("sí", "si", "S", "indígena", "soy indígena", "persona indígena",
            "me identifico como indígena", "me considero indígena", "verdadero", "yes", "Y",
            "indigenous", "true", "1"),
    "no": ("no", "N", "ninguno", "ninguna", "nop", "no indígena", "no soy indígena",
           "no me identifico como indígena", "no me considero indígena", "falso", "none",
           "nope", "not indigenous", "non-indigenous", "false", "0"),
    NOT_STATED: ("prefiero no decir", "prefiero no responder", "no sé", "no lo sé",
                 "desconocido", "no responde", "no especificado", "prefer not to say",
                 "prefer not to answer", "don't know", "unknown", "not stated", "N/A", "ND"),
}
#: Refused as ambiguous rather than as unknown (the message explains why).
_AMBIGUOUS_GENDER = frozenset({"m"})


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\s\-/.]+", "_", text).strip("_")


def _value_key(text: str) -> str:
    # As _key, and an apostrophe (straight or curly) is dropped: "don't" = "dont".
    return _key(re.sub("['\u2019`]", "", text or ""))


def _lookup(vocabulary: dict[str, tuple[str, ...]]) -> dict[str, str]:
    out: dict[str, str] = {"": NOT_STATED}
    for group, values in vocabulary.items():
        for value in values:
            key = _value_key(value)
            if out.setdefault(key, group) != group:  # pragma: no cover - checked at import
                raise ValueError(f"{value!r} is in two groups")
    return out


_GENDER = _lookup(GENDER_VALUES)
_INDIGENOUS = _lookup(INDIGENOUS_VALUES)


def gender_group(value: str) -> str:
    """The reporting group of a self-identified gender: ``woman``, ``man``, ``other``
    (non-binary or another identity), ``not_stated`` (an empty cell or prefer not to say),
    or ``unknown`` for a value outside :data:`GENDER_VALUES` (never guessed).

    >>> [gender_group(v) for v in ("Mujer", "Femenina", "mujer cis", "male", "No binario")]
    ['woman', 'woman', 'woman', 'man', 'other']
    >>> [gender_group(v) for v in ("", "Prefiero no decir", "M", "quizá")]
    ['not_stated', 'not_stated', 'unknown', 'unknown']
    """
    return _GENDER.get(_value_key(value), UNKNOWN)


def indigenous_group(value: str) -> str:
    """Whether a student self-identifies as indigenous: ``yes``, ``no``, ``not_stated`` (an
    empty cell, prefer not to say or don't know), or ``unknown`` for a value outside
    :data:`INDIGENOUS_VALUES` (never guessed).

    >>> [indigenous_group(v) for v in ("Sí", "indígena", "Ninguno", "nop", "no sé", "")]
    ['yes', 'yes', 'no', 'no', 'not_stated', 'not_stated']
    >>> [indigenous_group(v) for v in ("quizá", "Totonaca")]
    ['unknown', 'unknown']
    """
    return _INDIGENOUS.get(_value_key(value), UNKNOWN)


def roster_guide(lang: str | None = None, width: int = 79) -> str:
    """The roster's columns with every header accepted for each, and the accepted values of
    the self-identified columns, as ``mipyme cohort init --help`` shows them (lines of at
    most ``width`` characters).

    >>> print("\\n".join(roster_guide("en").splitlines()[2:4]))
      student_id (required): student_id, id_estudiante, id_alumno, id, matricula,
          studentid, id_del_estudiante, student
    """
    pick = 1 if (lang or get_language()) == "en" else 0

    def item(label: str, values: Iterable[str]) -> str:
        # A value of several words stays on one line (no-break spaces while wrapping).
        text = ", ".join(v.replace(" ", "\u00a0") for v in values)
        return textwrap.fill(f"{label}: {text}", width, initial_indent="  ",
                             subsequent_indent="      ",
                             break_on_hyphens=False).replace("\u00a0", " ")

    lines = [textwrap.fill(t("cohort.roster.guide_columns", lang=lang), width)]
    for column in COLUMNS:
        kind = t("cohort.roster.guide_required" if column in REQUIRED
                 else "cohort.roster.guide_optional", lang=lang)
        lines.append(item(f"{PREFERRED[column][pick]} ({kind})", HEADER_ALIASES[column]))
    for column, vocabulary in (("gender", GENDER_VALUES), ("indigenous", INDIGENOUS_VALUES)):
        lines.append(textwrap.fill(t("cohort.roster.guide_values", lang=lang,
                                     column=PREFERRED[column][pick]), width))
        for group, values in vocabulary.items():
            lines.append(item(t(f"cohort.roster.group.{column}.{group}", lang=lang), values))
    lines.append(textwrap.fill(t("cohort.roster.guide_rule", lang=lang), width))
    return "\n".join(lines)


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
                 warnings: list[Finding] | None = None,
                 strict_inclusion: bool = True) -> Roster:
    """Check a roster's text and return it, or raise one :class:`RosterError` naming every
    problem: missing columns (named by the header asked for in the language in use, with
    every accepted spelling), empty required cells, duplicate ids, invalid emails, ids
    nbgrader cannot use as folder names, ids with control characters (a line break, a
    tab, NUL...: any Unicode ``Cc`` character, even at either end of the cell) and
    self-identified gender or indigenous values outside :data:`GENDER_VALUES` and
    :data:`INDIGENOUS_VALUES` (each named by its row, the header as written and the value).

    ``strict_inclusion=False`` turns the last kind into warnings (for rosters written before
    the vocabulary existed: their odd values count as :data:`UNKNOWN`, never guessed).

    A cell that :func:`spreadsheet_text` protected (``'`` then ``=``, ``+``, ``-``, ``@``...)
    is read without its ``'``, so a roster written by :func:`write_roster` reads back as it was.

    >>> roster = parse_roster("student_id,first_name,last_name,email,university,cohort,genero\\n"
    ...                       "a1,Ana,Ruiz,ana@u.mx,UPAEP,A,mujer\\n")
    >>> roster.students[0].gender, roster.universities()
    ('mujer', ('UPAEP',))
    >>> parse_roster("id,nombre,apellidos,universidad,cohorte\\n"
    ...              "a1,Ana,Ruiz,BUAP,A\\n")
    Traceback (most recent call last):
    ...
    mipyme.cohort.roster.RosterError: la lista de estudiantes tiene 1 problema(s):
      - ERROR missing_columns: falta la columna 'correo' (encabezados aceptados: email, correo, correo_electronico, e_mail, mail, email_address); columnas encontradas: ['id', 'nombre', 'apellidos', 'universidad', 'cohorte']
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
            first = next(header[i] for i, c in mapping.items() if c == column)
            findings.append(Finding("error", "duplicate_column",
                                    t("cohort.roster.duplicate_column", column=name,
                                      canonical=first)))
        else:
            mapping[index] = column
    found = set(mapping.values())
    missing = [c for c in REQUIRED if c not in found]
    pick = 1 if get_language() == "en" else 0
    for column in missing:
        findings.append(Finding("error", "missing_columns",
                                t("cohort.roster.missing_column",
                                  header=PREFERRED[column][pick],
                                  accepted=", ".join(HEADER_ALIASES[column]), found=header)))
    students: list[Student] = []
    seen: dict[str, list[int]] = {}
    written = {c: header[i] for i, c in mapping.items()}  # each column's header as written
    id_header = written.get("student_id", "")
    inclusion_level = "error" if strict_inclusion else "warning"
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
                                        t("cohort.roster.empty_cell", column=written[column]),
                                        where))
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
        for column, group in (("gender", gender_group), ("indigenous", indigenous_group)):
            value = values[column]
            if group(value) != UNKNOWN:
                continue
            if column == "gender" and _value_key(value) in _AMBIGUOUS_GENDER:
                code, key = "ambiguous_gender", "cohort.roster.ambiguous_gender_value"
            else:
                code, key = f"bad_{column}", f"cohort.roster.bad_{column}"
            findings.append(Finding(inclusion_level, code,
                                    t(key, row=number, column=written[column], value=value),
                                    where))
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


def read_roster(path: str | Path, *, strict_inclusion: bool = True) -> Roster:
    """Read and check a roster file (any encoding Excel writes, ``,`` or ``;``);
    ``strict_inclusion`` as in :func:`parse_roster`.

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
    return parse_roster(text, encoding=encoding, source=str(file), warnings=warnings,
                        strict_inclusion=strict_inclusion)


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
