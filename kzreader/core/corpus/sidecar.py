"""``metadata.yaml`` beside the articles: curated metadata that wins over the files' own."""

from __future__ import annotations

from pathlib import Path

from ..atomic import read_user_file
from ..text import clean_text
from ..yamlsafe import YamlError, brief, load_yaml
from .formats import META_KEYS
from .scan import LoadIssue

SIDECAR_NAMES = ("metadata.yaml", "metadata.yml")
MAX_SIDECAR_BYTES = 64 << 20  # about 200,000 articles' curated metadata


def load_sidecar(root: Path) -> tuple[dict[str, dict[str, str]], list[LoadIssue]]:
    """Curated metadata from ``metadata.yaml`` beside the articles; it wins over the text."""
    for name in SIDECAR_NAMES:
        path = root / name
        if path.is_file():
            break
    else:
        return {}, []
    try:
        data = load_yaml(read_user_file(path, MAX_SIDECAR_BYTES).decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        why = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        return {}, [LoadIssue(name, f"ignored: cannot be read ({why})")]
    except YamlError as error:
        return {}, [LoadIssue(name, f"ignored: {error}")]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [LoadIssue(name, "ignored: expected a mapping of article id to metadata")]
    out: dict[str, dict[str, str]] = {}
    issues: list[LoadIssue] = []
    for key, value in data.items():
        if not isinstance(value, dict):
            issues.append(LoadIssue(name, f"entry {brief(key)} ignored: expected a mapping"))
            continue
        entry = {
            k: str(v)
            for k, v in value.items()
            if k in META_KEYS and v is not None and not isinstance(v, list | dict)
        }
        unknown = sorted(brief(k) for k in value if k not in META_KEYS)
        if unknown:
            listed = ", ".join(unknown[:5]) + (", …" if len(unknown) > 5 else "")
            issues.append(LoadIssue(name, f"entry {brief(key)}: unknown keys ignored: {listed}"))
        out[str(key)] = {k: clean_text(v) for k, v in entry.items()}
    return out, issues
