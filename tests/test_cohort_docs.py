"""The README and the book's guides in step with the ``mipyme`` command: every ``mipyme``
command they show exists (read from the parser itself) and parses, the README's cohort
workflow runs as written on a tiny roster, the roster's headers and self-identification
vocabulary are listed in the README and in ``mipyme cohort init --help``, and argparse's own
messages follow the session's language."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from cohort_support import write_roster_csv
from mipyme.cli import build_parser, main, subcommands
from mipyme.cohort import roster as roster_module
from mipyme.cohort.roster import (
    GENDER_VALUES,
    INDIGENOUS_VALUES,
    NOT_STATED,
    UNKNOWN,
    RosterError,
    gender_group,
    indigenous_group,
    parse_roster,
    read_roster,
)
from mipyme.i18n import language, t

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
GUIDES = sorted((ROOT / "book" / "guides").glob("*.md"))
FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```", re.M | re.S)
INLINE = re.compile(r"`([^`\n]+)`")
# ``mipyme`` as a command (also .venv/bin/mipyme), then its --lang if any, then COMMAND ACTION.
COMMAND = re.compile(r"(?:^|[\s(;&|/])mipyme((?:\s+--lang[= ]\S+)?)\s+([a-z][a-z-]*)"
                     r"(?:\s+([a-z][a-z-]*))?")
HEADER = "id_estudiante,nombre,apellidos,correo,universidad,cohorte,género,indígena\n"


def _halves(text: str) -> dict[str, str]:
    spanish, english = text.split("\n## English\n", 1)
    return {"es": spanish, "en": english}


def _section(text: str, title: str) -> str:
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else None]


def _code(text: str) -> list[str]:
    """Every fenced shell block's text and every inline code span outside fences."""
    blocks = [m.group(2) for m in FENCE.finditer(text)
              if m.group(1).strip() in ("bash", "sh", "console", "")]
    prose = FENCE.sub("", text)
    return blocks + INLINE.findall(prose)


def _command_lines(text: str) -> list[str]:
    """The lines of fenced shell blocks that run ``mipyme`` (comments dropped)."""
    lines = []
    for match in FENCE.finditer(text):
        if match.group(1).strip() not in ("bash", "sh", "console", ""):
            continue
        for line in match.group(2).splitlines():
            line = line.split(" #", 1)[0].strip()
            if re.match(r"^(sudo\s+)?(\.venv/bin/)?mipyme\s", line):
                lines.append(line)
    return lines


# -- commands the documents mention exist -------------------------------------------------

DOCUMENTS = [README, *GUIDES]


def test_the_cli_lists_its_own_subcommands():
    commands = subcommands()
    assert {"cohort", "autograde", "feedback", "export", "report", "hub"} <= set(commands)
    assert "init" in commands["cohort"] and commands["report"] == ()


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_every_mipyme_command_in_the_documents_exists(document):
    commands = subcommands()
    text = document.read_text(encoding="utf-8")
    found = []
    for code in _code(text):
        for match in COMMAND.finditer(code):
            name, action = match.group(2), match.group(3)
            assert name in commands, f"{document.name}: 'mipyme {name}' is not a command " \
                                     f"({sorted(commands)})"
            if commands[name]:
                assert action in commands[name], \
                    f"{document.name}: 'mipyme {name} {action}' is not one of {commands[name]}"
            found.append(name)
    if document == README or document.stem.split(".")[0] in ("instructor", "coordinacion"):
        assert found, f"{document.name} shows no mipyme command"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_every_mipyme_command_line_of_the_documents_parses(document, capsys):
    parser = build_parser()
    for line in _command_lines(document.read_text(encoding="utf-8")):
        argv = shlex.split(line)
        argv = argv[argv.index(next(a for a in argv if a.endswith("mipyme"))) + 1:]
        if "--" in argv:  # hub as-grader: what follows is another command
            argv = argv[:argv.index("--") + 1]
        argv = [a for a in argv if a != "..."]
        try:
            parser.parse_args(argv)
        except SystemExit:
            pytest.fail(f"{document.name}: {line!r} does not parse: {capsys.readouterr().err}")


def test_the_main_documents_teach_the_whole_cohort_workflow_in_both_languages():
    wanted = {"cohort", "autograde", "feedback", "export", "report"}
    for document in (README, *[g for g in GUIDES if g.stem.startswith("instructor.")]):
        text = document.read_text(encoding="utf-8")
        shown = {m.group(2) for code in _code(text) for m in COMMAND.finditer(code)}
        assert wanted <= shown, f"{document.name} misses {wanted - shown}"
        assert "source .venv/bin/activate" in text, document.name
    for guide in GUIDES:
        if guide.stem.split(".")[0] not in ("instructor", "coordinacion"):
            continue
        text = guide.read_text(encoding="utf-8")
        assert "en preparación" not in text and "in preparation" not in text, guide.name
        for block in (m.group(2) for m in FENCE.finditer(text)):
            assert "nbgrader autograde" not in block, f"{guide.name} teaches nbgrader autograde"
        assert "mipyme report" in text, guide.name


