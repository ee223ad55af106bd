"""What a person types into a search box, as a full-text (FTS5) query."""


def fts_query(text: str) -> str:
    """A search box's words as an FTS5 query: every word must match, the last one as a prefix."""
    words = [w for w in text.replace('"', " ").split() if w]
    if not words:
        return '""'
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)
