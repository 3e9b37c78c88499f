"""``metadata.yaml`` beside the articles: curated metadata that wins over the files' own."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..text import clean_text
from .formats import META_KEYS
from .scan import LoadIssue

SIDECAR_NAMES = ("metadata.yaml", "metadata.yml")


def load_sidecar(root: Path) -> tuple[dict[str, dict[str, str]], list[LoadIssue]]:
    """Curated metadata from ``metadata.yaml`` beside the articles; it wins over the text."""
    for name in SIDECAR_NAMES:
        path = root / name
        if path.is_file():
            break
    else:
        return {}, []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        tag = re.search(r"tag '([^']*)'", str(getattr(error, "problem", "")))
        if isinstance(error, yaml.constructor.ConstructorError) and tag:
            tag_name = tag.group(1).replace("tag:yaml.org,2002:", "!!")
            reason = f"YAML tag {tag_name!r} is not allowed, plain YAML only"
        return {}, [LoadIssue(name, f"ignored: not valid YAML ({reason})")]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [LoadIssue(name, "ignored: expected a mapping of article id to metadata")]
    out: dict[str, dict[str, str]] = {}
    issues: list[LoadIssue] = []
    for key, value in data.items():
        if not isinstance(value, dict):
            issues.append(LoadIssue(name, f"entry {key!r} ignored: expected a mapping"))
            continue
        entry = {k: str(v) for k, v in value.items() if k in META_KEYS and v is not None}
        unknown = sorted(str(k) for k in value if k not in META_KEYS)
        if unknown:
            issues.append(LoadIssue(name, f"entry {key!r}: unknown keys ignored: {unknown}"))
        out[str(key)] = {k: clean_text(v) for k, v in entry.items()}
    return out, issues
