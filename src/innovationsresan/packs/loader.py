"""Discovering and loading content packs into a :class:`~innovationsresan.catalog.Catalog`.

:func:`load_catalog` builds a fresh pluggy plugin manager for every catalogue (there is no
module-level one), finds the installed packs in the entry-point group ``innovationsresan``,
filters them by the allow-list *before* importing anything, imports each in its own ``try``,
and calls each pack's hook implementations separately. One broken pack is therefore reported
and left out; it never hides the others.

A pack's id comes from its distribution's name: ``innovationsresan-kiruna`` → ``kiruna``.
Objects given as ``plugins=`` are registered in-process (apps and tests); their id is the one in
their metadata, and the allow-list does not apply to them (they were asked for by name).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import pluggy

from innovationsresan import hookspecs
from innovationsresan.catalog import Catalog, PackContent, PackStatus
from innovationsresan.errors import PackError, expect_items, expect_optional, expect_type
from innovationsresan.guard import (
    MAX_ITEMS,
    Budget,
    Guard,
    TooManyItemsError,
    bounded_list,
    describe,
    time_limit,
)
from innovationsresan.model import LocalizedText, Problem, any_value
from innovationsresan.packs import checkedcache, entrypoints, index
from innovationsresan.packs.entrypoints import (
    InstalledEntryPoint,
    installed_entry_points,
    normalize,
    pack_id_for,
)
from innovationsresan.packs.folders import is_folder

#: The entry-point group packs publish their plugin under.
GROUP = entrypoints.GROUP

#: The environment variable holding the allow-list (comma-separated pack ids or distributions).
ENV_VAR = "INNOVATIONSRESAN_PACKS"

#: The environment variable naming the pack whose level and principle descriptions come first.
PRIMARY_ENV_VAR = "INNOVATIONSRESAN_PRIMARY_PACK"


#: Every hook a pack may implement, in the order the loader calls them.
HOOKS = (
    "innovationsresan_pack_info",
    "innovationsresan_content_dir",
    "innovationsresan_statements",
    "innovationsresan_cards",
    "innovationsresan_stories",
    "innovationsresan_links",
    "innovationsresan_support",
    "innovationsresan_level_descriptions",
    "innovationsresan_principle_descriptions",
    "innovationsresan_plan_rules",
)


def make_plugin_manager() -> pluggy.PluginManager:
    """A fresh plugin manager that knows the hook specifications (one per catalogue)."""
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    return manager


def allow_list_from_env(environ: Any = None) -> tuple[str, ...] | None:
    """The allow-list in :data:`ENV_VAR`: ``None`` when unset; an empty value allows no pack."""
    value = (os.environ if environ is None else environ).get(ENV_VAR)
    if value is None:
        return None
    return _split(value)


def primary_from_env(environ: Any = None) -> str | None:
    """The pack named by :data:`PRIMARY_ENV_VAR` (its id or distribution), ``None`` when unset."""
    value = (os.environ if environ is None else environ).get(PRIMARY_ENV_VAR, "").strip()
    return pack_id_for(value) if value else None


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _allow_list(packs: Iterable[str]) -> tuple[str, ...]:
    """The allow-list given to :func:`load_catalog`; one string is read like the variable.

    ``packs="kiruna"`` means the pack ``kiruna``, never the packs ``k``, ``i``, ``r`` …
    """
    if isinstance(packs, str):
        return _split(packs)
    return tuple(packs)


@attrs.define
class _Candidate:
    """One pack on its way into the catalogue (the loader's only mutable state)."""

    label: str
    distribution: str = ""
    version: str = ""
    entry_point: InstalledEntryPoint | None = None
    plugin: object = None
    problems: list[Problem] = attrs.field(factory=list)
    content: PackContent | None = None
    info_name: LocalizedText | None = None
    #: Whether the pack claims its label as pack id: an installed pack does (its id comes from
    #: its distribution's name, whether or not it loads) unless its metadata names another id;
    #: an in-process plugin once its metadata has been read.
    claims: bool = False
    #: The time the pack's code has left (its import and its hooks together).
    budget: Budget = attrs.field(factory=lambda: Budget(time_limit()))
    #: The content folder, when the pack is a data pack whose one hook names it, and its
    #: entries as they were read (:func:`~innovationsresan.packs.checkedcache.listing`).
    folder: Path | None = None
    listing: bytes = b""

    @property
    def where(self) -> str:
        """The location naming the pack as a whole: its distribution, else its label."""
        return self.distribution or self.label

    def fail(self, code: str, sv: str, en: str, where: str | None = None) -> None:
        self.problems.append(Problem.error(code, where or self.where, sv, en))

    @property
    def failed(self) -> bool:
        return any(p.is_error for p in self.problems)

    def status(self) -> PackStatus:
        name = self.info_name or LocalizedText.of(self.distribution or self.label)
        return PackStatus(
            id=self.label,
            name=name,
            version=self.version,
            distribution=self.distribution,
            status="error",
            counts={},
            problems=self.attributed(),
        )

    def attributed(self) -> tuple[Problem, ...]:
        """The pack's problems, each naming the pack's id and distribution."""
        return tuple(
            attrs.evolve(p, pack=self.label, distribution=self.distribution) for p in self.problems
        )


def load_catalog(
    packs: Iterable[str] | None = None,
    strict: bool = False,
    entry_points: bool = True,
    plugins: Sequence[object] = (),
    primary: str | None = None,
) -> Catalog:
    """Load the installed content packs (and *plugins*) into a checked, read-only catalogue.

    *primary* names the pack (id or distribution) whose descriptions of the levels and
    principles are shown first (:meth:`~innovationsresan.catalog.Catalog.level_description`);
    when ``None``, the environment variable ``INNOVATIONSRESAN_PRIMARY_PACK`` is used if set.

    *packs* is an allow-list of pack ids or distribution names (a single string is split at
    commas, like the variable); when ``None``, the environment
    variable ``INNOVATIONSRESAN_PACKS`` (comma-separated) is used if set, else every installed
    pack loads. An empty list loads no installed pack. Packs outside the allow-list are neither
    imported nor listed.

    A pack that fails to import or holds invalid data is left out and listed with status
    ``error``; with *strict* a :class:`~innovationsresan.errors.PackError` naming every failed
    pack is raised instead.
    """
    if packs is not None and not isinstance(packs, str):
        expect_items("packs", packs, str, "pack ids (str)")
    expect_type("strict", strict, bool, "True or False")
    expect_type("entry_points", entry_points, bool, "True or False")
    expect_items("plugins", plugins, object, "plugin objects")
    expect_optional("primary", primary, str, "a pack id (str) or None")
    allowed = allow_list_from_env() if packs is None else _allow_list(packs)
    global_problems: list[Problem] = []
    candidates: list[_Candidate] = []
    installed = installed_entry_points(GROUP) if entry_points else ()
    if entry_points:
        candidates.extend(_discover(allowed, installed))
    candidates.extend(_Candidate(label=_plugin_label(p), plugin=p) for p in plugins)

    manager = make_plugin_manager()
    # every call into a pack's code runs under the guard: see innovationsresan.guard
    with Guard() as guard:
        for candidate in candidates:
            _import(guard, candidate)
            if not candidate.failed:
                _register(manager, candidate)
        _check_pending(manager, candidates)
        for candidate in candidates:
            if not candidate.failed:
                _read(guard, manager, candidate)
    _refuse_shared_ids(candidates)
    _unregister_failed(manager, candidates)

    loaded = [c.content for c in candidates if c.content is not None and not c.failed]
    failed = [c.status() for c in candidates if c.failed]
    if allowed is not None:
        global_problems.extend(
            _unmatched(allowed, candidates, where="packs" if packs is not None else ENV_VAR)
        )
    chosen = primary_from_env() if primary is None else (pack_id_for(primary) if primary else None)
    if chosen is not None and chosen not in {c.info.id for c in loaded}:
        global_problems.append(
            Problem.warning(
                "primary-pack-not-loaded",
                "primary" if primary is not None else PRIMARY_ENV_VAR,
                f"paketet '{chosen}' som ska visa sina beskrivningar först är inte laddat",
                f"the pack '{chosen}' whose descriptions should come first is not loaded",
            )
        )
    catalog = Catalog.build(loaded, failed=failed, problems=global_problems, primary=chosen)
    # building may refuse a pack too (a link whose card id several packs have)
    failed = [status for status in catalog.packs if not status.ok]
    if packs is None and primary is None and not plugins and _indexable(catalog, candidates):
        folders = [
            (c.entry_point, c.folder, c.listing)
            for c in candidates
            if c.entry_point is not None and c.folder is not None
        ]
        index.refresh(catalog, installed, folders)
    if strict and failed:
        names = ", ".join(f"{s.id} ({s.distribution})" if s.distribution else s.id for s in failed)
        raise PackError(
            LocalizedText.of(
                f"Innehållspaket kunde inte laddas: {names}",
                f"Content packs could not be loaded: {names}",
            ),
            problems=[p for s in failed for p in s.problems],
            packs=[s.id for s in failed],
        )
    return catalog


def _indexable(catalog: Catalog, candidates: list[_Candidate]) -> bool:
    """Whether the index of installed packs (:mod:`~innovationsresan.packs.index`) may describe
    this load: every pack a data pack from the installed entry points, nothing wrong at all."""
    return (
        not catalog.problems
        and all(status.ok for status in catalog.packs)
        and all(c.entry_point is not None and c.folder is not None for c in candidates)
    )


# -- discovery ---------------------------------------------------------------------------------


def _discover(
    allowed: tuple[str, ...] | None, installed: Iterable[InstalledEntryPoint]
) -> list[_Candidate]:
    """The *installed* packs the allow-list lets through, without importing any of them."""
    wanted = None if allowed is None else {normalize(a) for a in allowed}
    found: list[_Candidate] = []
    for entry_point in installed:
        distribution = entry_point.distribution
        version = entry_point.version
        label = pack_id_for(distribution)
        if wanted is not None and not wanted & {
            label,
            normalize(distribution),
            normalize(entry_point.name),
        }:
            continue
        candidate = _Candidate(
            label=label,
            distribution=distribution,
            version=version,
            entry_point=entry_point,
            claims=True,
        )
        if normalize(entry_point.name) != normalize(distribution):
            candidate.problems.append(
                Problem.warning(
                    "entry-point-name",
                    candidate.where,
                    f"ingångspunkten heter '{entry_point.name}' men ska heta som "
                    f"distributionen, '{distribution}'",
                    f"the entry point is called '{entry_point.name}' but should be named "
                    f"after the distribution, '{distribution}'",
                )
            )
        found.append(candidate)
    return found


def _plugin_label(plugin: object) -> str:
    """A provisional name for an in-process plugin until its metadata has been read."""
    try:
        name = getattr(plugin, "__name__", None)
    except Exception:  # a plugin's odd attributes must not escape
        name = None
    return name if isinstance(name, str) and name else type(plugin).__name__


def _unmatched(
    allowed: tuple[str, ...], candidates: list[_Candidate], *, where: str
) -> list[Problem]:
    """A warning for each name in the allow-list that matches no pack."""
    known: set[str] = set()
    for candidate in candidates:
        known.update({candidate.label, normalize(candidate.distribution)})
    return [
        Problem.warning(
            "pack-not-installed",
            where,
            f"paketet '{name}' i listan över tillåtna paket är inte installerat",
            f"the pack '{name}' in the allow-list is not installed",
        )
        for name in allowed
        if normalize(name) not in known
    ]


# -- importing and registering -------------------------------------------------------------------


def _import(guard: Guard, candidate: _Candidate) -> None:
    if candidate.entry_point is None:
        return
    outcome = candidate.budget.spend(guard, candidate.entry_point.load)
    if outcome.timed_out:
        _timed_out(candidate, f"import ({candidate.entry_point.value})")
    elif outcome.error is not None:  # any failure of a pack's code is its own
        exc = outcome.error
        candidate.fail(
            "import-failed",
            f"paketet kunde inte importeras ({candidate.entry_point.value}): {_describe(exc)}",
            f"the pack could not be imported ({candidate.entry_point.value}): {_describe(exc)}",
        )
    else:
        candidate.plugin = outcome.value


def _timed_out(candidate: _Candidate, what: str, where: str | None = None) -> None:
    seconds = f"{time_limit():g}"
    candidate.fail(
        "pack-timeout",
        f"paketet blev inte klart inom tidsgränsen {seconds} s ({what}) och lämnas utanför",
        f"the pack did not finish within the time limit of {seconds} s ({what}) and is left out",
        where=where,
    )


def _register(manager: pluggy.PluginManager, candidate: _Candidate) -> None:
    plugin = candidate.plugin
    # two distributions may name one object; it is registered once and read for both
    if not manager.is_registered(plugin):
        try:
            manager.register(plugin, name=f"{candidate.where}#{id(candidate)}")
        except BaseException as exc:  # pluggy's validation errors, the plugin's own
            candidate.fail(
                "invalid-plugin",
                f"pluginet kunde inte registreras: {_describe(exc)}",
                f"the plugin could not be registered: {_describe(exc)}",
            )
            return
    marked = {hook for hook in _hook_names(manager, every=True) if _impls(manager, plugin, hook)}
    try:
        unmarked = sorted(
            name
            for name in dir(plugin)
            if name.startswith(f"{hookspecs.PROJECT}_")
            and name not in marked
            and callable(getattr(plugin, name, None))
        )
    except Exception:  # a hint only; a plugin's odd attributes must not escape
        unmarked = []
    listed = ", ".join(unmarked)
    if not marked:
        hint_sv = f"; {listed} saknar markeringen @hookimpl" if unmarked else ""
        hint_en = f"; {listed} lack the @hookimpl marker" if unmarked else ""
        candidate.fail(
            "no-hooks",
            f"pluginet har inga hook-implementationer{hint_sv}",
            f"the plugin has no hook implementations{hint_en}",
        )
    elif unmarked:
        candidate.problems.append(
            Problem.warning(
                "unmarked-hook",
                candidate.where,
                f"{listed} saknar markeringen @hookimpl och anropas inte",
                f"{listed} lack the @hookimpl marker and are not called",
            )
        )


def _hook_names(manager: pluggy.PluginManager, *, every: bool = False) -> list[str]:
    """The hooks the manager knows: ours, or with *every* also those only a plugin named."""
    return [
        name
        for name in vars(manager.hook)
        if (every and not name.startswith("_")) or name.startswith(f"{hookspecs.PROJECT}_")
    ]


def _impls(manager: pluggy.PluginManager, plugin: object, hook: str) -> list[Any]:
    caller = getattr(manager.hook, hook, None)
    if caller is None:
        return []
    return [impl for impl in caller.get_hookimpls() if impl.plugin is plugin]


def _check_pending(manager: pluggy.PluginManager, candidates: list[_Candidate]) -> None:
    """Report hook implementations without a specification (misspelled hook names)."""
    by_plugin: dict[int, list[_Candidate]] = {}
    for candidate in candidates:
        if candidate.plugin is not None and not candidate.failed:
            by_plugin.setdefault(id(candidate.plugin), []).append(candidate)
    # What pluggy's check_pending() checks, for every plugin: it stops at the first one.
    for name in _hook_names(manager, every=True):
        caller = getattr(manager.hook, name, None)
        if caller is None or caller.has_spec():
            continue
        for impl in caller.get_hookimpls():
            if impl.optionalhook:
                continue
            known = ", ".join(HOOKS)
            for candidate in by_plugin.get(id(impl.plugin), ()):
                candidate.fail(
                    "unknown-hook",
                    f"okänd hook '{name}' (felstavad?); kända hookar: {known}",
                    f"unknown hook '{name}' (misspelled?); the known hooks are: {known}",
                )
    _unregister_failed(manager, candidates)
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as exc:  # pragma: no cover - reported per plugin above
        for candidate in candidates:
            if candidate.plugin is exc.plugin:
                candidate.fail("unknown-hook", f"ogiltig hook: {exc}", f"invalid hook: {exc}")
        _unregister_failed(manager, candidates)


def _unregister_failed(manager: pluggy.PluginManager, candidates: list[_Candidate]) -> None:
    """Take failed packs out of the manager (unless another, loaded pack shares the object)."""
    needed = {id(c.plugin) for c in candidates if not c.failed and c.plugin is not None}
    for candidate in candidates:
        plugin = candidate.plugin
        if (
            candidate.failed
            and plugin is not None
            and id(plugin) not in needed
            and manager.is_registered(plugin)
        ):
            manager.unregister(plugin)


# -- reading -----------------------------------------------------------------------------------


def _read(guard: Guard, manager: pluggy.PluginManager, candidate: _Candidate) -> None:
    """Call each of the pack's hook implementations and check what they return."""
    from_entry_point = candidate.entry_point is not None
    prefix = f"{candidate.label}/"
    results: dict[str, list[object]] = {}
    for hook in HOOKS:
        for impl in _impls(manager, candidate.plugin, hook):
            if impl.hookwrapper or getattr(impl, "wrapper", False):
                candidate.fail(
                    "invalid-plugin",
                    f"{hook} får inte vara en wrapper",
                    f"{hook} must not be a wrapper",
                    where=f"{prefix}{hook}",
                )
                continue
            outcome = candidate.budget.spend(guard, _hook_call(impl.function))
            if outcome.timed_out:
                _timed_out(candidate, hook, where=f"{prefix}{hook}")
                return
            if isinstance(outcome.error, TooManyItemsError):
                candidate.fail(
                    "too-many-items",
                    f"{hook} gav fler än {MAX_ITEMS} delar; paketet lämnas utanför",
                    f"{hook} returned more than {MAX_ITEMS} items; the pack is left out",
                    where=f"{prefix}{hook}",
                )
            elif outcome.error is not None:  # a pack's failure is its own, whatever it raised
                exc = outcome.error
                candidate.fail(
                    "hook-failed",
                    f"{hook} gav ett fel: {_describe(exc)}",
                    f"{hook} raised an error: {_describe(exc)}",
                    where=f"{prefix}{hook}",
                )
            else:
                results.setdefault(hook, []).append(outcome.value)
    checked = _checked(candidate, results, prefix, candidate.label if from_entry_point else None)
    if checked is None:
        return
    content, problems, info = checked
    candidate.problems.extend(problems)
    if any(p.code == "id-mismatch" for p in problems):
        # its metadata names another id than its distribution: the pack claims no id at all
        candidate.claims = False
    if info is not None:
        candidate.info_name = info.name
        if not from_entry_point:
            # an in-process plugin is named by its metadata, known only now
            candidate.claims = True
            if info.id != candidate.label:
                _rename(candidate, prefix, info.id)
    if content is None:
        if not candidate.failed:  # pragma: no cover - finish gives None only with an error
            candidate.fail("invalid-pack", "paketet är ogiltigt", "the pack is invalid")
        return
    if content.info.version:
        candidate.version = content.info.version
    old_prefix, new_prefix = prefix, f"{candidate.label}/"
    candidate.content = attrs.evolve(
        content,
        info=attrs.evolve(content.info, distribution=candidate.distribution),
        links=tuple(
            attrs.evolve(link, location=_relocated(link.location, old_prefix, new_prefix))
            for link in content.links
        ),
        problems=candidate.attributed(),
    )


def _checked(
    candidate: _Candidate,
    results: dict[str, list[object]],
    prefix: str,
    expected_id: str | None,
) -> checkedcache.Checked | None:
    """What a :class:`~innovationsresan.packs.content.PackReader` makes of the hooks'
    *results*: the checked content (``None`` after an error), every problem and the pack's
    metadata; ``None`` when checking failed.

    A pack whose one contribution is a folder on disk is taken from the cache of checked packs
    while its files are the same (:mod:`innovationsresan.packs.checkedcache`); the reader and
    its checks are imported only when a pack is read.
    """
    # with the cache off (INNOVATIONSRESAN_NO_CACHE) the folder is read once, by the reader
    folder = _only_folder(results) if checkedcache.folder() is not None else None
    key = (prefix, repr(expected_id), candidate.distribution)
    before = checkedcache.listing(folder) if folder is not None else None
    if folder is not None and before is not None:
        candidate.folder, candidate.listing = folder, before
        found = checkedcache.lookup(folder, key, before)
        if found is not None:
            return found
    from innovationsresan.packs.content import HOOK_TABLES, PackReader  # noqa: PLC0415 - lazy

    reader = PackReader(prefix=prefix, expected_id=expected_id, distribution=candidate.distribution)
    # even after a failed hook the others are checked, so every problem shows at once
    for returned in results.get("innovationsresan_content_dir", []):
        if returned is None:
            continue
        content_dir = Path(returned) if isinstance(returned, str | os.PathLike) else returned
        if not is_folder(content_dir):
            reader.problem(
                Problem.error(
                    "wrong-type",
                    reader.where("innovationsresan_content_dir"),
                    f"ska vara en mapp (Path eller Traversable), men är {any_value(content_dir)}",
                    f"must be a folder (Path or Traversable), got {any_value(content_dir)}",
                )
            )
            continue
        reader.read_folder(content_dir)
    for hook in HOOK_TABLES:
        for data in results.get(hook, []):
            reader.add_hook_data(hook, data)
    for rules in results.get("innovationsresan_plan_rules", []):
        reader.add_plan_rules("innovationsresan_plan_rules", rules)
    try:
        content, problems = reader.finish()
    except Exception as exc:  # odd objects from a pack's code must not escape
        candidate.fail(
            "invalid-pack",
            f"paketets data kunde inte kontrolleras: {_describe(exc)}",
            f"the pack's data could not be checked: {_describe(exc)}",
        )
        return None
    checked = (content, problems, reader.info)
    if folder is not None and before is not None:
        checkedcache.store(folder, key, before, checked)
    return checked


def _only_folder(results: dict[str, list[object]]) -> Path | None:
    """The content folder when it is all a pack gives (its one hook, one folder on disk)."""
    folders = results.get("innovationsresan_content_dir", [])
    if len(results) != 1 or len(folders) != 1:
        return None
    value = folders[0]
    if not isinstance(value, str | os.PathLike):
        return None
    folder = Path(value)
    return folder if folder.is_dir() else None


def _hook_call(function: Any) -> Any:
    """A call of one hook implementation whose result is materialised in the same guarded call."""

    def call() -> object:
        return _materialize(function())

    return call


def _materialize(value: object) -> object:
    """A hook's result with any generator run to the end (at most :data:`MAX_ITEMS` items)."""
    if isinstance(value, Mapping | str | bytes) or is_folder(value):
        return value
    if isinstance(value, Iterable):
        return bounded_list(value)
    return value


def _rename(candidate: _Candidate, old_prefix: str, pack_id: str) -> None:
    new_prefix = f"{pack_id}/"
    candidate.problems = [
        attrs.evolve(p, location=_relocated(p.location, old_prefix, new_prefix))
        for p in candidate.problems
    ]
    candidate.label = pack_id


def _relocated(where: str, old_prefix: str, new_prefix: str) -> str:
    """*where* with the pack's provisional prefix replaced by the one of its id."""
    if old_prefix == new_prefix or not where.startswith(old_prefix):
        return where
    return new_prefix + where.removeprefix(old_prefix)


def _refuse_shared_ids(candidates: list[_Candidate]) -> None:
    """Two packs claiming one id: neither loads, whatever the load order.

    A pack that failed for another reason still claims its id, so a broken distribution never
    hands its id to another one.
    """
    by_id: dict[str, list[_Candidate]] = {}
    for candidate in candidates:
        if candidate.claims:
            by_id.setdefault(candidate.label, []).append(candidate)
    for pack_id, claims in by_id.items():
        if len(claims) < 2:
            continue
        names = ", ".join(c.where for c in claims)
        for candidate in claims:
            candidate.fail(
                "duplicate-pack",
                f"flera paket gör anspråk på id '{pack_id}' ({names}); inget av dem laddas",
                f"several packs claim the id '{pack_id}' ({names}); none of them is loaded",
            )
            candidate.content = None


def _describe(exc: BaseException) -> str:
    return describe(exc)
