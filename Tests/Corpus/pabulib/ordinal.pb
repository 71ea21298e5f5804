META
key;value
description;Ordinal: a ranking
num_projects;3
num_votes;2
budget;100
vote_type;ordinal
PROJECTS
project_id;cost;name
1;50;Pierwszy
2;50;Drugi
3;50;Trzeci
VOTES
voter_id;vote
1;2,1,3
2;1,3,2
