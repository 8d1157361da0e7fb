"""Tested code behind the pages of Appendix E, one module per page.

Each page module computes what its page shows and names every number the
page prints in ``page_values()``; ``values.py`` prints numbers the way the
pages do; ``figures.py`` draws in the site's style. Nothing here knows how
the site is built.
"""
