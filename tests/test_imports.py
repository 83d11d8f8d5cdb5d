"""Which module may import which: the rule of the code's layout, in one place.

Layers, from the bottom up. A module imports modules of its own layer and of the layers
below it, never of a layer above:

  1. platform      innovato                     settings, errors, API helpers, charts
  2. every schema  shared_apps.accounts,        installed in the hub's schema and in every
                   shared_apps.branding,        city's: people, sessions, logo and colour,
                   tenant_apps.audit,           the audit trail, each person's copy of
                   tenant_apps.privacy          their data, erasure and retention
  3. cities        tenants                      City and Domain, routing, languages,
                                                provisioning, notices, schedules
  4. network       shared_apps.hub,             the hub's schema
                   shared_apps.billing
  4. city apps     tenant_apps.*                a city's schema
     The network and the city apps stand side by side: neither imports the other.
  5. crossing      shared_apps.hub.boundary     the one place that imports both sides

Pages (`views`, `api`, `urls`, `city_urls`, `forms` modules) may import the crossing as well,
and only pages and entry points import pages. Entry points compose everything: innovato's
URL confs, every app's `apps.py`, management commands and the demo seed. They may import
any module, and only entry points import them.

When a lower layer must call a higher one, it owns a registry or a signal that the higher
app fills or listens to from its AppConfig.ready: `tenants.notices.NOTICE_LINK_PROVIDERS`,
`tenants.scheduling.CITY_JOBS` and `NETWORK_JOBS`, `tenants.provisioning`,
`tenants.views.CITY_PAGE_SECTIONS`, `innovato.personal_data`, the privacy app's
messengers (`tenant_apps.privacy.messages`), each app's `notification_texts`, and signals
such as `tenants.signals.city_removing` or `tenant_apps.calls.signals.phase_changed`.

Beyond the layers, no module imports itself back, however far round: the module graph has
no cycle. Imports inside functions count like any other; tests and migrations are left out.
"""

import ast
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = {
    "innovato": ROOT / "platform" / "innovato",
    "tenants": ROOT / "tenants",
    "shared_apps": ROOT / "shared_apps",
    "tenant_apps": ROOT / "tenant_apps",
}


@dataclass(frozen=True)
class Layer:
    name: str
    modules: tuple[str, ...]  # packages (and everything inside them) of this layer
    may_import: tuple[str, ...]  # the layers below it


LAYERS = (
    Layer("platform", ("innovato",), ()),
    Layer("every schema", ("shared_apps.accounts", "shared_apps.branding", "tenant_apps.audit",
                           "tenant_apps.privacy"),
          ("platform",)),
    Layer("cities", ("tenants",), ("platform", "every schema")),
    Layer("network", ("shared_apps.hub", "shared_apps.billing"),
          ("platform", "every schema", "cities")),
    Layer("city apps", ("tenant_apps",), ("platform", "every schema", "cities")),
    Layer("crossing", ("shared_apps.hub.boundary",),
          ("platform", "every schema", "cities", "network", "city apps")),
)
CROSSING = "shared_apps.hub.boundary"
PAGES = {"views", "api", "urls", "city_urls", "forms"}
ENTRY_POINTS = ("innovato.urls_common", "innovato.urls_public", "innovato.urls_tenant",
                "tenants.demo", "tenants.demo_content")
# Namespace packages that hold no code of their own.
CONTAINERS = {"shared_apps", "tenant_apps"}


@dataclass(frozen=True)
class Import:
    source: str
    target: str
    line: int

    def __str__(self) -> str:
        return f"{self.source} (line {self.line}) imports {self.target}"


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def project_modules(packages: dict[str, Path]) -> dict[str, Path]:
    """Every module of the project packages by dotted name, tests and migrations left out."""
    found = {}
    for top, folder in packages.items():
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(folder).with_suffix("").parts
            if "tests" in parts[:-1] or "migrations" in parts[:-1] or parts[-1] == "conftest":
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join((top, *parts))] = path
    return found


def _owner(name: str, modules: dict[str, Path]) -> str | None:
    """The project module `name` is (or lives in), or None for anything else."""
    parts = name.split(".")
    while parts:
        if ".".join(parts) in modules:
            return ".".join(parts)
        parts.pop()
    return None


