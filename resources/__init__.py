"""factmark's bundled data (patterns, word lists, gazetteers, label colours, the news model),
installed as the package ``annotations.resources``; read it through ``annotations.paths``."""
