#!/usr/bin/env python3
"""The plain-Python baseline for the collect bench (tools/bench.d/40-collect.sh).

Does what utilab-collect does for a utilab CSV without a workshop, in the
most ordinary way: csv module and dicts. It reads every record, checks the
type and the votes, groups frictions by sequence then stage, sorts each
group by votes (most first) then by id, counts tags across tables and items
per session and table, and writes a Markdown report. Usage:
    python3 tools/collect-bench.py IN.csv > OUT.md
"""
import csv
import sys
from collections import defaultdict

TYPES = {"friction", "idea", "vote", "note"}


def main(path):
    groups = defaultdict(lambda: defaultdict(list))
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
            item = {
                "id": row.get("serial") or "%s:%d" % (path.rsplit("/", 1)[-1], line),
                "text": row.get("text", "").strip(),
                "votes": int(votes),
                "tags": sorted(set(t.strip() for t in row.get("tags", "").split("|") if t.strip())),
                "session": row.get("session"),
                "table": row.get("table"),
                "source": "%s:%d" % (path, line),
            }
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
    kept = n_in - len(quarantine)
    out.write("---\ntitle: \"Synthèse\"\n---\n\n%d in: %d kept, %d quarantined.\n\n"
              % (n_in, kept, len(quarantine)))

    def line_of(it):
        return "- **%s** %s — %d votes — %s — %s (%s) — %s\n" % (
            it["id"], it["text"], it["votes"], ", ".join(it["tags"]),
            it["table"], it["session"], it["source"])

    def order(it):
        return (-it["votes"], it["id"])

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
    sys.stderr.write("%d in = %d kept + 0 duplicates + %d quarantined\n"
                     % (n_in, kept, len(quarantine)))


if __name__ == "__main__":
    main(sys.argv[1])
