META
key;value
description;Every project fits; no max_length
num_projects;3
num_votes;4
budget;1 000
vote_type;approval
rule;greedy
PROJECTS
project_id;name;cost;selected
1;Plac zabaw;200;1
2;Chodnik;300;1
3;Drzewa;100;1
VOTES
voter_id;vote
a;1,2,3
b;1
c;2,3
d;3
