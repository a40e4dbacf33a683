"""Compiling regular expressions written by rule authors, refusing the ones that can hang a run.

Python's `re` has no timeout, so a pattern such as `(\\s+)+$` could stall a CI job on one long line.
Patterns are checked at load time for the shape behind exponential backtracking: an unbounded
repeat whose body is itself only unbounded repeats, with no required character to anchor each
round (`(a+)+`, `(\\s*)*`, `(?:[，,]?\\s*)+`); and, more generally, a repeat whose rounds can read
the same text in two ways (`(a|aa)+`, `(([a-z])+.)+`: see `_ambiguous`).
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from fzlint import derived

try:  # Python ≥ 3.11
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}
_GROUPS = {"SUBPATTERN", "ATOMIC_GROUP"}
_SINGLE = {"LITERAL", "NOT_LITERAL", "IN", "ANY", "CATEGORY"}


class UnsafePatternError(ValueError):
    pass


def _body(op: str, av: Any) -> Any:
    if op == "SUBPATTERN":
        return av[-1]
    return av


def _is_unbounded(op: str, av: Any) -> bool:
    return op in _REPEATS and op != "POSSESSIVE_REPEAT" and av[1] == sre_constants.MAXREPEAT


def _has_unbounded(items: Any) -> bool:
    for op, av in items:
        name = str(op)
        if _is_unbounded(name, av):
            return True
        if name in _REPEATS and _has_unbounded(av[2]):
            return True
        if name in _GROUPS and _has_unbounded(_body(name, av)):
            return True
        if name == "BRANCH" and any(_has_unbounded(branch) for branch in av[1]):
            return True
    return False


def _has_anchor(items: Any) -> bool:
    """Whether every match of `items` must consume a character outside any repeat."""
    for op, av in items:
        name = str(op)
        if name in _SINGLE:
            return True
        if name in _GROUPS and _has_anchor(_body(name, av)):
            return True
        if name in _REPEATS and av[0] >= 1 and not _is_unbounded(name, av) and _has_anchor(av[2]):
            return True
        if name == "BRANCH" and all(_has_anchor(branch) for branch in av[1]):
            return True
    return False


def _walk(items: Any) -> None:
    for op, av in items:
        name = str(op)
        if name in _REPEATS:
            body = av[2]
            if _is_unbounded(name, av) and _has_unbounded(body) and not _has_anchor(body):
                raise UnsafePatternError("嵌套的无界重复（如 (a+)+）可能导致灾难性回溯")
            _walk(body)
        elif name in _GROUPS:
            _walk(_body(name, av))
        elif name == "BRANCH":
            for branch in av[1]:
                _walk(branch)
        elif name in {"ASSERT", "ASSERT_NOT"}:
            _walk(av[1])


# --- repeats that can match the same text in more than one way -----------------------------------
#
# What makes a backtracking matcher exponential: a repeat whose rounds can read the same text in
# two different ways, such as `(a|a)+`, `(a|aa)+` or `(([a-z])+.)+` (a letter is the inner
# repeat's or the dot's). After a failed match the matcher tries every way, 2^n of them on n
# characters. The pattern is turned into a position automaton (Glushkov: one state per character
# the pattern reads, an edge for each way one can follow another, so that nested repeats give two
# edges where they give two ways); the pattern is ambiguous so when two paths from a state back to
# it read the same text: in the product of the automaton with itself, a cycle through a state
# (q, q) passes through a pair of different states or takes a pair of different edges.
# Lookarounds are read as matching nothing (their bodies are checked on their own); a back
# reference as any one character; a repeat of at most `_EXPANDED` rounds as its copies, a longer
# one as an unbounded repeat (`(a|a){1,30}` is as slow as `(a|a)+`).

_EXPANDED = 8
_MAX_POSITIONS = 2000  # past this, a pattern is not analysed (no shipped pattern comes near)
_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
    "CATEGORY_LINEBREAK": r"\n",
    "CATEGORY_NOT_LINEBREAK": r"[^\n]",
}
# Characters tried besides those the pattern names: two classes share a character when they
# share one of these (a shared range shares its larger lower end, which the pattern names).
_SAMPLE = "".join(map(chr, range(128))) + "\u00a0\u3000\u2028中一〇，。、；：“”（）《》０１Ａａ"


class _Atom:
    """A character class of the pattern, as the flags in force read it."""

    __slots__ = ("flags", "items", "op")

    def __init__(self, op: str, items: Any, flags: int) -> None:
        self.op, self.items, self.flags = op, items, flags


class _Automaton:
    def __init__(self) -> None:
        self.atoms: list[_Atom] = [_Atom("START", None, 0)]
        # follow[state]: (next state, the edge's route: the join or repeat that made it, and the
        # ways of matching nothing it passed over)
        self.follow: list[list[tuple[int, int]]] = [[]]
        self.routes: dict[Any, int] = {}

    def position(self, atom: _Atom) -> int:
        if len(self.atoms) >= _MAX_POSITIONS:
            raise _TooLarge
        self.atoms.append(atom)
        self.follow.append([])
        return len(self.atoms) - 1

    def route(self, *parts: Any) -> int:
        return self.routes.setdefault(parts, len(self.routes))

    def join(self, lasts: list[_End], firsts: list[_End]) -> None:
        """Edges from each last position to each first one, one per pair of routes."""
        join = self.route("join", len(self.routes))
        for last, last_route in lasts:
            self.follow[last].extend(
                (first, self.route(join, last_route, first_route)) for first, first_route in firsts
            )


class _TooLarge(Exception):
    pass


# A first or last position of a part, with the route to (or from) it within the part: the same
# position reached twice, over two different ways of matching nothing (`a(?:|)`, as `(a|a)` parses),
# is two ways of matching.
_End = tuple[int, int]
# (first positions, last positions, ways of matching nothing: 0, 1, or 2 for two or more)
_Part = tuple[list[_End], list[_End], int]


def _build(items: Any, flags: int, nfa: _Automaton, asserted: list[tuple[Any, int]]) -> _Part:
    """The Glushkov sets of a sequence; lookaround bodies are added to `asserted`."""
    first: list[_End] = []
    last: list[_End] = []
    empty = 1
    for op, av in items:
        part = _build_item(str(op), av, flags, nfa, asserted)
        nfa.join(last, part[0])
        # a position after a part that can match nothing: reached over each of its empty ways
        first += [
            (state, nfa.route(way, route)) for way in range(empty) for state, route in part[0]
        ]
        last = list(part[1]) + [
            (state, nfa.route(way, route)) for way in range(part[2]) for state, route in last
        ]
        empty = min(2, empty * part[2])
    return first, last, empty


def _build_item(
    name: str, av: Any, flags: int, nfa: _Automaton, asserted: list[tuple[Any, int]]
) -> _Part:
    if name in ("LITERAL", "NOT_LITERAL", "IN", "ANY", "CATEGORY"):
        state = nfa.position(_Atom(name, av, flags))
        return [(state, 0)], [(state, 0)], 0
    if name == "GROUPREF":  # taken as any one character, or nothing
        state = nfa.position(_Atom("ANY", None, flags | re.DOTALL))
        return [(state, 0)], [(state, 0)], 1
    if name in _REPEATS:
        low, high, body = av
        if high != sre_constants.MAXREPEAT and high <= _EXPANDED:
            if high <= 1:
                first, last, empty = _build(body, flags, nfa, asserted) if high else ([], [], 1)
                return first, last, min(2, empty + (low == 0))
            # low copies, then high - low optional ones nested: x{1,3} = x(x(x)?)?
            optional: list[tuple[Any, Any]] = []
            for _ in range(high - low):
                optional = [(name, (0, 1, [*body, *optional]))]
            return _build([(name, (1, 1, body))] * low + optional, flags, nfa, asserted)
        first, last, empty = _build(body, flags, nfa, asserted)
        nfa.join(last, first)  # another round
        return first, last, min(2, empty + (low == 0))
    if name == "SUBPATTERN":
        return _build(av[-1], (flags | av[1]) & ~av[2], nfa, asserted)
    if name == "ATOMIC_GROUP":
        return _build(av, flags, nfa, asserted)
    if name in ("BRANCH", "GROUPREF_EXISTS"):
        branches = av[1] if name == "BRANCH" else [av[1], av[2] or []]
        firsts: list[_End] = []
        lasts: list[_End] = []
        empty = 0
        for number, branch in enumerate(branches):
            first, last, nothing = _build(branch, flags, nfa, asserted)
            firsts += [(state, nfa.route(number, route)) for state, route in first]
            lasts += [(state, nfa.route(number, route)) for state, route in last]
            empty = min(2, empty + nothing)
        return firsts, lasts, empty
    if name in ("ASSERT", "ASSERT_NOT"):
        asserted.append((av[1], flags))
    return [], [], 1  # AT, lookarounds: read nothing


def _masks(atoms: list[_Atom]) -> list[int]:
    """Each atom's characters, as a bit set over the characters tried."""
    tried = set(_SAMPLE)
    for atom in atoms:
        values: list[int] = []
        if atom.op in ("LITERAL", "NOT_LITERAL"):
            values = [atom.items]
        elif atom.op == "IN":
            for op, value in atom.items:
                if str(op) == "LITERAL":
                    values.append(value)
                elif str(op) == "RANGE":
                    values.extend(value)
        for value in values:
            for near in (value - 1, value, value + 1):
                if 0 <= near <= sys.maxunicode:
                    tried.add(chr(near))
                    if atom.flags & re.IGNORECASE:
                        tried.update(chr(near).lower(), chr(near).upper())
    alphabet = sorted(tried)
    categories: dict[tuple[str, int], int] = {}

    def category(name: str, flags: int) -> int:
        key = (name, flags & re.ASCII)
        if key not in categories:
            source = re.compile(_CATEGORIES.get(name, r"(?s:.)"), key[1])
            categories[key] = sum(
                1 << bit for bit, char in enumerate(alphabet) if source.fullmatch(char)
            )
        return categories[key]

    everything = (1 << len(alphabet)) - 1
    masks = []
    for atom in atoms:
        if atom.op == "ANY":
            newline = 0 if atom.flags & re.DOTALL else 1 << alphabet.index("\n")
            mask = everything & ~newline
        elif atom.op == "CATEGORY":
            mask = category(str(atom.items), atom.flags)
        else:
            mask = sum(1 << bit for bit, char in enumerate(alphabet) if _admits(atom, char))
            if atom.op == "IN":  # _admits read the class without its categories
                named = 0
                for op, value in atom.items:
                    if str(op) == "CATEGORY":
                        named |= category(str(value), atom.flags)
                negated = any(str(op) == "NEGATE" for op, _ in atom.items)
                mask = mask & ~named if negated else mask | named
        masks.append(mask)
    return masks


