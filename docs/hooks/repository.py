"""Link the repository without the theme calling a third-party API.

With ``repo_url`` set, Material shows a repository badge whose script asks
GitHub's API for stars and forks, from the reader's browser. This site asks
no host but its own, so the hook shows the repository as a plain footer
link instead, and keeps the edit links by making ``edit_uri`` absolute.
"""

from urllib.parse import urljoin


def on_config(config):
    repository = config.repo_url
    if not repository:
        config.edit_uri = None  # no public home yet: link nothing
        return config
    config.repo_url = None  # no badge, so no API call
    if config.edit_uri and not config.edit_uri.startswith(("http:",
                                                           "https:")):
        config.edit_uri = urljoin(repository.rstrip("/") + "/",
                                  config.edit_uri)
    config.extra.setdefault("social", []).append({
        "icon": "fontawesome/brands/github", "link": repository,
        "name": "The source of this site"})
    return config
