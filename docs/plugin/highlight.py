"""Highlighted code in fewer elements.

Pygments wraps every name and every run of whitespace of a code block in
its own ``<span>``; the theme draws names in the code's own colour and
whitespace not at all, so those spans change nothing a reader sees but
make up a quarter to a third of a code block's elements, each styled
and laid out on a phone's slow CPU. They are unwrapped; the tokens
that are coloured keep their spans.
"""

import re

CODE = re.compile(r"(<code\b[^>]*>)(.*?)(</code>)", re.S)
# a name or whitespace token: no markup inside, so never nested
PLAIN_TOKEN = re.compile(r'<span class="(?:n|w)">([^<]*)</span>')


def unwrap_plain_tokens(content):
    """``content`` with the name and whitespace tokens of its code blocks
    as bare text.

    >>> unwrap_plain_tokens('<p><span class="n">x</span></p><pre><code>'
    ...                     '<span class="n">x</span><span class="w"> '
    ...                     '</span><span class="o">=</span></code></pre>')
    '<p><span class="n">x</span></p><pre><code>x <span class="o">=</span>\
</code></pre>'
    """
    return CODE.sub(lambda match: match[1] + PLAIN_TOKEN.sub(
        r"\1", match[2]) + match[3], content)
