"""The hub's spawner: JupyterHub's local process spawner, plus one control group per user.

:class:`QuotaSpawner` is a :class:`~jupyterhub.spawner.LocalProcessSpawner` whose child
joins its user's group (:mod:`mipyme.hub.cgroups`) while still root, just before it drops to
the user's uid, so the server and every kernel it starts share the user's memory, CPU and
process quota. The machine's control groups are looked at once per hub process; where it has
none usable, each spawn logs why and goes on as the local spawner does (the per-process
rlimits still apply).
"""

from __future__ import annotations

import functools

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Float, Int, Unicode

from mipyme.hub.cgroups import Quota, detect, join

__all__ = ["QuotaSpawner"]

# The hub's own group, and so where the users' groups go, is fixed for the hub's lifetime.
_machine = functools.cache(detect)


class QuotaSpawner(LocalProcessSpawner):
    """A local process spawner that puts each server in ``mipyme-hub/<group>/<user>``."""

    quota_group = Unicode("", config=True, help="the course's group name ('': no quotas)")
    quota_memory = Int(0, config=True, help="bytes of memory for a user's server and kernels")
    quota_cpus = Float(1.0, config=True, help="CPU cores for a user's server and kernels")
    quota_processes = Int(0, config=True, help="processes for a user's server and kernels")

    def make_preexec_fn(self, name: str):
        drop = super().make_preexec_fn(name)
        if not self.quota_group:
            return drop
        quotas = _machine()
        if not quotas.available:
            self.log.warning("mipyme: no per-user quota for %s: %s", name, quotas.reason)
            return drop
        quota = Quota(memory_bytes=self.quota_memory, cpus=self.quota_cpus,
                      processes=self.quota_processes)
        try:
            procs = quotas.create(quota, self.quota_group, name)
        except OSError as err:  # the student still gets a server, with the rlimits only
            self.log.error("mipyme: no per-user quota for %s: %s", name, err)
            return drop
        self.log.info("mipyme: %s runs in %s", name, ", ".join(str(p.parent) for p in procs))

        def preexec() -> None:
            join(procs)
            drop()

        return preexec

    async def stop(self, now: bool = False) -> None:
        await super().stop(now=now)
        if self.quota_group:
            quotas = _machine()
            if quotas.available:
                quotas.remove(self.quota_group, self.user.name)
