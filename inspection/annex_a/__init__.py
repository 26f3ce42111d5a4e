"""Ofsted's Annex A child-level lists (ILACS, August 2019 template) produced from the case records:
spec.py (the lists, titles and headers), lists.py and need.py (the rows), workbook.py (the
.xlsx file). ``python manage.py export_annex_a`` writes it."""
