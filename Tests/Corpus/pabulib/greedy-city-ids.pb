META
description;Dzielnica Testowa: ids as cities write them, META without its header line
country;Poland
unit;Testowo
instance;2026
num_projects;5
num_votes;9
budget;1000
vote_type;approval
rule;greedy
max_length;3
PROJECTS
project_id;cost;votes;name;category;selected
XIII.4;600;6;Zielony skwer;environment;1
12/B;500;5;Ścieżka rowerowa;transport;0
Ogród 3;300;4;Ogród społeczny;environment;1
ŁÓDŹ-7;150;3;Ławki;public space;0
5;200;2;Biblioteka;culture;0
VOTES
voter_id;age;sex;vote
1;34;F;XIII.4,12/B,Ogród 3
2;51;M;XIII.4,12/B,ŁÓDŹ-7
x/3;22;F;XIII.4,12/B,5
4;45;M;XIII.4,Ogród 3,ŁÓDŹ-7
5 a;63;F;XIII.4,12/B,Ogród 3
6;29;M;XIII.4,12/B,5
7;38;F;Ogród 3,ŁÓDŹ-7
8;70;M;
9;19;F;
