"""The authority-scale benchmark (issue 10): every main page against a reference page, the
background jobs against their time and memory budgets, and the exports against the libraries
alone. ``manage.py benchmark`` runs it; ``scripts/benchmark.sh`` runs that against a seeded
council of 100,000 children (and one of 1,000 for the query counts).

- ``budgets``: the budgets as data and the pure checks against them
- ``subjects``: the users and records measured, found before anything is timed
- ``pages``: the pages, and their measurement through Django's test client
- ``views``, ``urls``: the reference page, which exists only in the benchmark's URLs
- ``jobs``: the jobs, each in a process of its own
- ``baselines``: openpyxl alone and WeasyPrint alone doing the same work
- ``report``: the printed table and the JSON
"""
