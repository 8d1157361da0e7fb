"""What the fork server (editions.py) readies, once, before it forks the
editions' processes: work every such process would otherwise do first.

The theme's search cuts a Chinese edition's words with jieba, which reads
its dictionary (about a second) on first use; read here, every process
forked afterwards has it. Its notice of the reading is not printed (a
build sets the same level while it runs).
"""

import importlib.util
import logging

if importlib.util.find_spec("jieba") is not None:
    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    jieba.initialize()
