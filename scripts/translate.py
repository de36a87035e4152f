"""Fill the English catalogue: `missing` lists what needs a translation, `apply` writes them.

    .venv/bin/python scripts/translate.py missing > todo.json     # {"msgid": ""} for new/fuzzy entries
    .venv/bin/python scripts/translate.py apply done.json          # {"msgid": "English"} (or [singular, plural])
    .venv/bin/python scripts/translate.py --po src/canbo/training/locale/en/LC_MESSAGES/django.po missing

An app with its own `locale/` folder has its own catalogue (makemessages puts each file's strings in
the nearest one); `--po` picks it.

Run `make makemessages` first; `apply` clears the fuzzy guesses makemessages leaves behind.
"""

import json
import subprocess
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parents[1] / "src/canbo/locale/en/LC_MESSAGES/django.po"


def _todo(catalogue):
    return [e for e in catalogue if not e.obsolete and (e.fuzzy or not e.translated())]


def main(argv: list[str]) -> int:
    global PO
    if argv[:1] == ["--po"] and len(argv) >= 2:
        PO = Path(argv[1]).resolve()
        argv = argv[2:]
    catalogue = polib.pofile(str(PO), wrapwidth=0)
    if argv[:1] == ["missing"]:
        out = {}
        for e in _todo(catalogue):
            out[e.msgid] = [e.msgid_plural, ""] if e.msgid_plural else ""
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    if argv[:1] == ["apply"] and len(argv) == 2:
        wanted = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        by_id = {e.msgid: e for e in catalogue if not e.obsolete}
        unknown = [k for k in wanted if k not in by_id]
        for msgid, text in wanted.items():
            entry = by_id.get(msgid)
            if entry is None or not text:
                continue
            if entry.msgid_plural:
                singular, plural = text if isinstance(text, list) else (text, text)
                entry.msgstr_plural = {0: singular, 1: plural}
            else:
                entry.msgstr = text
            if entry.fuzzy:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            entry.previous_msgid_plural = None
        catalogue.save(str(PO))
        # Rewrap as gettext does, so that the next `make makemessages` changes nothing else.
        subprocess.run(["msgcat", "-o", str(PO), str(PO)], check=True)
        left = len(_todo(catalogue))
        print(f"applied {len(wanted) - len(unknown)}; unknown msgids {len(unknown)}; still to translate {left}")
        for k in unknown:
            print("  unknown:", k)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
