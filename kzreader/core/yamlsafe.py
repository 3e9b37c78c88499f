"""The one YAML loader: every YAML file kzreader reads goes through :func:`load_yaml`.

``yaml.safe_load`` runs no code, but it trusts the document's shape: a few hundred
bytes of nested aliases (``&a [*b, *b, …]`` nine levels deep) stand for billions of
values, which the first ``repr()``, ``str()`` or walk over the data expands — minutes
and gigabytes from a ``metadata.yaml`` someone handed over. Nesting a thousand deep
makes every recursive walk raise ``RecursionError``; an integer of 5,000 digits makes
``int()`` raise ``ValueError``. So the document is composed first (libyaml when
present: fast, and it stops at 1,000 levels itself), its node graph is measured
without expanding anything, and only then constructed:

- aliases may add at most :data:`MAX_ALIAS_GROWTH` units (a value, or 64 characters
  of text) to what the text itself holds, and may not refer to the value they are in;
- nesting is at most :data:`MAX_DEPTH` levels;
- an integer has at most :data:`MAX_INT_DIGITS` digits.

Every failure is a :class:`YamlError` whose message is one line ("not valid YAML at
line 3, column 7: …", "YAML tag '!!python/object' is not allowed") and never shows the
value it is about; :func:`brief` is how a message quotes a value from a user's file.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_DEPTH = 100
MAX_ALIAS_GROWTH = 100_000
MAX_INT_DIGITS = 100
#: A scalar weighs one unit per this many characters (plus one): aliases of one long
#: text count as much as the text they repeat.
_CHARS_PER_UNIT = 64

_BaseLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlError(ValueError):
    """A YAML text kzreader will not use; ``str()`` is the one-line reason."""


class _Loader(_BaseLoader):
    """The safe loader with a bound on integers (construction is Python either way)."""

    def construct_yaml_int(self, node: ScalarNode) -> int:
        digits = sum(c.isalnum() for c in str(node.value))
        if digits > MAX_INT_DIGITS:
            raise YamlError(
                f"a number at line {node.start_mark.line + 1} has {digits} digits "
                f"(at most {MAX_INT_DIGITS})"
            )
        return super().construct_yaml_int(node)


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)


def load_yaml(text: str) -> Any:
    """The value of a YAML document, within the limits above. Raises :class:`YamlError`."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _measure(node, text)
        return loader.construct_document(node)
    except yaml.YAMLError as error:
        raise YamlError(_reason(error)) from None
    except RecursionError:  # the pure-Python composer, without libyaml
        raise YamlError(f"nested more than {MAX_DEPTH} levels deep") from None
    finally:
        loader.dispose()


#: Where an anchor (``&name``) may start: only a text with one can hold an alias.
_ANCHOR = re.compile(r"(?:^|[\s\[\{,:?-])&[^\s,\[\]\{\}]")


def _measure(root: Node, text: str) -> None:
    """Refuse a node graph too deep, self-referring, or growing too much through aliases.

    Without an anchor in the text the graph is a tree and only its depth is checked;
    otherwise :func:`_measure_aliases` weighs it.
    """
    if "&" in text and _ANCHOR.search(text):
        _measure_aliases(root)
        return
    stack: list[tuple[Node, int]] = [(root, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        node, depth = pop()
        if depth > MAX_DEPTH:
            raise _too_deep(node)
        if type(node) is SequenceNode:
            for child in node.value:
                if type(child) is not ScalarNode:
                    push((child, depth + 1))
        elif type(node) is MappingNode:
            for key, value in node.value:
                if type(key) is not ScalarNode:
                    push((key, depth + 1))
                if type(value) is not ScalarNode:
                    push((value, depth + 1))


def _too_deep(node: Node) -> YamlError:
    return YamlError(f"nested more than {MAX_DEPTH} levels deep (line {node.start_mark.line + 1})")


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _weight(node: Node) -> int:
    if isinstance(node, ScalarNode):
        return 1 + len(node.value) // _CHARS_PER_UNIT
    return 1


def _measure_aliases(root: Node) -> None:
    """Weigh the graph without expanding it: each distinct node is visited once.

    ``size`` is what a node would weigh with its aliases expanded, ``own`` what the
    distinct nodes weigh (the text); a node still open when reached again is a cycle.
    """
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    open_nodes: set[int] = set()
    own = 0
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        children = _children(node)
        if finished:
            open_nodes.discard(key)
            weight = _weight(node)
            own += weight
            size[key] = weight + sum(size[id(child)] for child in children)
            depth[key] = 1 + max((depth[id(child)] for child in children), default=0)
            if depth[key] > MAX_DEPTH:
                raise _too_deep(node)
            if size[key] > own + MAX_ALIAS_GROWTH:
                raise YamlError(
                    "aliases (*name) expand to far more than the file holds "
                    f"(line {node.start_mark.line + 1}); refused"
                )
            continue
        if key in size:
            continue
        if key in open_nodes:
            raise YamlError(
                f"an alias at line {node.start_mark.line + 1} refers to the value it is in"
            )
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in size)


def _reason(error: yaml.YAMLError) -> str:
    """One line for a YAML error: the tag refused, or where the text went wrong."""
    problem = str(getattr(error, "problem", None) or "")
    tag = re.search(r"tag '([^']*)'", problem)
    if isinstance(error, yaml.constructor.ConstructorError) and tag:
        name = tag.group(1).replace("tag:yaml.org,2002:", "!!")
        return f"YAML tag {brief(name)} is not allowed (plain YAML only)"
    mark = getattr(error, "problem_mark", None)
    problem = problem or (str(error).splitlines() or [type(error).__name__])[0]
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    return f"not valid YAML{where}: {brief(problem, quote=False)}"


def brief(value: object, *, limit: int = 60, quote: bool = True) -> str:
    """How a message quotes a value from a user's file: text, shortened; else its kind.

    Never ``repr()`` of a list or mapping (which may stand for billions of values).
    """
    if isinstance(value, bool) or value is None:
        return str(value).lower() if value is not None else "nothing"
    if isinstance(value, int | float):
        text = repr(value) if isinstance(value, float) or abs(value) < 10**30 else "a huge number"
        return text
    if not isinstance(value, str):
        return type_name(value)
    shown = value if len(value) <= limit else value[: limit - 1] + "…"
    return repr(shown) if quote else shown


def type_name(value: object) -> str:
    """How a YAML value's type reads in a message to the user ("a number", "a list")."""
    if value is None:
        return "nothing"
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a mapping",
    }.get(type(value), type(value).__name__)