def _admits(atom: _Atom, char: str) -> bool:
    """Whether `atom` admits `char`, its categories left aside (`_masks` adds them)."""
    if atom.flags & re.IGNORECASE:
        return any(_admits_exactly(atom, c) for c in {char, char.lower(), char.upper()})
    return _admits_exactly(atom, char)


def _admits_exactly(atom: _Atom, char: str) -> bool:
    code = ord(char)
    if atom.op == "LITERAL":
        return bool(code == atom.items)
    if atom.op == "NOT_LITERAL":
        return bool(code != atom.items)
    negate = False
    hit = False
    for op, value in atom.items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            hit = hit or code == value
        elif name == "RANGE":
            hit = hit or value[0] <= code <= value[1]
        elif name != "CATEGORY":
            hit = True  # something unforeseen: taken to admit everything
    return hit != negate


def _ambiguous(items: Any, flags: int) -> bool:
    """Whether some repeat of the parsed pattern can read one text in two ways (see above)."""
    nfa = _Automaton()
    asserted: list[tuple[Any, int]] = []
    try:
        first, _, _ = _build(items, flags, nfa, asserted)
    except _TooLarge:
        return False
    nfa.follow[0] = first
    if any(_ambiguous(body, inner) for body, inner in asserted):
        return True
    follow = nfa.follow
    # Two paths from q back to q stay within q's cycle: each cycle of states is looked at alone.
    for cycle in _components(range(len(follow)), lambda q: [p for p, _ in follow[q]]):
        members = set(cycle)
        if len(cycle) == 1 and not any(p == cycle[0] for p, _ in follow[cycle[0]]):
            continue  # on no cycle
        inside = {q: [(p, route) for p, route in follow[q] if p in members] for q in cycle}
        if all(len(edges) == 1 for edges in inside.values()):
            # one way round (`\s*`, `(ab)+`): from (q, q) the product only ever takes the same
            # edge twice, so the sets of characters (the costly part) are not needed
            continue
        masks = dict(zip(cycle, _masks([nfa.atoms[q] for q in cycle]), strict=True))
        if _two_ways_round(cycle, inside, masks):
            return True
    return False


