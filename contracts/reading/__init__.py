"""Reading the list of runs: pages and walks (`listing`), what of a moving list held still (`stillness`), and
the walks a run fetches once for every check (`lists`).
"""
