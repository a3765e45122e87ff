"""Build ``models/lexicons/units.json`` from pint's unit registry, ISO 4217 and the override file (issue 19).

Usage: .venv/bin/python scripts/build_unit_lexicon.py [--check]

Sources, in order (a later one adds forms to a unit and wins on a form both give):

1. **pint** (``pint.UnitRegistry()``, the default definitions): every unit whose
   dimensionality is one the quantities table has a kind for (mass, length,
   area, volume, energy and power, duration, speed, frequency; pressure,
   electric charge and information as ``other``), and the prefixed forms of the
   SI units listed under ``pint.prefixed`` ("kilowatt hour", "milliampere hour",
   "gigabyte"). Forms: the name in words, its plural, its British spelling
   ("metre", "litre"), pint's aliases and its symbol ("kWh", "psi", "rpm";
   case-sensitive); ``pint.kinds`` gives a kind to units pint counts as
   dimensionless (bits and bytes). Units and forms that are everyday words after a number, or
   physics no news story writes, are left out by ``pint.exclude`` and
   ``pint.exclude_forms``.
2. **ISO 4217** through ``pycountry``: every code (``iso_codes``, upper case only
   after a number), and each currency's official name when it has more than one
   word ("Pound Sterling", "Hong Kong Dollar"; one-word names such as "Won" or
   "Real" are English words, so those come from the override file only).
3. **The override file** ``models/lexicons/units_overrides.json`` (hand-written):
   the surface forms news copy uses that the registry lacks ("bpd", "bcm",
   "mtpy", "mpg", "ppg", "lb-ft", "percent", "times", currency symbols such as
   "US$", "PS" for a pound sign lost in a plain-text feed, "Y=" for yen, and
   currency names), the canonical name of every unit the table already used
   ("tonne", "km", "kWh") and everything that is not a unit list (compounds,
   ambiguous forms, code lists).

Every unit gets a canonical name (the override's, else pint's symbol when it is a
short word such as "psi", else the name in words), a kind, and ``name``: the name
in words, singular, British spelling, as CQE's unit file writes it (read by
``bench/bench_quantities.py`` for units ``benchmark_units.json`` does not list).
The pipeline reads only the JSON: importing pint and building its registry takes
about two seconds, too slow for every run.

``--check`` rebuilds in memory and exits 1 if the file on disk differs (for CI).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

import pint
import pycountry

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "models" / "lexicons" / "units_overrides.json"
OUT = ROOT / "models" / "lexicons" / "units.json"

# pint's dimensionality -> the quantities table's unit_kind
KINDS = {
    "[mass]": "mass",
    "[length]": "length",
    "[length] ** 2": "area",
    "[length] ** 3": "volume",
    "[mass] * [length] ** 2 / [time] ** 2": "energy",
    "[length] ** 2 * [mass] / [time] ** 2": "energy",
    "[mass] * [length] ** 2 / [time] ** 3": "energy",
    "[time]": "duration",
    "[length] / [time]": "speed",
    "1 / [time]": "frequency",
    "[mass] / [length] / [time] ** 2": "other",
    "[current] * [time]": "other",
    "[information]": "other",
}
_IRREGULAR_PLURALS = {"foot": "feet", "inch": "inches", "century": "centuries", "millennium": "millennia", "hertz": "hertz", "pound force": "pounds force"}


def words(name: str) -> str:
    """pint's identifier in words, British spelling: "kilometer_per_hour" -> "kilometre per hour"."""
    text = name.replace("_", " ")
    return re.sub(r"(meter|liter)", lambda m: m.group(1)[:-2] + "re", text)


def plural(name: str) -> str:
    """"kilometres per hour", "acre feet", "pounds force per square inch", "fluid ounces"."""
    for sep in (" per ", " of "):
        head, found, tail = name.partition(sep)
        if found:
            return plural(head) + found + tail
    if name in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[name]
    first, _, last = name.rpartition(" ")
    if last in _IRREGULAR_PLURALS:
        return f"{first} {_IRREGULAR_PLURALS[last]}".strip()
    if last.endswith(("s", "hertz")):
        return name  # already plural or the same ("revolutions per minute", "siemens")
    return name + ("es" if last.endswith(("x", "ch", "sh")) else "s")


