"""Template handlers, one module per family, collected into a registry.

Each family module exposes ``register(registry: TemplateRegistry) -> None``.
``default_registry()`` builds the registry the parser uses; tests may build their own.
"""

from __future__ import annotations

from functools import cache

from viewer.article.templates.base import (
    Context,
    Handler,
    Node,
    Nodes,
    TemplateCall,
    TemplateRegistry,
    normalise_name,
)

__all__ = [
    "Context",
    "Handler",
    "Node",
    "Nodes",
    "TemplateCall",
    "TemplateRegistry",
    "default_registry",
    "normalise_name",
]

# Family modules, in registration order (a later family may override an earlier name).
_FAMILIES = (
    "inline",
    "dates",
    "parserfunctions",
    "hatnotes",
    "navbox",
    "footnotes",
    "citation",
    "infobox",
)


@cache
def default_registry() -> TemplateRegistry:
    """The registry with every family of handlers RefView ships."""
    import importlib

    registry = TemplateRegistry()
    for family in _FAMILIES:
        try:
            module = importlib.import_module(f"viewer.article.templates.{family}")
        except ModuleNotFoundError as exc:  # a family not written yet must not break parsing
            if exc.name != f"viewer.article.templates.{family}":
                raise
            continue
        module.register(registry)
    return registry
