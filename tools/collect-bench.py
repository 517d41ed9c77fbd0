#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""The plain-Python baseline for the collect bench (tools/bench.d/40-collect.sh).

Does what utilab-collect does for a utilab CSV without a workshop, in the
most ordinary way: csv module and dicts. It reads every record, checks the
type and the votes, merges duplicates (the same serial with the same text:
one item, both sources; another text: both kept, the second renamed),
groups frictions by sequence then stage, sorts each group by votes (most
first) then by id, counts tags across tables and items per session and
table, and writes a Markdown report, or a JSON one with --json. Usage:
    python3 tools/collect-bench.py [--json] IN.csv > OUT
"""
import csv
import json
import sys
from collections import defaultdict

TYPES = {"friction", "idea", "vote", "note"}


def main(path, as_json=False):
    groups = defaultdict(lambda: defaultdict(list))
    by_id = {}
    n_dups = 0
    ideas, notes, quarantine = [], [], []
    tags = defaultdict(lambda: [0, set()])
    tables = defaultdict(lambda: defaultdict(int))
    n_in = 0
    with open(path, newline="", encoding="utf-8-sig") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            n_in += 1
            kind = row.get("type", "").strip()
            votes = row.get("votes", "").strip() or "0"
            if kind not in TYPES or not votes.isdigit():
                quarantine.append((path, line, "bad type or votes"))
                continue
            serial = (row.get("serial") or "").strip().upper()
            item = {
                "id": serial or "%s:%d" % (path, line),
                "text": row.get("text", "").strip(),
                "votes": int(votes),
                "tags": sorted(set(t.strip() for t in row.get("tags", "").split("|") if t.strip())),
                "session": row.get("session"),
                "table": row.get("table"),
                "sources": ["%s:%d" % (path, line)],
            }
            same = by_id.get(item["id"])
            if same is not None:
                if same["text"] == item["text"]:
                    same["sources"].append(item["sources"][0])
                    same["votes"] = max(same["votes"], item["votes"])
                    n_dups += 1
                    continue
                item["id"] += "~2"
            by_id[item["id"]] = item
            if kind == "friction":
                groups[row.get("sequence") or ""][row.get("stage") or ""].append(item)
            elif kind == "idea":
                ideas.append(item)
            else:
                notes.append(item)
            for t in item["tags"]:
                tags[t][0] += 1
                tags[t][1].add((item["session"], item["table"]))
            tables[(item["session"], item["table"])][kind] += 1

    out = sys.stdout
    kept = n_in - len(quarantine) - n_dups

    def order(it):
        return (-it["votes"], it["id"])

    if as_json:
        json.dump({
            "counts": {"in": n_in, "kept": kept, "duplicates": n_dups,
                       "quarantined": len(quarantine)},
            "sequences": [{"id": seq, "stages": [
                {"stage": stage, "frictions": sorted(groups[seq][stage], key=order)}
                for stage in sorted(groups[seq])]} for seq in sorted(groups)],
            "ideas": sorted(ideas, key=order),
            "notes": sorted(notes, key=order),
            "tags": [{"tag": t, "items": c, "tables": len(w)} for t, (c, w) in
                     sorted(tags.items(), key=lambda kv: (-kv[1][0], kv[0]))],
            "tables": [{"session": s, "table": t, "items": sum(c.values())}
                       for (s, t), c in sorted(tables.items(), key=lambda kv: (kv[0][0] or "", kv[0][1] or ""))],
            "quarantine": [{"file": f, "line": l, "reason": r} for f, l, r in quarantine],
        }, out, ensure_ascii=False, indent=1)
        sys.stderr.write("%d in = %d kept + %d duplicates + %d quarantined\n"
                         % (n_in, kept, n_dups, len(quarantine)))
        return
    out.write("---\ntitle: \"Synthèse\"\n---\n\n%d in: %d kept, %d quarantined.\n\n"
              % (n_in, kept, len(quarantine)))

    def line_of(it):
        return "- **%s** %s — %d votes — %s — %s (%s) — %s\n" % (
            it["id"], it["text"], it["votes"], ", ".join(it["tags"]),
            it["table"], it["session"], ", ".join(it["sources"]))

    out.write("# Frictions\n\n")
    for seq in sorted(groups):
        out.write("## %s\n\n" % seq)
        for stage in sorted(groups[seq]):
            out.write("### %s\n\n" % stage)
            for it in sorted(groups[seq][stage], key=order):
                out.write(line_of(it))
            out.write("\n")
    out.write("# Ideas\n\n")
    for it in sorted(ideas, key=order):
        out.write(line_of(it))
    out.write("\n# Tags\n\n| Tag | Items | Tables |\n|:---|---:|---:|\n")
    for t, (count, where) in sorted(tags.items(), key=lambda kv: (-kv[1][0], kv[0])):
        out.write("| %s | %d | %d |\n" % (t, count, len(where)))
    out.write("\n# Tables\n\n| Session | Table | Items |\n|:---|:---|---:|\n")
    for (session, table), counts in sorted(tables.items()):
        out.write("| %s | %s | %d |\n" % (session, table, sum(counts.values())))
    sys.stderr.write("%d in = %d kept + %d duplicates + %d quarantined\n"
                     % (n_in, kept, n_dups, len(quarantine)))


if __name__ == "__main__":
    if sys.argv[1] == "--json":
        main(sys.argv[2], as_json=True)
    else:
        main(sys.argv[1])