def test_every_example_uses_one_folder_layout():
    halves = _halves(README.read_text(encoding="utf-8"))
    for lang, folder in (("es", "programa/"), ("en", "program/")):
        courses = set(re.findall(r"--course\s+([^\s`:]+)", halves[lang]))
        courses |= set(re.findall(r"COURSE=([^\s`:]+)", halves[lang]))
        courses |= set(re.findall(r"cohort init\s+([^\s`:-][^\s`:]*)", halves[lang]))
        assert courses and all(c.startswith(folder) for c in courses), (lang, courses)
        reports = [m for code in _code(halves[lang])
                   for m in re.findall(r"mipyme report\s+([^\s-]\S*)", code)]
        assert reports and set(reports) == {folder.rstrip("/")}, (lang, reports)
    for guide in GUIDES:
        lang = guide.stem.rsplit(".", 1)[1]
        folder = "programa/" if lang == "es" else "program/"
        text = guide.read_text(encoding="utf-8")
        for course in re.findall(r"(?:--course|cohort init)\s+([^\s-]\S*)", text):
            assert course.startswith(folder), (guide.name, course)


# -- the README's workflow runs as written ------------------------------------------------


def _workflow(lang: str) -> list[str]:
    title = "Cohortes: calificar, exportar, reportar" if lang == "es" else \
        "Cohorts: grading, exports, reports"
    section = _section(_halves(README.read_text(encoding="utf-8"))[lang], title)
    block = next(m.group(2) for m in FENCE.finditer(section) if m.group(1).strip() == "bash")
    return [line.split("  #", 1)[0].strip() for line in block.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def _name(line: str) -> str:
    """``cohort``, ``autograde``... for a ``mipyme`` line; ``nbgrader`` for the release."""
    words = shlex.split(line)
    return words[1] if words[0] == "mipyme" else "nbgrader"


def _shell(folder: Path, activate: str, line: str, lang: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "MIPYME_LANG")}
    env["PATH"] = "/usr/local/bin:/usr/bin:/bin"  # no kit: the README's first line must do it
    env["MIPYME_LANG"] = lang
    return subprocess.run(["bash", "-c", f"{activate}\n{line}"], cwd=folder, env=env,
                          capture_output=True, text=True, check=False, timeout=900)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_readme_cohort_workflow_runs_as_written(lang, tmp_path):
    lines = _workflow(lang)
    activate, *commands = lines
    assert activate == "source .venv/bin/activate"
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))  # the kit's folder: its .venv is here
    bare = _shell(tmp_path, "", "command -v mipyme", lang)
    assert bare.returncode != 0, "mipyme must not be on the PATH before the README's first line"
    by_command = {_name(line): line for line in commands}
    assert set(by_command) == {"cohort", "nbgrader", "autograde", "feedback", "export",
                               "report"}
    init = shlex.split(by_command["cohort"])
    roster_file = init[init.index("--roster") + 1]
    course = Path(init[3])
    program = shlex.split(by_command["report"])[2]
    assert course.parent == Path(program), "the report reads the folder the courses are in"
    (tmp_path / roster_file).write_text(
        HEADER + "a01,Ana,Núñez,ana@buap.mx,BUAP,2026A,Mujer,Sí\n"
                 "a02,Luis,Pérez,luis@buap.mx,BUAP,2026A,hombre cis,ninguno\n"
                 "a03,Sol,Cruz,sol@buap.mx,BUAP,2026A,No binarie,Prefiero no decir\n",
        encoding="utf-8")

    def run(line: str) -> subprocess.CompletedProcess:
        proc = _shell(tmp_path, activate, line, lang)
        assert "command not found" not in proc.stderr, (line, proc.stderr)
        return proc

    for line in commands:
        name = _name(line)
        if name == "autograde":
            refused = run(line)  # nothing handed in yet: refused, saying what is missing
            assert refused.returncode == 1, refused.stderr  # nbgrader's exit code
            assert t("cohort.errors.course_dir", lang=lang, arg="course",
                     value=str(course)) in refused.stderr
            (tmp_path / course / "submitted").mkdir()
        proc = run(line)
        if name == "feedback":  # an empty submitted/ gives nothing to give feedback on
            assert proc.returncode == 1, proc.stderr  # nbgrader's exit code
            assert t("cohort.errors.not_graded", lang=lang, arg="course",
                     value=str(course)) in proc.stderr
            continue
        assert proc.returncode == 0, (line, proc.stdout, proc.stderr)
    assert (tmp_path / course / "cohort.toml").is_file()
    assert (tmp_path / course / "release" / "ch01_fundamentos" / "ch01_fundamentos.ipynb").is_file()
    export = shlex.split(by_command["export"])
    grades = (tmp_path / export[export.index("--out") + 1]).read_text(encoding="utf-8")
    assert all(sid in grades for sid in ("a01", "a02", "a03"))
    report = shlex.split(by_command["report"])
    page = (tmp_path / report[report.index("--out") + 1]).read_text(encoding="utf-8")
    assert "<html" in page


