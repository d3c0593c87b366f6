"""JupyterHub settings for one cohort, applied from the ``hub.json`` that
:func:`mipyme.hub.core.prepare` writes (``jupyterhub_config.py`` calls :func:`configure`).

- Log in: :class:`~firstuseauthenticator.FirstUseAuthenticator`; only the roster's ids and
  the instructors may log in, each sets a password the first time (bcrypt, in
  ``passwords.dbm``, root only).
- Servers: :class:`~mipyme.hub.spawner.QuotaSpawner` (JupyterHub's local process spawner),
  one system user per person, JupyterLab in the home folder; each user's server and kernels
  share one control group (memory, CPU share, processes) where the machine allows it, and
  every process is wrapped by :mod:`mipyme.cohort._limits` (memory, processes, CPU time,
  file size).
- nbgrader: the exchange and the course id come from ``etc/jupyter/nbgrader_config.py``
  (``JUPYTER_CONFIG_PATH``), which also hides the instructor plug-ins from students.
- The formgrader is a hub service (``/services/formgrader-<course_id>/``) run as the course's
  grader user in the course folder; only the course's instructors may open it.
- ``jupyterhub-idle-culler`` stops servers idle for ``idle_timeout`` seconds.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["configure", "settings_for"]


def settings_for(s: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``{Class: {trait: value}}`` for the settings ``s`` of ``hub.json`` (no side effects).

    >>> out = settings_for({"course": "/c", "course_id": "x", "state": "/s",
    ...     "students": ["a1"], "instructors": ["p1"], "grader": "grader-x",
    ...     "grader_home": "/s/home/grader-x", "service": "formgrader-x", "ip": "127.0.0.1",
    ...     "port": 8000, "hub_port": 8081, "proxy_port": 8001, "service_port": 8002,
    ...     "proxy": "/chp", "python": "/py", "limits_cmd": ["/py", "--"],
    ...     "runtime": {"python": "/py", "bin": "/bin", "JUPYTER_PATH": "/j",
    ...                 "JUPYTERLAB_DIR": "/j/lab"}, "kit_config": "/etc/j",
    ...     "mem_limit": 1, "cpu_limit": 1.0, "processes": 8, "quota_group": "x",
    ...     "datasets": "/s/kit/datasets", "idle_timeout": 60,
    ...     "student_config": "/s/etc/jupyter", "exchange": "/s/exchange", "lang": "es"})
    >>> sorted(out["Authenticator"]["allowed_users"])
    ['a1', 'p1']
    >>> out["JupyterHub"]["load_roles"][0]["scopes"]
    ['access:services!service=formgrader-x']
    >>> out["QuotaSpawner"]["quota_memory"], out["QuotaSpawner"]["quota_group"]
    (1, 'x')
    """
    state = Path(s["state"])
    rt = s["runtime"]
    path = f"{rt['bin']}:/usr/local/bin:/usr/bin:/bin"
    common = {"PATH": path, "LANG": "C.UTF-8", "MIPYME_LANG": s["lang"],
              "JUPYTER_PATH": rt["JUPYTER_PATH"], "JUPYTERLAB_DIR": rt["JUPYTERLAB_DIR"]}
    if rt.get("LD_LIBRARY_PATH"):
        common["LD_LIBRARY_PATH"] = rt["LD_LIBRARY_PATH"]
    env = {**common, "JUPYTER_CONFIG_PATH": f"{s['student_config']}:{s['kit_config']}",
           "JUPYTERHUB_DEFAULT_URL": "/lab", "MIPYME_DATASETS": s["datasets"]}
    singleuser = [rt["python"], "-m", "jupyterhub.singleuser"]
    formgrader = {
        "name": s["service"],
        "url": f"http://127.0.0.1:{s['service_port']}",
        "command": [*s["limits_cmd"], *singleuser, "--ServerApp.ip=127.0.0.1",
                    f"--ServerApp.port={s['service_port']}",
                    f"--ServerApp.root_dir={s['course']}"],
        "user": s["grader"],
        "cwd": s["course"],
        "oauth_no_confirm": True,
        "environment": {**common, "HOME": s["grader_home"],
                        "JUPYTER_CONFIG_PATH": f"{s['state']}/etc/grader:{s['kit_config']}",
                        "JUPYTERHUB_DEFAULT_URL": "/formgrader"},
    }
    culler = {
        "name": "idle-culler",
        "command": [s["python"], "-m", "jupyterhub_idle_culler",
                    f"--timeout={s['idle_timeout']}"],
    }
    return {
        "JupyterHub": {
            "bind_url": f"http://{s['ip']}:{s['port']}",
            "hub_bind_url": f"http://127.0.0.1:{s['hub_port']}",
            "db_url": f"sqlite:///{state / 'jupyterhub.sqlite'}",
            "cookie_secret_file": str(state / "jupyterhub_cookie_secret"),
            "pid_file": str(state / "jupyterhub.pid"),
            "authenticator_class": "firstuseauthenticator.FirstUseAuthenticator",
            "spawner_class": "mipyme.hub.spawner.QuotaSpawner",
            "cleanup_servers": True,
            "services": [formgrader, culler],
            "load_roles": [
                {"name": f"instructor-{s['course_id']}", "users": list(s["instructors"]),
                 "scopes": [f"access:services!service={s['service']}"]},
                {"name": "idle-culler", "services": ["idle-culler"],
                 "scopes": ["list:users", "read:users:activity", "read:servers",
                            "delete:servers"]},
            ],
        },
        "ConfigurableHTTPProxy": {
            "command": [s["proxy"]] if s["proxy"] else ["configurable-http-proxy"],
            "api_url": f"http://127.0.0.1:{s['proxy_port']}",
            "pid_file": str(state / "proxy.pid"),
        },
        "Authenticator": {
            "allowed_users": set(s["students"]) | set(s["instructors"]),
            "allow_all": False,
        },
        "FirstUseAuthenticator": {
            "dbm_path": str(state / "passwords.dbm"),
            "create_users": True,  # only the allowed users above
            "min_password_length": 8,
        },
        "Spawner": {
            "cmd": [*s["limits_cmd"], *singleuser],
            "default_url": "/lab",
            "notebook_dir": "~",
            "environment": env,
            "mem_limit": s["mem_limit"],
            "cpu_limit": s["cpu_limit"],
            "start_timeout": 120,
            "http_timeout": 90,
        },
        "QuotaSpawner": {
            "quota_group": s["quota_group"],
            "quota_memory": s["mem_limit"],
            "quota_cpus": s["cpu_limit"],
            "quota_processes": s["processes"],
        },
    }


def configure(c: Any, settings_file: str) -> None:
    """Apply ``hub.json`` to JupyterHub's config object ``c``."""
    s = json.loads(Path(settings_file).read_text(encoding="utf-8"))
    for cls, traits in settings_for(s).items():
        for name, value in traits.items():
            setattr(getattr(c, cls), name, value)
    if s["python"] != sys.executable:  # the hub runs from the kit's environment
        print(f"mipyme hub: hub.json was written by {s['python']}", file=sys.stderr)
