"""nbgrader configuration of the MiPyME Lab course (run nbgrader from this folder).

The notebooks in source/ are generated from the bilingual specs in specs/:
    python -m mipyme.grading.build_source
"""

from mipyme.i18n import t

c = get_config()  # noqa: F821 - provided by nbgrader when it reads this file

c.CourseDirectory.course_id = "mipyme"
c.CourseDirectory.root = "."

# What a student sees where an answer goes, in both languages (one source: grading.toml).
_stub = f"{t('grading.notebook.stub', 'es')} / {t('grading.notebook.stub', 'en')}"
c.ClearSolutions.code_stub = {"python": f"# {_stub}\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = _stub

# A kernel that starts slowly on a classroom laptop still gets graded.
c.Execute.timeout = 120
c.Execute.startup_timeout = 120

# Validate (the button and `nbgrader validate`) shows the kit's plain-words message first and
# whole: mipyme.grading.validate.
from mipyme.grading.validate import use_kit_validator  # noqa: E402

use_kit_validator()
