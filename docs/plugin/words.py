"""The build's own words, in each language of the site.

Like the theme's strings (``theme.language``), these are the few words the
build itself writes into pages and downloads; everything else a reader
reads comes from the page's own source.
"""

from mkdocs.exceptions import PluginError

WORDS = {
    "en": {
        "download": "Download this notebook (.ipynb)",
        "carries": "This notebook carries the code of its page. The next "
                   "cells write it into a folder `snippets/` beside the "
                   "notebook, so that it runs with numpy, matplotlib and a "
                   "Jupyter kernel alone: {listed}, the same modules the "
                   "page shows and its tests check.",
        "source": "The source of this site",
    },
    "zh": {
        "download": "下载本笔记本（.ipynb）",
        "carries": "本笔记本自带其页面的代码：接下来的几个单元格把代码写入"
                   "笔记本旁边的文件夹 `snippets/`，因此只需 numpy、"
                   "matplotlib 和一个 Jupyter 内核就能运行。写入的是 "
                   "{listed}，与页面展示、测试检查的模块完全相同。",
        "source": "本站源代码",
    },
}


def words(language):
    """The build's words in ``language``.

    >>> words("zh")["source"]
    '本站源代码'
    """
    try:
        return WORDS[language]
    except KeyError:
        raise PluginError(
            f"theme.language '{language}': the build has no words in it; "
            f"add them to docs/plugin/words.py (it has "
            f"{', '.join(WORDS)})") from None
