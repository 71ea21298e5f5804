"""Writes a Pabulib approval file the size of a large city's: by default 131,778 voters and
257 projects (about 3.7 MB), popularity skewed as real votes are, from a fixed seed; no voter
chooses more than max_length projects (10), as in the files cities publish.

    python3 Benchmarks/make_pabulib.py OUT.pb [VOTERS] [PROJECTS]
"""

import random
import sys


def main() -> None:
    out = sys.argv[1]
    voters = int(sys.argv[2]) if len(sys.argv) > 2 else 131_778
    projects = int(sys.argv[3]) if len(sys.argv) > 3 else 257
    rng = random.Random(2026)
    weights = [1.0 / (rank + 3) for rank in range(projects)]
    costs = [rng.randrange(20, 900) * 1000 for _ in range(projects)]
    budget = sum(costs) // 4
    lines = [
        "META",
        "key;value",
        "description;Generated city-wide election (shishi benchmark)",
        "country;Poland",
        "unit;Benchmark",
        f"num_projects;{projects}",
        f"num_votes;{voters}",
        f"budget;{budget}",
        "vote_type;approval",
        "rule;greedy",
        "max_length;10",
        "PROJECTS",
        "project_id;cost;name",
    ]
    lines += [f"{p + 1};{costs[p]};Project {p + 1}" for p in range(projects)]
    lines += ["VOTES", "voter_id;vote"]
    ids = list(range(1, projects + 1))
    for voter in range(voters):
        # Between 4 and max_length distinct projects, as a city's voting system lets a voter choose.
        size = rng.randint(4, 10)
        chosen = set()
        while len(chosen) < size:
            chosen.update(rng.choices(ids, weights=weights, k=size - len(chosen)))
        lines.append(f"{100000 + voter};{','.join(map(str, sorted(chosen)))}")
    with open(out, "w", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