# -- the roster's headers and vocabulary are listed ---------------------------------------


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_readme_lists_every_roster_header_and_accepted_value(lang):
    half = _halves(README.read_text(encoding="utf-8"))[lang]
    spans = set(INLINE.findall(half))
    for column, aliases in roster_module.HEADER_ALIASES.items():
        missing = [a for a in aliases if a not in spans]
        assert not missing, f"README ({lang}) does not list the headers {missing} of {column}"
    for vocabulary in (GENDER_VALUES, INDIGENOUS_VALUES):
        for group, values in vocabulary.items():
            missing = [v for v in values if v not in spans]
            assert not missing, f"README ({lang}) does not list {missing} ({group})"
    assert "prefiero no decir" in spans and "prefer not to say" in spans


@pytest.mark.parametrize("lang", ["es", "en"])
def test_cohort_init_help_lists_the_headers_and_the_vocabulary(lang, capsys):
    with pytest.raises(SystemExit) as info:
        main(["--lang", lang, "cohort", "init", "--help"])
    assert info.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    for aliases in roster_module.HEADER_ALIASES.values():
        assert all(a in out for a in aliases)
    for vocabulary in (GENDER_VALUES, INDIGENOUS_VALUES):
        for group, values in vocabulary.items():
            assert t(f"cohort.roster.group.gender.{group}" if vocabulary is GENDER_VALUES
                     else f"cohort.roster.group.indigenous.{group}", lang=lang) in out
            assert all(v in out for v in values), group
    assert t("cohort.roster.guide_required", lang=lang) in out


# -- the vocabulary ------------------------------------------------------------------------


def test_the_values_of_the_issue_land_in_their_groups():
    assert [indigenous_group(v) for v in ("ninguno", "Ninguna", "nop", "NO", "N", "0")] \
        == ["no"] * 6
    assert [indigenous_group(v) for v in ("Sí", "si", "YES", "y", "1", "true", "Indígena",
                                           "me identifico como indígena")] == ["yes"] * 8
    assert [indigenous_group(v) for v in ("", "  ", "desconocido", "No sé", "no se",
                                           "Prefiero no decir", "prefer not to say",
                                           "Don’t know")] == [NOT_STATED] * 8
    assert [indigenous_group(v) for v in ("quizá", "tal vez", "Náhuatl", "x")] == [UNKNOWN] * 4
    assert [gender_group(v) for v in ("Femenina", "mujer cis", "MUJER TRANS", "f", "Woman")] \
        == ["woman"] * 5
    assert [gender_group(v) for v in ("Masculino", "hombre cis", "Hombre-Trans", "H", "male")] \
        == ["man"] * 5
    assert [gender_group(v) for v in ("No binario", "otra identidad", "Muxe", "non-binary")] \
        == ["other"] * 4
    assert [gender_group(v) for v in ("", "Prefiero no decir", "N/A", "prefer not to say")] \
        == [NOT_STATED] * 4
    assert [gender_group(v) for v in ("M", "trans", "quizá", "mujer?")] == [UNKNOWN] * 4


@pytest.mark.parametrize("vocabulary,group", [(GENDER_VALUES, gender_group),
                                              (INDIGENOUS_VALUES, indigenous_group)])
def test_every_listed_value_in_any_case_and_without_accents_is_in_its_group(vocabulary, group):
    import unicodedata

    for name, values in vocabulary.items():
        for value in values:
            bare = "".join(ch for ch in unicodedata.normalize("NFKD", value)
                           if not unicodedata.combining(ch))
            assert {group(value), group(value.upper()), group(f" {bare.title()} ")} == {name}


