META
key;value
description;Counted by the city under equal shares, not greedy
num_projects;3
num_votes;5
budget;100
vote_type;approval
rule;equalshares
max_length;3
PROJECTS
project_id;cost;name;selected
1;80;Duży park;0
2;50;Mały park;1
3;50;Biblioteka;1
VOTES
voter_id;vote
1;1,2
2;1,2
3;1
4;3
5;3
