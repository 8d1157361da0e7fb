"""Link the repository without the theme calling a third-party API.

With ``repo_url`` set, Material shows a repository badge whose script asks
GitHub's API for stars and forks, from the reader's browser. This site asks
no host but its own, so the repository becomes a plain footer link, and
the edit links keep working through an absolute ``edit_uri``.
"""

from urllib.parse import urljoin



def configure(config, link_name):
    """Run again on the same config, it changes nothing more."""
    social = config.extra.setdefault("social", [])
    if any(link.get("name") == link_name for link in social):
        return  # configured already
    repository = config.repo_url
    if not repository:
        config.edit_uri = None  # no public home yet: link nothing
        return
    config.repo_url = None  # no badge, so no API call
    if config.edit_uri and not config.edit_uri.startswith(("http:",
                                                           "https:")):
        config.edit_uri = urljoin(repository.rstrip("/") + "/",
                                  config.edit_uri)
    social.append({"icon": "fontawesome/brands/github",
                   "link": repository, "name": link_name})
