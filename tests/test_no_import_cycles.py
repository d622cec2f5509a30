"""No module of kaohe_desktop imports another in a circle (DESIGN §2).

import-linter's layer contracts only see imports between layers; a cycle inside one
package (a tab and its helpers importing each other, if only for TYPE_CHECKING) slips
through them. grimp builds the same graph import-linter uses, TYPE_CHECKING imports
included, and a strongly connected component of more than one module is a cycle.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import grimp

PACKAGE = "kaohe_desktop"


def import_graph() -> dict[str, set[str]]:
    """Each module of the package and the package modules it imports directly."""
    graph = grimp.build_graph(PACKAGE)  # include_external_packages=False by default
    modules = sorted(m for m in graph.modules if m.split(".")[0] == PACKAGE)
    return {m: set(graph.find_modules_directly_imported_by(m)) & set(modules) for m in modules}


def cycles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted.

    Iterative, not recursive: a long import chain must not hit the recursion limit."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in edges:
        if root in index:
            continue
        # (module, its imports still to visit): the call stack a recursive Tarjan keeps.
        work: list[tuple[str, Iterator[str]]] = []
        node: str | None = root
        while node is not None or work:
            if node is not None:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
                work.append((node, iter(sorted(edges.get(node, ())))))
                node = None
            current, successors = work[-1]
            successor = next(successors, None)
            if successor is None:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[current])
                if low[current] == index[current]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == current:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
            elif successor not in index:
                node = successor  # visit it next, then come back to `current`
            elif successor in on_stack:
                low[current] = min(low[current], index[successor])
    return sorted(found)


def test_the_cycle_finder_finds_a_cycle_and_nothing_else() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"d"}}
    assert cycles(edges) == [["a", "b", "c"]]
    assert cycles({"x": {"y"}, "y": set()}) == []


def test_no_module_imports_another_in_a_circle() -> None:
    found = cycles(import_graph())
    message = "\n".join(
        f"cycle of {len(component)} modules: " + ", ".join(component) for component in found
    )
    assert not found, f"{len(found)} import cycles (TYPE_CHECKING imports count):\n{message}"