def _two_ways_round(
    cycle: list[int], follow: dict[int, list[tuple[int, int]]], masks: dict[int, int]
) -> bool:
    """Whether, in the product of the cycle's automaton with itself, a cycle through a pair (q, q)
    holds a pair of two states or a pair of two different edges to one state."""
    divergent: list[tuple[tuple[int, int], tuple[int, int]]] = []

    def successors(node: tuple[int, int]) -> list[tuple[int, int]]:
        x, y = node
        found = []
        for p, route_p in follow[x]:
            for q, route_q in follow[y]:
                if masks[p] & masks[q]:
                    found.append((p, q))
                    if x == y and p == q and route_p != route_q:
                        divergent.append((node, (p, q)))
        return found

    for component in _components([(q, q) for q in cycle], successors):
        members = set(component)
        if any(a == b for a, b in component) and (
            any(a != b for a, b in component)
            or any(a in members and b in members for a, b in divergent)
        ):
            return True
    return False


_Node = TypeVar("_Node", int, tuple[int, int])


def _components(
    roots: Iterable[_Node], successors: Callable[[_Node], list[_Node]]
) -> Iterator[list[_Node]]:
    """The strongly connected components of the graph reachable from `roots` (Tarjan's, without
    recursion: a pattern's automaton can be deep)."""
    index: dict[_Node, int] = {}
    low: dict[_Node, int] = {}
    on_stack: set[_Node] = set()
    stack: list[_Node] = []
    for root in roots:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(successors(root)))]
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors(child))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    yield component


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a rule author's pattern with MULTILINE, or raise ValueError with a Chinese reason."""
    flags = int(flags | re.MULTILINE)
    if _kept_safe(pattern, flags):
        kept = _kept(pattern, flags)
        if kept is not None:
            return kept
    try:
        parsed = sre_parse.parse(pattern, flags)
    except re.error as exc:
        raise ValueError(f"正则表达式无效：{exc}") from None
    _walk(parsed)
    if _ambiguous(parsed, flags):
        raise UnsafePatternError(
            "重复的部分能以多种方式匹配同一段文字（如 (a|aa)+、(\\w+.)+），可能导致灾难性回溯"
        )
    _keep_safe(pattern, flags)
    kept = _kept(pattern, flags)
    if kept is not None:
        return kept
    try:
        compiled = re.compile(pattern, flags)
    except re.error as exc:
        raise ValueError(f"正则表达式无效：{exc}") from None
    _keep(compiled, flags)
    return compiled


