"""The ids of the five bundled articles, for tests that name them."""

A000 = "000_5a428d05ab98c0ea"
A001 = "001_3cd9964ab855c274"
A002 = "002_851d0b61443ca080"
A003 = "003_e563ca9e96c9e019"
A004 = "004_bd1c9e8bd9a0bffe"
SEED_IDS = (A000, A001, A002, A003, A004)