def test_odd_values_are_roster_problems_with_the_others_naming_row_header_and_value():
    text = ("Matrícula,Nombre,Apellidos,Correo,Universidad,Cohorte,GÉNERO,Comunidad indígena\n"
            "a01,Ana,Ruiz,ana@u.mx,BUAP,A,Femenina,ninguna\n"
            "a02,Eva,Díaz,no-es-correo,BUAP,A,quizá,Sí\n"
            "a03,Sol,Cruz,sol@u.mx,BUAP,A,M,Totonaca\n")
    for lang, row in (("es", "fila"), ("en", "row")):
        with pytest.raises(RosterError) as info, language(lang):
            parse_roster(text)
        found = {(f.code, f.where) for f in info.value.findings}
        assert found == {("bad_email", f"{row} 3"), ("bad_gender", f"{row} 3"),
                         ("ambiguous_gender", f"{row} 4"), ("bad_indigenous", f"{row} 4")}
        message = str(info.value)
        assert "'GÉNERO'" in message and "'quizá'" in message
        assert "'Comunidad indígena'" in message and "'Totonaca'" in message
        assert "CURP" in message
    roster = parse_roster(text.replace("no-es-correo", "eva@u.mx"), strict_inclusion=False)
    assert [gender_group(s.gender) for s in roster.students] == ["woman", UNKNOWN, UNKNOWN]
    assert [w.code for w in roster.warnings] == ["bad_gender", "ambiguous_gender",
                                                 "bad_indigenous"]


def test_a_missing_column_is_named_by_the_header_asked_for_with_its_spellings():
    text = "Matrícula,Nombre,Apellidos,Universidad\na01,Ana,Ruiz,BUAP\n"
    with pytest.raises(RosterError) as info, language("es"):
        parse_roster(text)
    message = str(info.value)
    assert "falta la columna 'correo'" in message and "correo_electronico" in message
    assert "falta la columna 'cohorte'" in message and "generacion" in message
    assert "'email'" not in message.split("(encabezados")[0]
    with pytest.raises(RosterError) as info, language("en"):
        parse_roster(text)
    assert "the column 'email' is missing (accepted headers: email, correo" in str(info.value)
    with pytest.raises(RosterError) as info, language("en"):
        parse_roster("Matrícula,Nombre,Apellidos,Correo,Universidad,Cohorte\n"
                     "a01,,Ruiz,ana@u.mx,BUAP,A\n")
    assert "the cell 'Nombre' is empty" in str(info.value)


def test_cohort_init_refuses_an_odd_value_and_creates_nothing(tmp_path, capsys):
    roster = write_roster_csv(tmp_path / "lista.csv", [
        ["id_estudiante", "nombre", "apellidos", "correo", "universidad", "cohorte", "Género"],
        ["u01", "Ana", "Ruiz", "ana@upaep.mx", "UPAEP", "2026A", "quizá"]])
    code = main(["cohort", "init", str(tmp_path / "course"), "--roster", str(roster),
                 "--course-id", "upaep-2026a", "--assignment", "ch01_fundamentos"])
    assert code == 2
    err = capsys.readouterr().err
    assert "bad_gender [fila 2]" in err and "'Género'" in err and "'quizá'" in err
    assert not (tmp_path / "course").exists()
    assert read_roster(roster, strict_inclusion=False).students[0].gender == "quizá"


# -- argparse speaks the session's language -----------------------------------------------


@pytest.mark.parametrize("how", ["flag", "env"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_argparse_errors_and_usage_follow_the_session_language(lang, how, monkeypatch, capsys):
    monkeypatch.delenv("MIPYME_LANG", raising=False)
    if how == "env":
        monkeypatch.setenv("MIPYME_LANG", lang)
    head = ["--lang", lang] if how == "flag" else []
    cases = [(["export", "ch01", "--course", "c", "--format", "xls"],
              t("cli.argparse.invalid_choice", lang=lang) % {
                  "value": "xls", "choices": "'csv', 'moodle', 'canvas'"}),
             (["cohort", "init", "c"],
              t("cli.argparse.required", lang=lang) % "--roster, --course-id"),
             (["autograde", "ch01", "--course", "c", "--workers", "dos"],
              t("cli.argparse.invalid_type", lang=lang) % {"type": "int", "value": "dos"}),
             (["version", "--bogus"], t("cli.argparse.unrecognized", lang=lang) % "--bogus"),
             (["nope"], "'nope'")]
    errors = []
    for argv, expected in cases:
        with pytest.raises(SystemExit) as info:
            main([*head, *argv])
        assert info.value.code == 2
        err = capsys.readouterr().err
        assert expected in err, (argv, err)
        assert err.startswith(t("cli.argparse.usage", lang=lang)), err
        assert ": error: " in err
        errors.append(err)
    if lang == "es":
        english = ("usage:", "invalid choice", "are required", "unrecognized", "argument ")
        assert not [e for e in errors if any(word in e for word in english)], errors
    with pytest.raises(SystemExit):
        main([*head, "export", "--help"])
    out = capsys.readouterr().out
    assert t("cli.argparse.options", lang=lang) + ":" in out
    assert t("cli.argparse.help", lang=lang) in out