# --- compiled patterns kept between runs ---------------------------------------------------------
#
# `re` compiles in Python, and a class over CJK ([\u3400-\u9fff], 27,000 code points) costs it
# a millisecond or more: compiling the shipped packs takes ~70 ms of a ~0.4 s run on one report.
# The compiled form is sre code, a list of integers, which CPython's `_sre.compile` turns into a
# pattern object (validating the code first, so that a damaged entry cannot crash the process).
# fzlint keeps that code for the patterns of its rule packs and its own (see fzlint.derived),
# keyed by fzlint's code, the exact Python build and sre's MAGIC number, and checks each entry
# against `re.compile`'s own pattern before keeping it. What `line_local` and `first_characters`
# make of a pattern is kept beside it, and so is the guard's verdict on a rule author's pattern
# (its analysis, ~15 ms for the shipped packs, is skipped for a pattern it passed before): an entry
# is read only when nobody else could have written it (fzlint.derived), and it is keyed by
# fzlint's code, so a changed guard judges every pattern again. This reaches below `re`'s public
# API (`_sre.compile`, and the compiler's `_code`, unchanged from Python 3.7 to 3.13); anything
# unexpected there means the pattern is simply compiled as usual.

_MAX_KEPT = 4096
_CODE_TYPE = "I"  # sre code words are unsigned, _sre.CODESIZE bytes each
_store: dict[tuple[Any, ...], Any] | None = None
_added: dict[tuple[Any, ...], Any] = {}
# The key of the guard's verdict on (pattern, flags): a compiled entry alone may be one of
# fzlint's own patterns (`compile_kept`), which the guard does not judge.
_SAFE = "safe"


_store_paths: dict[str | None, str | None] = {}


def _store_path() -> str | None:
    """Where the compiled patterns are kept, for the cache folder in use (asked for by every
    pattern a run compiles or reads back: worked out once per folder)."""
    folder = derived.path()
    if folder not in _store_paths:
        _store_paths[folder] = _new_store_path()
    return _store_paths[folder]


def _new_store_path() -> str | None:
    if sys.implementation.name != "cpython":
        return None
    import _sre

    if array(_CODE_TYPE).itemsize != _sre.CODESIZE:
        return None

    # keyed by fzlint's code: what another fzlint compiled is not read
    source = derived.source_digest()[:20]
    build = f"{source}-{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}"
    return derived.path("patterns", f"{build}.marshal")


def _kept_entries() -> dict[tuple[Any, ...], Any]:
    global _store
    if _store is None:
        path = _store_path()
        data = derived.read(path) if path else None
        _store = data if isinstance(data, dict) else {}
    return _store


def _from_entry(pattern: str, entry: tuple[Any, ...]) -> re.Pattern[str]:
    import _sre

    flags, code, groups, groupindex, indexgroup = entry
    # the code is kept as the bytes of an array of code words: marshal reads bytes at once,
    # where 30,000 ints (many of them 32-bit bitmap words) took it ~25 ms
    words = array(_CODE_TYPE, code).tolist()
    return _sre.compile(pattern, flags, words, groups, groupindex, indexgroup)  # type: ignore[no-any-return]


def _kept(pattern: str, flags: int) -> re.Pattern[str] | None:
    if _store_path() is None:
        return None
    entry = _kept_entries().get((pattern, flags))
    if entry is None:
        return None
    try:
        return _from_entry(pattern, entry)
    except Exception:
        return None


def _kept_safe(pattern: str, flags: int) -> bool:
    """Whether the guard passed `pattern` under `flags` in an earlier run."""
    return _store_path() is not None and _kept_entries().get((_SAFE, pattern, flags)) is True


