"""Cost of the stale-name rules on a 1,000-report folder: shipped knowledge base vs 10,000 entries.

    .venv/bin/python bench/stale_names.py [CORPUS_DIR]

Builds a folder of 1,000 reports by replicating the corpus (tests/data/corpus by default), then
times the four FZ60x rules over every report twice: with the shipped knowledge base, and with a
synthetic one of 10,000 entries (the shipped ones plus invented local regulations, bodies and
phrases). The matching is one Aho-Corasick pass per report whatever the number of entries, so the
second figure may cost at most 1.5x the first; the script exits 1 when it does not.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

from fzlint.document.source import Document
from fzlint.engine.packs import load_pack, select
from fzlint.engine.rule import LintContext
from fzlint.engine.runner import lint_document

REPORTS = 1000
ENTRIES = 10_000
ROUNDS = 7
MAX_RATIO = 1.5

_PLACES = "东西南北中新安和平宁康泰华兴隆丰顺永昌明清河山江湖海城"
_TOPICS = (
    "物业管理",
    "城市绿化",
    "市容环境卫生",
    "养犬管理",
    "燃气管理",
    "河道管理",
    "文明行为促进",
    "电动自行车管理",
    "历史文化名城保护",
    "农村公路",
    "生活垃圾分类",
    "湖泊保护",
)
_KINDS = ("条例", "办法", "规定", "实施办法", "实施细则")


def build_folder(corpus: Path, target: Path) -> list[Path]:
    sources = sorted(corpus.glob("*.txt"))
    if not sources:
        raise SystemExit(f"no reports in {corpus}")
    paths = []
    for i in range(REPORTS):
        path = target / f"{i:04d}.txt"
        shutil.copyfile(sources[i % len(sources)], path)
        paths.append(path)
    return paths


def synthetic_entries(count: int) -> str:
    """YAML for `count` invented local entries of every scope (names unique, dates plausible)."""
    rng = random.Random(5)
    scopes = ("current", "mention", "anachronism")
    lines = []
    for i in range(count):
        place = "".join(rng.choice(_PLACES) for _ in range(2))
        name = f"{place}市{rng.choice(_TOPICS)}{rng.choice(_KINDS)}第{i}号"
        scope = scopes[i % 3]
        lines.append(
            f"  - id: local-{i}\n"
            f"    type: law\n"
            f"    name: 《{name}》\n"
            f"    forms: [《{name}》]\n"
            f"    replacement: 《{place}市新{name[3:]}》\n"
            f"    since: {rng.randint(2016, 2025)}-{rng.randint(1, 12):02d}-01\n"
            f"    scope: {scope}\n"
            f"    source: {place}市人民代表大会常务委员会公告第{i}号\n"
        )
    return "".join(lines)


def large_pack(folder: Path) -> Path:
    """The shipped pack beside a knowledge base of ENTRIES entries (shipped + synthetic)."""
    shipped = resources.files("fzlint.rules")
    (folder / "data").mkdir()
    pack = folder / "stale-names.yaml"
    pack.write_text((shipped / "stale-names.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    base = (shipped / "data" / "stale-names.yaml").read_text(encoding="utf-8")
    shipped_count = base.count("\n  - id: ")
    extra = synthetic_entries(ENTRIES - shipped_count)
    (folder / "data" / "stale-names.yaml").write_text(base + extra, encoding="utf-8")
    return pack


def load_rules_timed(pack: Path) -> tuple[list, float]:
    start = time.perf_counter()
    rules = select(load_pack(str(pack)), ["stale-name"])
    return rules, time.perf_counter() - start


def lint_all(rules: list, texts: list[tuple[str, str]]) -> tuple[float, int]:
    """Seconds to lint every report, one fresh document at a time as the CLI does, and findings."""
    start = time.perf_counter()
    findings = sum(
        len(lint_document(Document(text, path), rules, LintContext())) for path, text in texts
    )
    return time.perf_counter() - start, findings


def main() -> int:
    default = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        paths = build_folder(corpus, folder)
        size = sum(p.stat().st_size for p in paths) / 1e6
        shipped_pack = Path(str(resources.files("fzlint.rules") / "stale-names.yaml"))
        big_folder = Path(tmp) / "big"
        big_folder.mkdir()
        big_pack = large_pack(big_folder)
        small_rules, small_load = load_rules_timed(shipped_pack)
        large_rules, large_load = load_rules_timed(big_pack)
        texts = [(str(p), p.read_text(encoding="utf-8")) for p in paths]
    shipped_entries = len(small_rules[0].checker.knowledge.entries)
    # Rounds alternate between the two knowledge bases, so that load from other processes on the
    # machine falls on both alike; the best round of each counts.
    best = {"small": float("inf"), "large": float("inf")}
    findings = {}
    for _ in range(ROUNDS):
        for key, rules in (("small", small_rules), ("large", large_rules)):
            seconds, findings[key] = lint_all(rules, texts)
            best[key] = min(best[key], seconds)
    results = {
        f"shipped knowledge base ({shipped_entries} entries)": (
            small_load,
            best["small"],
            findings["small"],
        ),
        f"synthetic knowledge base ({ENTRIES} entries)": (
            large_load,
            best["large"],
            findings["large"],
        ),
    }
    print(f"{REPORTS} reports, {size:.1f} MB; stale-name rules FZ601-FZ604, best of {ROUNDS}")
    for label, (loaded, seconds, findings) in results.items():
        print(
            f"  {label}: {seconds * 1000:.0f} ms to lint ({size / seconds:.1f} MB/s), "
            f"{findings} findings; pack load {loaded * 1000:.0f} ms"
        )
    (_, small, small_findings), (_, large, large_findings) = results.values()
    ratio = large / small
    print(f"  ratio: {ratio:.2f}x (limit {MAX_RATIO}x)")
    if small_findings != large_findings:
        print("  the synthetic entries changed the findings", file=sys.stderr)
        return 1
    return 0 if ratio <= MAX_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
