"""The build plugin of the appendix (``plugins: - appendix`` in mkdocs.yml).

``plugin.py`` holds the MkDocs events and hands each part what it needs;
every other module owns one concern and knows nothing of MkDocs' events.
"""
