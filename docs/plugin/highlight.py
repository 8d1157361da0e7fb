"""Highlighted code in fewer elements.

Pygments wraps every name, every punctuation mark and every run of
whitespace of a code block in its own ``<span>``: half of a code
block's elements, each styled and laid out on a phone's slow CPU. The
theme draws names in the code's own colour, whitespace not at all, and
(docs/stylesheets/site.css) punctuation and operators in the code's own
colour too, so those spans change nothing a reader sees; they are
unwrapped. The
tokens that are coloured keep their spans, and neighbours of one
colour, with nothing or only whitespace between them, share one span.
"""

import re

CODE = re.compile(r"(<code\b[^>]*>)(.*?)(</code>)", re.S)
# Pygments' classes for names, punctuation, operators and whitespace
UNWRAPPED = ("n", "p", "o", "w")
# such a token: no markup inside, so never nested
PLAIN_TOKEN = re.compile(
    rf'<span class="(?:{"|".join(UNWRAPPED)})">([^<]*)</span>')
# two tokens of one class, apart by whitespace only (drawn the same in
# one span: whitespace has no colour)
SAME_NEIGHBOURS = re.compile(
    r'(<span class="([\w-]+)">[^<]*)</span>(\s*)<span class="\2">')


def unwrap_plain_tokens(content):
    """``content`` with the name, punctuation, operator and whitespace
    tokens of its code blocks as bare text, and each run of same-coloured
    tokens in one span.

    >>> unwrap_plain_tokens('<p><span class="n">x</span></p><pre><code>'
    ...                     '<span class="n">x</span><span class="w"> '
    ...                     '</span><span class="o">=</span><span '
    ...                     'class="mi">1</span></code></pre>')
    '<p><span class="n">x</span></p><pre><code>x =<span class="mi">1</span>\
</code></pre>'
    >>> unwrap_plain_tokens('<code><span class="k">not</span><span '
    ...                     'class="k">in</span>\\n  <span class="k">is'
    ...                     '</span><span class="p">(</span></code>')
    '<code><span class="k">notin\\n  is</span>(</code>'
    """
    return CODE.sub(lambda match: match[1] + _merge_neighbours(
        PLAIN_TOKEN.sub(r"\1", match[2])) + match[3], content)


def _merge_neighbours(code):
    while True:  # each pass joins pairs; a run of n needs log n passes
        merged = SAME_NEIGHBOURS.sub(r"\1\3", code)
        if merged == code:
            return code
        code = merged
