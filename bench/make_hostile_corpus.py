"""Write a folder of nasty article files for trying kzreader by hand (issue 8).

    python bench/make_hostile_corpus.py /tmp/hostile [--big-mb 5] [--tiny 500]
    KZREADER_HOME=/tmp/hxhome kzreader /tmp/hostile

Generated, never committed: some files are large, binary or unreadable. Each
article's title says what is nasty about it, so you can find it in the library.
"""

from __future__ import annotations

import argparse
import codecs
import os
import shutil
import sys
from pathlib import Path

BODY = "President Kassym-Jomart Tokayev met officials in Astana and Moscow."

#: file name → (title, nasty text) written as UTF-8
TEXTS: dict[str, tuple[str, str]] = {
    "markup.txt": (
        "Markup [bold red]x[/] title",
        "[bold red]x[/] [i]it[/i] [link=http://x]y[/link]",
    ),
    "click.txt": (
        "Click [@click=app.quit]z[/] title",
        "[@click=app.quit]quit?[/] [@click=app.bell]b",
    ),
    "unbalanced.txt": ("Unbalanced [/] title", "closing [/] without opening [/bold] and \\"),
    "escapes.txt": (
        "Escapes \x1b]0;PWNED TITLE\x07title",
        "\x1b]8;;http://evil.example\x1b\\a hyperlink\x1b]8;;\x1b\\ \x1b[2J\x1b[H cleared? "
        "\x1b[?1049h alternate screen? \x1b[31mred?\x1b[0m \x1bc reset?",
    ),
    "c1.txt": ("C1 controls", "c1\x85next\x9b31m csi\x9d osc\x9c st \x07bell \x08back"),
    "bidi.txt": (
        "Bidi \u202eevil\u202c overrides",
        "abc \u202etxet desrever\u202c def \u2067iso\u2069",
    ),
    "zero.txt": (
        "Zero-width and combining",
        "zero\u200bwidth\u200d e\u0301\u0327\u0300 Z\u0336a\u0337",
    ),
    "rtl.txt": ("RTL العربية עברית", "العربية لغة جميلة. עברית היא שפה. Mixed with English."),
    "emoji.txt": (
        "Emoji 😀 🇰🇿🇷🇺",
        "emoji 😀👍🏽 flags 🇰🇿🇷🇺 family 👨\u200d👩\u200d👧 keycap 1\ufe0f\u20e3",
    ),
    "longword.txt": ("A 5000-character word", "before " + "Ы" * 2500 + "w" * 2500 + " after"),
    "name with spaces.txt": ("Name with spaces", "The file name has spaces."),
    "Қазақстан жаңалық.txt": ("Unicode file name", "The file name is Kazakh."),
    "new\nline.txt": ("Newline in the file name", "The file name has a newline."),
}


def write(folder: Path, big_mb: int, tiny: int) -> list[str]:
    made: list[str] = []

    def put(name: str, data: bytes) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        made.append(name)

    for name, (title, text) in TEXTS.items():
        put(name, f"{title}\n\n{text}\n\n{BODY} {text}".encode())
    put("latin1.txt", "Latin-1 café\n\nCafé déjà vu in Almaty.".encode("latin-1"))
    put("cp1251.txt", "Кириллица cp1251\n\nАстана и Москва подписали договор.".encode("cp1251"))
    put("utf16.txt", codecs.BOM_UTF16_LE + "UTF-16 with BOM\n\nText in UTF-16.".encode("utf-16-le"))
    put("empty.txt", b"")
    put("whitespace.txt", b"   \n\n\t  \n")
    put("binary.txt", bytes(range(256)) * 8)
    line = ("word " * (2**20 // 5)).encode() + b" zebraline"
    put("one-mb-line.txt", b"One megabyte line\n\n" + line)
    para = ("Astana and Moscow signed a treaty on the Caspian pipeline. " * 6).encode()
    count = big_mb * 2**20 // (len(para) + 12)
    big = b"A big article\n\n" + b"\n\n".join(para + b"Part %d." % i for i in range(count))
    put("big.txt", big + b"\n\nThe end, in Zhanaozen.")
    for i in range(tiny):
        put(f"tiny/t{i:04d}.txt", f"Tiny {i}\n\nItem {i}.".encode())
    deep = Path(*[f"d{i}" for i in range(200)])
    put(str(deep / "bottom.txt"), b"At the bottom\n\nOf a well in Aktobe.")
    loop = folder / "loop"
    loop.mkdir(exist_ok=True)
    if not (loop / "again").is_symlink():
        (loop / "again").symlink_to(loop, target_is_directory=True)
    put("unreadable.txt", b"Unreadable\n\nYou should not see this.")
    os.chmod(folder / "unreadable.txt", 0)  # root reads it anyway
    put(
        "metadata.yaml",
        b"click:\n  title: '[@click=app.quit]Sidecar title'\n"
        b"markup: !!python/object/apply:os.system ['touch /tmp/PWNED']\n",
    )
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--big-mb", type=int, default=5, help="size of big.txt (default 5)")
    parser.add_argument("--tiny", type=int, default=500, help="how many tiny files (default 500)")
    args = parser.parse_args()
    if args.folder.exists():
        shutil.rmtree(args.folder)
    args.folder.mkdir(parents=True)
    made = write(args.folder, args.big_mb, args.tiny)
    print(f"{len(made)} files in {args.folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
