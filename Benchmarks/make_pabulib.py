"""Writes a Pabulib file the size of a large city's: by default 131,778 voters and 257 projects,
popularity skewed as real votes are, from a fixed seed, in one of the shapes cities publish:

- approval10 (default): approval, max_length 10, VOTES with voter_id;vote only (about 3.7 MB);
- approval1: approval, max_length 1, VOTES with the columns a city adds (age, sex, voting
  method, district: Polish names, spaces, commas), projects with quoted names holding `;` and
  doubled quotes and empty vote counts, as Wrocław's files have them;
- approval5: the same with max_length 5;
- cumulative: cumulative, 10 points to share over up to 5 projects, VOTES with a points column
  and the extra columns.

    python3 Benchmarks/make_pabulib.py OUT.pb [VOTERS] [PROJECTS] [SHAPE]

The published file the benchmark reads first (../shared/data/pabulib) is a city's own; these
shapes are for what no published file at hand has: other vote types, and sizes beyond it.
"""

import random
import sys

SHAPES = ["approval10", "approval1", "approval5", "cumulative"]
DISTRICTS = ["Psie Pole-Zawidawie", "Biskupin-Sępolno-Dąbie-Bartoszowice", "Gaj", "Plac Grunwaldzki , Przedmieście Oławskie ,", "Ołbin", "Kleczków", ""]


def main() -> None:
    out = sys.argv[1]
    voters = int(sys.argv[2]) if len(sys.argv) > 2 else 131_778
    projects = int(sys.argv[3]) if len(sys.argv) > 3 else 257
    shape = sys.argv[4] if len(sys.argv) > 4 else "approval10"
    if shape not in SHAPES:
        sys.exit(f"shape {shape}: one of {', '.join(SHAPES)}")
    rng = random.Random(2026)
    weights = [1.0 / (rank + 3) for rank in range(projects)]
    costs = [rng.randrange(20, 900) * 1000 for _ in range(projects)]
    budget = sum(costs) // 4
    most = {"approval10": 10, "approval1": 1, "approval5": 5, "cumulative": 5}[shape]
    plain = shape == "approval10"
    lines = [
        "META",
        "key;value",
        f"description;Generated city-wide election (shishi benchmark, {shape})",
        "country;Poland",
        "unit;Benchmark",
        f"num_projects;{projects}",
        f"num_votes;{voters}",
        f"budget;{budget}",
        f"vote_type;{'cumulative' if shape == 'cumulative' else 'approval'}",
        "rule;greedy",
        f"max_length;{most}",
    ]
    if shape == "cumulative":
        lines.append("max_sum_points;10")
    if plain:
        lines += ["PROJECTS", "project_id;cost;name"]
        lines += [f"{p + 1};{costs[p]};Project {p + 1}" for p in range(projects)]
        lines += ["VOTES", "voter_id;vote"]
    else:
        lines += ["PROJECTS", "project_id;cost;votes;name;categories;selected;neighbourhood"]
        for p in range(projects):
            name = f'"Projekt ""{p + 1}"": plac; zieleń"' if p % 7 == 0 else f"Remont chodnika nr {p + 1}"
            votes = "" if p % 5 == 1 else str(rng.randrange(50, 3000))
            lines.append(f"{p + 1};{costs[p]};{votes};{name};walking/cycling infrastructure;{int(p % 9 == 0)};{DISTRICTS[p % len(DISTRICTS)]}")
        lines += ["VOTES", "voter_id;vote;points;age;sex;voting_method;district" if shape == "cumulative" else "voter_id;vote;age;sex;voting_method;district"]
    ids = list(range(1, projects + 1))
    for voter in range(voters):
        # Between 1 and max_length distinct projects (4 to 10 on the plain shape).
        size = rng.randint(4, 10) if plain else rng.randint(1, most)
        chosen = set()
        while len(chosen) < size:
            chosen.update(rng.choices(ids, weights=weights, k=size - len(chosen)))
        vote = ",".join(map(str, sorted(chosen)))
        if plain:
            lines.append(f"{100000 + voter};{vote}")
            continue
        extra = f"{rng.randint(16, 90)};{rng.choice('MF')};{rng.choice(['internet', 'paper'])};{rng.choice(DISTRICTS)}"
        if shape == "cumulative":
            # 10 points shared over the chosen projects, each given at least one.
            cuts = sorted(rng.sample(range(1, 10), size - 1))
            points = [b - a for a, b in zip([0] + cuts, cuts + [10])]
            lines.append(f"{100000 + voter};{vote};{','.join(map(str, points))};{extra}")
        else:
            lines.append(f"{100000 + voter};{vote};{extra}")
    with open(out, "w", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