def project_imports(modules: dict[str, Path]) -> list[Import]:
    """Every import between project modules, wherever it is written (in a function too)."""
    found = []
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                wanted = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                # `from package import module` imports the module; `from module import
                # name` imports the module that defines the name.
                wanted = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules
                          else base for alias in node.names]
            else:
                continue
            for target in {_owner(item, modules) for item in wanted} - {None, name}:
                found.append(Import(name, target, node.lineno))
    return sorted(found, key=lambda item: (item.source, item.line, item.target))


def import_cycles(imports: list[Import]) -> list[tuple[list[Import], set[str]]]:
    """Each knot of modules that import one another (Tarjan's strongly connected
    components), with its shortest cycle as the chain of imports that closes it."""
    graph: dict[str, dict[str, Import]] = {}
    for item in imports:
        graph.setdefault(item.source, {}).setdefault(item.target, item)
        graph.setdefault(item.target, {})
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    knots: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in graph[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            knot = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                knot.add(member)
                if member == module:
                    break
            if len(knot) > 1:
                knots.append(knot)

    for module in sorted(graph):
        if module not in index:
            visit(module)
    cycles = []
    for knot in knots:
        start = min(knot)
        # The shortest way round from `start` back to itself, inside the knot.
        came_by: dict[str, Import] = {}
        queue = deque([start])
        while queue:
            module = queue.popleft()
            if module != start and start in graph[module]:
                chain = [graph[module][start]]
                while module != start:
                    chain.append(came_by[module])
                    module = came_by[module].source
                cycles.append((chain[::-1], knot))
                break
            for target, item in sorted(graph[module].items()):
                if target in knot and target not in came_by and target != start:
                    came_by[target] = item
                    queue.append(target)
    return cycles


def layer_of(module: str) -> Layer | None:
    """The layer whose most specific package holds `module`."""
    best, depth = None, -1
    for layer in LAYERS:
        for package in layer.modules:
            if _inside(module, package) and package.count(".") > depth:
                best, depth = layer, package.count(".")
    return best


def is_entry_point(module: str) -> bool:
    parts = module.split(".")
    return (any(_inside(module, entry) for entry in ENTRY_POINTS) or parts[-1] == "apps"
            or "management" in parts)


def is_page(module: str) -> bool:
    return module.split(".")[-1] in PAGES


def layer_breaches(imports: list[Import]) -> list[str]:
    """Why each import that breaks the layering breaks it."""
    breaches = []
    for item in imports:
        if is_entry_point(item.source):
            continue
        if is_entry_point(item.target):
            breaches.append(f"{item}: only entry points (URL confs, apps.py, management "
                            "commands, the demo seed) import entry points")
            continue
        if is_page(item.target) and not is_page(item.source):
            breaches.append(f"{item}: only pages and entry points import pages "
                            f"({', '.join(sorted(PAGES))})")
        source, target = layer_of(item.source), layer_of(item.target)
        if source is None or target is None:
            breaches.append(f"{item}: {item.source if source is None else item.target} "
                            "belongs to no layer; add it to LAYERS in tests/test_imports.py")
            continue
        if target.name == source.name or target.name in source.may_import:
            continue
        if target.name == "crossing" and is_page(item.source):
            continue
        if {source.name, target.name} == {"network", "city apps"}:
            hint = ("the network's apps (hub, billing) and the city apps never import each "
                    f"other; cross in {CROSSING}")
        elif target.name == "crossing":
            hint = (f"only pages and entry points call {CROSSING}; a service announces what "
                    "happened with a signal the boundary listens to")
        else:
            hint = (f"the {source.name} layer may import only "
                    f"{', '.join(source.may_import) or 'its own modules'}; let the "
                    f"{target.name} layer register in a registry or listen to a signal of the "
                    f"{source.name} layer from its AppConfig.ready")
        breaches.append(f"{item}: {hint}")
    return breaches


def boundary_breaches(imports: list[Import]) -> list[str]:
    """Imports that cross between a city's schema and the hub outside the boundary."""
    both = {layer for layer in LAYERS if layer.name == "every schema"}
    breaches = []
    for item in imports:
        if _inside(item.source, CROSSING) or layer_of(item.target) in both:
            continue
        if _inside(item.source, "shared_apps") and _inside(item.target, "tenant_apps"):
            breaches.append(f"{item}: a module of shared_apps reaches into a city app; "
                            f"only {CROSSING} does")
        if _inside(item.source, "tenant_apps") and _inside(item.target, "shared_apps.hub") \
                and not _inside(item.target, CROSSING):
            breaches.append(f"{item}: a city app reaches into the hub; go through {CROSSING}")
    return breaches


@pytest.fixture(scope="module")
def imports() -> list[Import]:
    return project_imports(project_modules(PACKAGES))


def describe_cycle(chain: list[Import], knot: set[str]) -> str:
    """`a:12 → b:3 → a`: each module with the line where it imports the next one, and the
    other modules caught in the same knot."""
    text = " → ".join([f"{item.source}:{item.line}" for item in chain] + [chain[0].source])
    others = sorted(knot - {item.source for item in chain})
    return text + (f"\n    (tied in the same knot: {', '.join(others)})" if others else "")


def test_no_module_imports_itself_back(imports):
    cycles = import_cycles(imports)
    assert not cycles, (
        "Modules that import one another (module:line → the module it imports; imports "
        "inside functions count too):\n" + "\n".join(describe_cycle(*cycle) for cycle in cycles))


def test_each_import_respects_the_layers(imports):
    breaches = layer_breaches(imports)
    assert not breaches, "Imports against the layers (see tests/test_imports.py):\n" + "\n".join(
        breaches)


def test_only_the_boundary_crosses_between_a_city_and_the_hub(imports):
    breaches = boundary_breaches(imports)
    assert not breaches, "\n".join(breaches)


def test_every_module_has_a_layer():
    unplaced = [name for name in project_modules(PACKAGES)
                if name not in CONTAINERS and layer_of(name) is None]
    assert not unplaced, f"Put these in a layer of tests/test_imports.py: {unplaced}"


def test_the_every_schema_layer_is_what_both_schemas_install():
    """The layer under the cities holds exactly the project's apps that every schema has."""
    project = tuple(PACKAGES)
    installed_in_both = {app for app in settings.SHARED_APPS if app in settings.TENANT_APPS
                         and app.startswith(project)}
    assert installed_in_both == set(layer_of("shared_apps.accounts").modules)


def _write(root: Path, files: dict[str, str]) -> dict[str, Path]:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return {"tenant_apps": root / "tenant_apps", "shared_apps": root / "shared_apps"}


def test_the_rules_see_imports_inside_functions_and_name_the_rule_broken(tmp_path):
    packages = _write(tmp_path, {
        "tenant_apps/__init__.py": "",
        "tenant_apps/calls/__init__.py": "",
        "tenant_apps/calls/models.py": "",
        "tenant_apps/calls/services.py": (
            "def move():\n    from tenant_apps.evaluation.services import tell\n"),
        "tenant_apps/evaluation/__init__.py": "",
        "tenant_apps/evaluation/services.py": (
            "from tenant_apps.calls import services\n"
            "def tell():\n    from shared_apps.hub import selectors\n"),
        "shared_apps/__init__.py": "",
        "shared_apps/hub/__init__.py": "",
        "shared_apps/hub/selectors.py": "from tenant_apps.calls.models import *\n",
    })
    imports = project_imports(project_modules(packages))
    [(cycle, knot)] = import_cycles(imports)
    assert knot == {"tenant_apps.calls.services", "tenant_apps.evaluation.services"}
    assert [(item.source, item.target, item.line) for item in cycle] == [
        ("tenant_apps.calls.services", "tenant_apps.evaluation.services", 2),
        ("tenant_apps.evaluation.services", "tenant_apps.calls.services", 1)]
    breaches = layer_breaches(imports)
    assert any(b.startswith("tenant_apps.evaluation.services (line 3) imports "
                            "shared_apps.hub.selectors: the network's apps")
               for b in breaches), breaches
    crossings = boundary_breaches(imports)
    assert any(b.startswith("shared_apps.hub.selectors (line 1) imports "
                            "tenant_apps.calls.models") for b in crossings), crossings
    assert any("a city app reaches into the hub" in b for b in crossings), crossings