def pint_units(cfg: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Canonical name -> {kind, name, forms, symbols}: the registry's units the table can use (symbols are case-sensitive)."""
    ureg = pint.UnitRegistry()
    exclude = re.compile(cfg["exclude"])
    exclude_forms = set(cfg["exclude_forms"])
    canonical: dict[str, str] = cfg["canonical"]
    names = [n for n, d in ureg._units.items() if d.name == n and not exclude.search(n)]
    names += [p + base for base, prefixes in cfg["prefixed"].items() for p in prefixes]
    out: dict[str, dict[str, Any]] = {}
    for pname in sorted(set(names)):
        unit = ureg.Unit(pname)
        kind = KINDS.get(str(unit.dimensionality)) or next((k for base, k in cfg["kinds"].items() if pname.endswith(base)), None)
        if kind is None:
            continue
        spelled = words(pname)
        symbol = ureg.get_symbol(pname)
        canon = canonical.get(pname) or (symbol if re.fullmatch(r"[A-Za-z]{2,5}", symbol) else spelled)
        forms = {spelled, plural(spelled), pname.replace("_", " ")}
        forms |= {words(a) for a in ureg._units[pname].aliases} if pname in ureg._units else set()
        symbols = {symbol} if re.fullmatch(r"[A-Za-zµ°]{2,6}", symbol) and symbol not in exclude_forms else set()
        forms |= symbols
        forms = sorted(f for f in forms if f not in exclude_forms and len(f) > 1)
        entry = out.setdefault(canon, {"kind": kind, "name": spelled, "forms": [], "symbols": []})
        entry["forms"] = sorted(set(entry["forms"]) | set(forms))
        entry["symbols"] = sorted(set(entry["symbols"]) | symbols)
    return out


def merge_measures(generated: dict[str, dict[str, Any]], overrides: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The override's units on top of pint's: forms are added, kind/as/factor/name replaced; a form lives in one unit only."""
    owner: dict[str, str] = {}
    for canon, spec in overrides.items():
        for form in spec["forms"]:
            owner[form.lower()] = canon
    merged: dict[str, dict[str, Any]] = {}
    for canon, spec in generated.items():
        forms = [f for f in spec["forms"] if owner.get(f.lower(), canon) == canon]
        if forms or canon in overrides:
            merged[canon] = {"kind": spec["kind"], "name": spec["name"], "forms": forms}
    for canon, spec in overrides.items():
        entry = merged.setdefault(canon, {"kind": spec["kind"], "name": spec.get("name", canon), "forms": []})
        entry.update({k: v for k, v in spec.items() if k != "forms"})
        entry["forms"] = sorted(set(entry["forms"]) | set(spec["forms"]), key=lambda f: (f.lower(), f))
    return merged


def iso_currencies(currencies: dict[str, dict[str, Any]]) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """Every ISO 4217 code, and the override's currencies plus each multi-word official name."""
    codes = sorted(c.alpha_3 for c in pycountry.currencies)
    out = {code: {"symbols": list(spec["symbols"]), "names": list(spec["names"]), **{k: v for k, v in spec.items() if k not in ("symbols", "names")}} for code, spec in currencies.items()}
    taken = {n.lower() for spec in out.values() for n in spec["names"]}
    for c in pycountry.currencies:
        name = c.name
        if " " not in name or name.lower() in taken or re.search(r"[(),]|Unit|Fund|Code|Testing|Special|Bond|transactions", name):
            continue
        entry = out.setdefault(c.alpha_3, {"symbols": [], "names": []})
        entry["names"] += [name, plural(name)]
    return codes, out


def build() -> dict[str, Any]:
    ov = json.loads(OVERRIDES.read_text(encoding="utf-8"))
    generated = pint_units(ov["pint"])
    measures = merge_measures(generated, ov["measures"])
    kept = {f for m in measures.values() for f in m["forms"]}
    symbols = sorted({sym for m in generated.values() for sym in m["symbols"] if sym in kept} - set(ov["case_sensitive"]))
    codes, currencies = iso_currencies(ov["currencies"])
    out = {"_about": ov["_about_generated"], "measures": measures}
    out.update({k: v for k, v in ov.items() if k not in ("_about", "_about_generated", "pint", "measures", "currencies")})
    out["case_sensitive"] = ov["case_sensitive"] + symbols  # "MW" is not "mW"
    out["currencies"] = currencies
    out["iso_codes"] = codes
    return out


def render(data: dict[str, Any]) -> str:
    """One unit or currency a line, as the hand-written file was."""
    lines = ["{", f'  "_about": {json.dumps(data["_about"], ensure_ascii=False)},']
    keys = [k for k in data if k != "_about"]
    for n, key in enumerate(keys):
        value = data[key]
        end = "," if n < len(keys) - 1 else ""
        if isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):
            lines.append(f'  "{key}": {{')
            items = list(value.items())
            for m, (k, v) in enumerate(items):
                lines.append(f"    {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}" + ("," if m < len(items) - 1 else ""))
            lines.append("  }" + end)
        else:
            lines.append(f'  "{key}": {json.dumps(value, ensure_ascii=False)}{end}')
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if models/lexicons/units.json is not what the sources give")
    args = ap.parse_args()
    text = render(build())
    if args.check:
        same = OUT.read_text(encoding="utf-8") == text
        print("units.json is up to date" if same else "units.json differs from its sources: rerun scripts/build_unit_lexicon.py")
        sys.exit(0 if same else 1)
    OUT.write_text(text, encoding="utf-8")
    data = json.loads(text)
    print(f"{OUT.relative_to(ROOT)}: {len(data['measures'])} units, {sum(len(m['forms']) for m in data['measures'].values())} forms, {len(data['currencies'])} currencies, {len(data['iso_codes'])} ISO codes")


if __name__ == "__main__":
    main()