def _keep_safe(pattern: str, flags: int) -> None:
    if _store_path() is not None and not _kept_safe(pattern, flags):
        _added[(_SAFE, pattern, flags)] = True


def _keep(compiled: re.Pattern[str], flags: int) -> None:
    if _store_path() is None:
        return
    try:
        compiler = getattr(re, "_compiler", None) or __import__("sre_compile")
        parsed = sre_parse.parse(compiled.pattern, flags)
        code = compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        # plain ints: the compiler's opcodes are an int subclass, which marshal refuses
        entry = (int(flags | parsed.state.flags), array(_CODE_TYPE, code).tobytes(),
                 int(parsed.state.groups - 1), groupindex, tuple(indexgroup))  # fmt: skip
        rebuilt = _from_entry(compiled.pattern, entry)
    except Exception:
        return
    if (rebuilt.flags, rebuilt.groups, rebuilt.groupindex) == (
        compiled.flags,
        compiled.groups,
        compiled.groupindex,
    ):
        _added[(compiled.pattern, flags)] = entry


def compile_kept(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile` through the store of compiled patterns, for fzlint's own patterns (compiled
    when their modules are imported: the CLI sets the store's folder before importing them)."""
    flags = int(flags)
    kept = _kept(pattern, flags)
    if kept is None:
        kept = re.compile(pattern, flags)
        _keep(kept, flags)
    return kept


def save_compiled() -> None:
    """Write the patterns compiled in this run to the store (merged with what another run may
    have written meanwhile; past `_MAX_KEPT` entries, the store starts again from this run's)."""
    global _store
    path = _store_path()
    if path is None or not _added:
        return
    data = derived.read(path)
    merged = data if isinstance(data, dict) else {}
    if len(merged) + len(_added) > _MAX_KEPT:
        merged = {}
    merged.update(_added)
    derived.write(path, merged)
    _store = merged
    _added.clear()


# Whether a character class item admits "\n": categories by name (\s, \W, \D admit it).
_NEWLINE_CATEGORIES = {
    "CATEGORY_SPACE": True,
    "CATEGORY_NOT_SPACE": False,
    "CATEGORY_DIGIT": False,
    "CATEGORY_NOT_DIGIT": True,
    "CATEGORY_WORD": False,
    "CATEGORY_NOT_WORD": True,
    "CATEGORY_LINEBREAK": True,
    "CATEGORY_NOT_LINEBREAK": False,
}
_NEWLINE = ord("\n")


def _class_admits_newline(items: Any) -> bool:
    negate = False
    hit = False
    for op, av in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            hit = hit or av == _NEWLINE
        elif name == "RANGE":
            hit = hit or av[0] <= _NEWLINE <= av[1]
        elif name == "CATEGORY":
            hit = hit or _NEWLINE_CATEGORIES.get(str(av), True)
        else:
            return True
    return hit != negate


def _stays_in_line(items: Any, dotall: bool) -> bool:
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            ok = av != _NEWLINE
        elif name == "NOT_LITERAL":
            ok = av == _NEWLINE
        elif name == "ANY":
            ok = not dotall
        elif name == "IN":
            ok = not _class_admits_newline(av)
        elif name == "CATEGORY":
            ok = not _NEWLINE_CATEGORIES.get(str(av), True)
        elif name == "AT":
            ok = str(av) != "AT_END_STRING"
        elif name in _REPEATS:
            ok = _stays_in_line(av[2], dotall)
        elif name == "SUBPATTERN":  # (group, flags added, flags removed, body)
            inner = (dotall or bool(av[1] & re.DOTALL)) and not av[2] & re.DOTALL
            ok = _stays_in_line(av[-1], inner)
        elif name in _GROUPS:
            ok = _stays_in_line(_body(name, av), dotall)
        elif name == "BRANCH":
            ok = all(_stays_in_line(branch, dotall) for branch in av[1])
        elif name in {"ASSERT", "ASSERT_NOT"}:
            # a lookbehind sees the same text whether a search starts at the line or before it
            ok = av[0] < 0 or _stays_in_line(av[1], dotall)
        elif name == "GROUPREF":
            ok = True  # repeats a group, which is checked itself
        else:
            ok = False
        if not ok:
            return False
    return True


def _kept_analysis(
    name: str, pattern: re.Pattern[str], compute: Callable[[], Any], valid: Callable[[Any], bool]
) -> Any:
    """`compute()`, or what it gave for `pattern` in an earlier run (kept beside its code) when
    that is `valid` (of the type `compute` returns: anything else is a damaged store)."""
    if _store_path() is None:
        return compute()
    key = (name, pattern.pattern, int(pattern.flags))
    entries = _kept_entries()
    if key in entries and valid(entries[key]):
        return entries[key]
    value = _added[key] = compute()
    return value


def _is_bool(value: Any) -> bool:
    return type(value) is bool


def _is_strings(value: Any) -> bool:
    return value is None or (type(value) is list and all(type(item) is str for item in value))


def _is_class(value: Any) -> bool:
    return value is None or (type(value) is str and value.startswith("[") and value.endswith("]"))


def line_local(pattern: re.Pattern[str]) -> bool:
    """Whether `pattern` finds the same matches in a run of whole lines searched at once as in
    each of its lines searched alone (with MULTILINE): no part of it, lookaheads included, can
    take a newline, and it has no `\\Z`. At a line's end a lookahead then fails on the newline as
    it fails on the end of a lone line, and `$` holds in both."""
    return bool(_kept_analysis("line_local", pattern, lambda: _line_local(pattern), _is_bool))


def _line_local(pattern: re.Pattern[str]) -> bool:
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags & ~re.UNICODE)
    except re.error:
        return False
    return _stays_in_line(parsed, bool(pattern.flags & re.DOTALL))


# --- what a match must contain -------------------------------------------------------------------
#
# Most patterns find nothing in most reports, and searching a report for a pattern costs far more
# than looking for a plain string in it. When every match must contain one of a few strings (打印本页
# or 关闭窗口; ICP备 or 公网安备), a report that contains none of them cannot match at all.


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of `pattern` contains, so that a text containing none of
    them has no match; None when no such strings can be told (then search the text)."""
    found = _kept_analysis("required_literals", pattern, lambda: _required_of(pattern), _is_strings)
    return None if found is None else tuple(found)


def parsed_for_analysis(pattern: re.Pattern[str]) -> Any | None:
    """`pattern` parsed (sre_parse's tree), for an analysis of what every match must contain;
    None for a pattern ignoring case (what it needs, it needs in either case: not worth it) or
    one that does not parse."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        return sre_parse.parse(pattern.pattern, pattern.flags & ~re.UNICODE)
    except re.error:
        return None


def _required_of(pattern: re.Pattern[str]) -> list[str] | None:
    parsed = parsed_for_analysis(pattern)
    found = None if parsed is None else _required(parsed)
    return None if found is None else sorted(found)


def _required(items: Any) -> set[str] | None:
    """For a sequence: the most telling of the sets its parts require (a run of literal characters
    is a set of one string), the one whose shortest string is longest."""
    best: set[str] | None = None

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if (
            candidate
            and all(candidate)
            and (best is None or min(map(len, candidate)) > min(map(len, best)))
        ):
            best = candidate

    run: list[str] = []
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(av))
            continue
        consider({"".join(run)} if run else None)
        run = []
        consider(_required_item(name, av))
    consider({"".join(run)} if run else None)
    return best


def _required_item(name: str, av: Any) -> set[str] | None:
    if name in _REPEATS:
        return _required(av[2]) if av[0] >= 1 else None  # an optional part requires nothing
    if name == "SUBPATTERN" and av[1] & re.IGNORECASE:
        return None
    if name in _GROUPS:
        return _required(_body(name, av))
    if name == "ASSERT":
        return _required(av[1])  # what a lookaround requires stands in the text too
    if name == "BRANCH":
        found: set[str] = set()
        for branch in av[1]:
            required = _required(branch)
            if required is None:
                return None  # a branch that requires nothing lets any text through
            found |= required
        return found
    return None  # a class, a negative lookaround, a back reference …: no string for certain


# --- where a match can start ---------------------------------------------------------------------
#
# A pattern that opens with a lookbehind ((?<=[\u3400-\u9fff]),) gives `re` no prefix to search
# for, so it tries the whole pattern at every character. When every match must start with one of
# a few characters (the comma), searching for those characters first and trying the pattern only
# there finds the same matches, many times faster on a report with few such characters.

_FIRST_LIMIT = 256  # a start set of more characters than this is not worth a first search


class _NoFirst(Exception):
    pass


def _first_items(items: Any) -> tuple[list[tuple[str, Any]], bool]:
    """The class items a match of `items` can start with, and whether `items` can match empty."""
    found: list[tuple[str, Any]] = []
    for op, av in items:
        first, nullable = _first_item(str(op), av)
        found += first
        if not nullable:
            return found, False
    return found, True


def _first_item(name: str, av: Any) -> tuple[list[tuple[str, Any]], bool]:
    if name == "LITERAL":
        return [("LITERAL", av)], False
    if name == "IN":
        if any(str(op) not in ("LITERAL", "RANGE") for op, _ in av):
            raise _NoFirst  # a negated class or a category: almost any character
        return [(str(op), value) for op, value in av], False
    if name in ("ASSERT", "ASSERT_NOT", "AT"):
        return [], True
    if name in _REPEATS:
        first, nullable = _first_items(av[2])
        return first, nullable or av[0] == 0
    if name == "SUBPATTERN" and av[1] & re.IGNORECASE:
        raise _NoFirst  # (?i:…): the first characters in either case
    if name in _GROUPS:
        return _first_items(_body(name, av))
    if name == "BRANCH":
        found: list[tuple[str, Any]] = []
        nullable = False
        for branch in av[1]:
            first, empty = _first_items(branch)
            found += first
            nullable = nullable or empty
        return found, nullable
    raise _NoFirst  # ANY, NOT_LITERAL, CATEGORY, GROUPREF …: no short list of first characters


def first_characters(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern matching the characters that any match of `pattern` starts with, when they are
    few; None when they are many or cannot be told (then search with `pattern` itself)."""
    found = _kept_analysis("first_characters", pattern, lambda: _first_class(pattern), _is_class)
    return None if found is None else compile_kept(found, pattern.flags & re.IGNORECASE)


def _first_class(pattern: re.Pattern[str]) -> str | None:
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags & ~re.UNICODE)
    except re.error:
        return None
    # re finds a literal or character-class prefix itself, and an anchor (^, \A) fails at
    # once: only a pattern that opens with a lookaround leaves it trying every character
    if not len(parsed) or str(parsed[0][0]) not in ("ASSERT", "ASSERT_NOT"):
        return None
    return _first_set(parsed)


def _first_set(parsed: Any) -> str | None:
    """A class of the characters a match of the parsed pattern starts with, when they are few;
    None when they are many, cannot be told, or a match can be empty."""
    try:
        items, nullable = _first_items(parsed)
    except _NoFirst:
        return None
    size = sum(1 if op == "LITERAL" else value[1] - value[0] + 1 for op, value in items)
    if nullable or not items or size > _FIRST_LIMIT:
        return None
    parts = [
        f"\\U{value:08x}" if op == "LITERAL" else f"\\U{value[0]:08x}-\\U{value[1]:08x}"
        for op, value in items
    ]
    return f"[{''.join(parts)}]"


# Better still, the pattern less its opening lookbehinds (`,[ \t]*(?=[\u3400-\u9fff])`) is searched
# by `re` itself when it opens with a literal or a class: a search for it stops only where the
# whole pattern but its lookbehinds matches, with no step of Python between the places it skips.
# Every match of the pattern starts at a match of that rest (a lookbehind reads no text), so trying
# the pattern there still finds every match.


def match_starts(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern whose search from any position stops at or before the first place there where
    `pattern` matches, and stops seldom elsewhere: `pattern` less its opening lookbehinds, where
    `re` scans for what that rest starts with; else `checked_starts`; else `first_characters`;
    None when none helps (then search with `pattern` itself). For `find_all`."""
    rest = _kept_analysis(
        "after_lookbehinds", pattern, lambda: _after_lookbehinds(pattern), _is_text
    )
    if rest is not None:
        # A rest with a class of thousands of characters ([\u3400-\u9fff]: ~1 ms for `re` to
        # compile, in each run without a cache) stops, past its first character, where most of
        # its text is Han anyway: its first characters stop at the same places.
        first = first_characters(pattern) if _wide_class(rest, pattern.flags) else None
        if first is not None:
            return first
        try:
            return compile_kept(rest, pattern.flags)
        except re.error:
            return first_characters(pattern)
    checked = checked_starts(pattern)
    if checked is not None:
        return checked
    return first_characters(pattern)


# A pattern that opens with neither of those (a repeat: `[ \t\u3000]{1,2}(?=[0-9])`, a group
# repeated, an optional part, `^` in a multiline pattern) leaves `re` trying it at every position,
# and the first characters alone stop the search at every space or every 、, where Python then
# tries the pattern and mostly fails. `C(?<=(?=P)(?s:.))` does both steps inside `re`: it scans
# for a first character C of P (a class `re` scans for), and at each, steps back over it and
# checks that P matches from there. Its search stops exactly where P matches, so `find_all` tries
# P only where it matches. It is left out when P refers back to a group (a reference inside a
# lookbehind to a group of the same lookbehind is refused by `re`), opens with `\A` (tried once
# anyway), sets flags for the whole pattern inline, or is written verbose.


def checked_starts(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern matching the first character of each match of `pattern` (at its start), and
    nowhere else, when `pattern` opens with no prefix `re` scans for by itself and its matches
    start with few characters; None otherwise. For `find_all`."""
    found = _kept_analysis("checked_starts", pattern, lambda: _checked_source(pattern), _is_text)
    return None if found is None else compile_kept(found, pattern.flags)


def _checked_source(pattern: re.Pattern[str]) -> str | None:
    source, flags = pattern.pattern, pattern.flags & ~re.UNICODE
    if flags & re.VERBOSE or _GLOBAL_FLAGS.match(source):
        return None
    try:
        parsed = sre_parse.parse(source, flags)
    except re.error:
        return None
    if not len(parsed) or _scanned_prefix(parsed):
        return None
    if str(parsed[0][0]) == "AT" and (
        str(parsed[0][1]) == "AT_BEGINNING_STRING" or not flags & re.MULTILINE
    ):
        return None  # \A, or ^ of a single-line pattern: re tries it at the start only
    first = _first_set(parsed)
    if first is None:
        return None
    checked = f"{first}(?<=(?={source})(?s:.))"
    try:
        compiled = re.compile(checked, pattern.flags)
    except re.error:  # a back reference inside the lookbehind
        return None
    return checked if compiled.groups == pattern.groups else None


# Flags for the whole pattern, which `re` takes only at its very start: `(?i)`, `(?ms)`.
_GLOBAL_FLAGS = compile_kept(r"\(\?[aiLmsux]+\)")


def _is_text(value: Any) -> bool:
    return value is None or type(value) is str


def _after_lookbehinds(pattern: re.Pattern[str]) -> str | None:
    """The source of `pattern` after the lookbehinds it opens with, when that rest opens with a
    literal, a class or a choice of literals (which `re` scans for); None otherwise.

    The lookbehinds are cut off the source text (each checked, parsed alone, to be one lookbehind
    holding no group, so the rest numbers and names its groups as it can); a pattern ignoring
    case or written verbose is left whole."""
    source, flags = pattern.pattern, pattern.flags & ~re.UNICODE
    if flags & (re.IGNORECASE | re.VERBOSE):
        return None
    start = 0
    while source.startswith(("(?<=", "(?<!"), start):
        end = _group_end(source, start)
        if end is None:
            return None
        try:
            parsed = sre_parse.parse(source[start:end], flags)
        except re.error:
            return None
        if len(parsed) != 1 or str(parsed[0][0]) not in ("ASSERT", "ASSERT_NOT"):
            return None
        if parsed[0][1][0] >= 0 or parsed.state.groups != 1:  # a lookahead, or a group inside
            return None
        start = end
    if not start:
        return None
    rest = source[start:]
    try:
        items = sre_parse.parse(rest, flags)
    except re.error:
        return None
    return rest if _scanned_prefix(items) else None


# A class of more characters than this costs `re` about a millisecond to compile per 27,000.
_WIDE = 1024


def _wide_class(source: str, flags: int) -> bool:
    """Whether the pattern `source` holds a class of more than `_WIDE` characters."""
    try:
        parsed = sre_parse.parse(source, flags & ~re.UNICODE)
    except re.error:
        return False
    return _holds_wide(parsed)


def _holds_wide(items: Any) -> bool:
    for op, av in items:
        name = str(op)
        if name == "IN":
            if any(str(o) == "RANGE" and v[1] - v[0] > _WIDE for o, v in av):
                return True
        elif name in _REPEATS:
            if _holds_wide(av[2]):
                return True
        elif name in _GROUPS:
            if _holds_wide(_body(name, av)):
                return True
        elif name == "BRANCH":
            if any(_holds_wide(branch) for branch in av[1]):
                return True
        elif name in ("ASSERT", "ASSERT_NOT") and _holds_wide(av[1]):
            return True
    return False


def _group_end(source: str, start: int) -> int | None:
    """Where the group opening at `source[start]` closes (the index after its `)`)."""
    depth = 0
    index = start
    in_class = False
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            # `]` right after `[` or `[^` stands for itself
            if source.startswith("^", index + 1):
                index += 1
            if source.startswith("]", index + 1):
                index += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return None


def _scanned_prefix(items: Any) -> bool:
    """Whether `re` searches for the start of `items` by itself (its compiler's literal or
    character-set prefix): a literal, a class, or a choice of alternatives each opening with a
    literal, inside any groups."""
    while True:
        if not len(items):
            return False
        name, av = str(items[0][0]), items[0][1]
        if name != "SUBPATTERN":
            break
        if av[1] or av[2]:  # flags set or cleared inside the group
            return False
        items = av[-1]
    if name in ("LITERAL", "IN"):
        return True
    return name == "BRANCH" and all(
        len(branch) and str(branch[0][0]) == "LITERAL" for branch in av[1]
    )


def find_all(
    pattern: re.Pattern[str], first: re.Pattern[str] | None, text: str, start: int, end: int
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, start, end)`, trying `pattern` only where `first` matches (see
    `match_starts`)."""
    if first is None:
        yield from pattern.finditer(text, start, end)
        return
    search, match = first.search, pattern.match
    position = start
    while True:
        candidate = search(text, position, end)
        if candidate is None:
            return
        found = match(text, candidate.start(), end)
        if found is None:
            position = candidate.start() + 1
        else:
            yield found
            position = max(found.end(), candidate.start() + 1)
